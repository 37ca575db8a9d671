//! Command-line interface: one file per subcommand, shared argument groups and config
//! resolution in `common.rs`.

mod check;
mod clean;
mod common;
mod config_cmd;
mod dups;
mod expect;
mod near_dups;
mod rules;

use clap::{Parser, Subcommand};

/// Exit status: nothing to report.
pub const EXIT_OK: i32 = 0;
/// Exit status: `check` found something.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit status: an input or the configuration had an error.
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser)]
#[command(
    name = "thresh",
    version,
    about = "Turns scraped web text into clean corpus documents and flags near-duplicate articles",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Clean documents: decode, normalize, strip debris, repair paragraphs, remove repeats.
    Clean(clean::CleanArgs),
    /// Report what `clean` would change, as diagnostics (exit 0 clean, 1 findings, 2 errors).
    Check(check::CheckArgs),
    /// List the rules, or explain one (`thresh rules D204`).
    Rules(rules::RulesArgs),
    /// Print the effective configuration for a path.
    Config(config_cmd::ConfigArgs),
    /// Find near-duplicate documents: pairs with evidence, and clusters.
    Dups(dups::DupsArgs),
}

/// Runs the command line and returns the exit status.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Clean(args) => clean::run(args),
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Config(args) => config_cmd::run(args),
        Command::Dups(args) => dups::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => EXIT_OK,
        Err(e) => {
            eprintln!("thresh: {e:#}");
            EXIT_ERROR
        }
    }
}

/// A closed stdout (`thresh … | head`) ends the run quietly.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
