//! The flags, as clap derives them. Doc comments here are the `--help` text.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// isnad: Arabic-first news intelligence. Who is mentioned, who is said to do what to whom,
/// who says so and through which chain of sources.
#[derive(Debug, Parser)]
#[command(name = "isnad", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyze documents into entities, relations, quotes and dates (the isnad.analysis/1 JSON).
    Analyze(AnalyzeArgs),
    /// Normalize standard input to standard output, line by line.
    Normalize(NormalizeArgs),
    /// Tokenize standard input: one token per line with offsets, kind and search key.
    Tokenize(TokenizeArgs),
    /// Train a model from the corpora in ../shared/data.
    #[command(subcommand)]
    Train(TrainCommand),
    /// Evaluate a model on a held-out test file.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Show or extend the knowledge base of actors and places.
    #[command(subcommand)]
    Kb(KbCommand),
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// One JSON object (an array of objects for several files).
    Json,
    /// One JSON object per line, in input order.
    Jsonl,
    /// A report for people.
    Pretty,
}

#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {
    /// Files to analyze; `-` reads standard input.
    #[arg(required = true)]
    pub files: Vec<String>,
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    /// Add the tokens, with offsets, search keys, segments and POS tags.
    #[arg(long)]
    pub tokens: bool,
    /// Publication date (YYYY-MM-DD) of the documents, for relative dates such as «أمس».
    #[arg(long)]
    pub published: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct NormalizeArgs {
    /// `search` folds everything a search should ignore; `display` only cleans.
    #[arg(long, default_value = "search")]
    pub level: String,
    /// Report the invisible characters removed, on standard error.
    #[arg(long)]
    pub report: bool,
}

#[derive(Debug, clap::Args)]
pub struct TokenizeArgs {
    /// Also print the syntactic words of each Arabic token with their POS tags.
    #[arg(long)]
    pub segments: bool,
}

#[derive(Debug, Subcommand)]
pub enum TrainCommand {}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {}

#[derive(Debug, Subcommand)]
pub enum KbCommand {}

#[allow(dead_code)]
pub type OptPath = Option<PathBuf>;
