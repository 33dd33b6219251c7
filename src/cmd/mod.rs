//! One module per subcommand. Each returns `Ok(true)` when every input succeeded, `Ok(false)` when
//! some inputs failed but were reported, and `Err` when the command could not run at all.

mod analyze;
mod bench;
mod check;
pub mod corpus;
mod eval_extract;
mod export;
mod filters;
pub mod kb;
mod models;
pub mod parser;
mod relations;
mod serve;
mod speakers;
mod stories_train;
mod team;

use crate::cli::{Cli, Command};
use anyhow::Result;

pub fn run(cli: Cli) -> Result<bool> {
    match cli.command {
        Command::Analyze(args) => analyze::run(&args),
        Command::Normalize(args) => filters::normalize(&args),
        Command::Tokenize(args) => filters::tokenize(&args),
        Command::Train(cmd) => models::train(&cmd),
        Command::Eval(cmd) => models::eval(&cmd),
        Command::Kb(cmd) => kb::run(&cmd),
        Command::Bench(cmd) => bench::run(&cmd),
        Command::Ingest(args) => corpus::ingest(&args),
        Command::Search(args) => corpus::search(&args),
        Command::Entity(args) => corpus::entity(&args),
        Command::Stories(args) => corpus::stories(&args),
        Command::Stats(args) => corpus::stats(&args),
        Command::Check(args) => check::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Db(cmd) => team::db(&cmd),
        Command::Worker(args) => team::worker(&args),
    }
}
