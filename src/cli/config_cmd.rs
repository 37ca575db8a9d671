//! `thresh config [PATH]`: prints the configuration that applies to PATH (the closest
//! `thresh.toml` above it, or `--config`, with command-line flags on top), as TOML.

use std::path::PathBuf;

use clap::Args;

use super::common::{PipelineArgs, Pipelines};
use super::EXIT_OK;

#[derive(Args)]
pub struct ConfigArgs {
    /// The file or folder whose configuration to show (default: the current folder).
    #[arg(value_name = "PATH", default_value = ".")]
    path: PathBuf,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

pub fn run(args: ConfigArgs) -> anyhow::Result<i32> {
    let pipelines = Pipelines::new(&args.pipeline)?;
    let config_path = pipelines.config_path_for(&args.path);
    let settings = pipelines
        .settings(config_path.as_deref())
        .map_err(anyhow::Error::msg)?;
    match &config_path {
        Some(path) => println!("# from {}", path.display()),
        None => println!("# defaults (no thresh.toml found)"),
    }
    print!("{}", settings.to_toml());
    Ok(EXIT_OK)
}
