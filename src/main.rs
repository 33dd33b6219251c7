//! The `isnad` command line: it parses flags, hands the work to the pipeline crates, and maps the
//! outcome to an exit code. It holds no analysis logic of its own.

mod cli;
mod cmd;
mod input;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cmd::run(args) {
        Ok(true) => ExitCode::SUCCESS,
        // Some inputs failed; each was already reported and the rest were processed.
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("isnad: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// `isnad analyze … | head` closes our stdout early; that is the reader's choice, not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|json| json.io_error_kind() == Some(BrokenPipe))
    })
}
