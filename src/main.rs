//! The `thresh` binary: parses arguments, dispatches to a subcommand, maps the outcome to an
//! exit code. The work is done by the library.

mod cli;

fn main() {
    let code = cli::main();
    std::process::exit(code);
}
