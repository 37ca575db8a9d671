//! `thresh rules`: lists every rule (`CODE  name  summary`, by stage), or prints one
//! rule's full explanation.
//!
//! ```text
//! thresh rules          the list
//! thresh rules D204     one rule explained (a code or a name)
//! ```

use clap::Args;
use thresh::registry;

use super::{EXIT_ERROR, EXIT_OK};

#[derive(Args)]
pub struct RulesArgs {
    /// A rule code (`D204`) or name (`photo-credit`) to explain.
    #[arg(value_name = "CODE")]
    code: Option<String>,
}

pub fn run(args: RulesArgs) -> anyhow::Result<i32> {
    match args.code {
        None => {
            for stage in registry::STAGES {
                println!("{} — {}", stage.name, stage.summary);
                for rule in stage.rules {
                    println!("  {:<5} {:<28} {}", rule.code, rule.name, rule.summary);
                }
            }
            Ok(EXIT_OK)
        }
        Some(code) => match registry::find_rule(&code) {
            Some((stage, rule)) => {
                println!(
                    "{} {} (stage: {stage})\n\n{}\n\n{}",
                    rule.code, rule.name, rule.summary, rule.explanation
                );
                Ok(EXIT_OK)
            }
            None => {
                eprintln!("thresh: no rule {code:?} (`thresh rules` lists them)");
                Ok(EXIT_ERROR)
            }
        },
    }
}
