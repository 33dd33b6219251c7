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
    /// Measure throughput and memory on real news (SaudiNewsNet).
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Read files and folders into the corpus (analysis, store, full-text index, stories).
    Ingest(IngestArgs),
    /// Search the corpus (Arabic-aware: clitics, spelling variants, Latin names).
    Search(SearchArgs),
    /// Everything the corpus knows about one actor: aliases, dates, relations, quotes.
    Entity(EntityArgs),
    /// The stories: documents reporting the same event (CONTRACT JSON with --format json).
    Stories(StoriesArgs),
    /// An overview of the corpus (and a consistency check with --check).
    Stats(StatsArgs),
    /// Verify the store against the full-text index (SQLite integrity, orphan and dangling
    /// rows, document counts); --repair rebuilds the index from the store.
    Check(CheckArgs),
    /// Export the corpus, or a slice of it, for OpenCTI/MISP (STIX 2.1), Gephi (GraphML),
    /// Aleph (FollowTheMoney) or a spreadsheet (CSV, JSONL).
    Export(ExportArgs),
    /// Serve the corpus: a JSON API under /api/ and the web workbench at / (loopback by
    /// default; writes need the token printed at first start).
    Serve(ServeArgs),
    /// Team mode's PostgreSQL database: `isnad db migrate --db postgres://…`.
    #[command(subcommand)]
    Db(DbCommand),
    /// Team mode: analyze queued documents into the PostgreSQL store (`ingest --db` queues
    /// them); stateless, run as many as there are cores, on any machine that reaches the database.
    Worker(WorkerArgs),
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Apply the schema migrations the database lacks (embedded in this binary).
    Migrate(DbUrlArg),
}

/// Team mode's database.
#[derive(Debug, clap::Args)]
pub struct DbUrlArg {
    /// PostgreSQL URL (postgres://user@host:port/db); default: $ISNAD_DB.
    #[arg(long, env = "ISNAD_DB")]
    pub db: String,
}

#[derive(Debug, clap::Args)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub db: DbUrlArg,
    /// Documents analyzed at once (threads, one database connection each).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=256))]
    pub concurrency: u32,
    /// Jobs a thread claims at once.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(i64).range(1..=1000))]
    pub batch: i64,
    /// Seconds a claim holds; past it another worker takes the job over.
    #[arg(long, default_value_t = 300.0)]
    pub lease_secs: f64,
    /// Attempts before a document is marked failed (shown by `isnad stats --db`).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(i32).range(1..=100))]
    pub max_attempts: i32,
    /// Exit when no job is queued or running (default: wait for new jobs).
    #[arg(long)]
    pub exit_when_empty: bool,
    /// Never group stories (default: group what is new when the queue runs dry, one
    /// process at a time; `isnad stories --db` catches up).
    #[arg(long)]
    pub no_stories: bool,
    /// A folder of model files that replace the embedded ones (as for `analyze --models`).
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
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

/// A real calendar day `YYYY-MM-DD` (no 2015-13-45, no 2015-02-29), so that relative
/// dates never resolve against an impossible one.
fn calendar_day(s: &str) -> Result<String, String> {
    let bad = || format!("{s:?} is not a calendar day YYYY-MM-DD");
    let mut parts = s.splitn(3, '-');
    let mut next = |len: usize| {
        parts
            .next()
            .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
            .ok_or_else(bad)
    };
    let (y, m, d) = (next(4)?, next(2)?, next(2)?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if !(1..=days).contains(&d) {
        return Err(bad());
    }
    Ok(s.to_string())
}

#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {
    /// Files or folders to analyze; `-` reads standard input. Every format `ingest` reads:
    /// .txt (and any other extension) as plain text, .html/.htm pages, and the multi-document
    /// .jsonl, .json (Telegram export, article array) and .warc(.gz), one analysis per record.
    #[arg(required = true)]
    pub files: Vec<String>,
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    /// Add the tokens, with offsets, search keys, segments and POS tags.
    #[arg(long)]
    pub tokens: bool,
    /// Publication date (YYYY-MM-DD) of the documents, for relative dates such as «أمس»;
    /// overrides the date a record carries.
    #[arg(long, value_parser = calendar_day)]
    pub published: Option<String>,
    /// A folder of model files (segmenter.bin with tagger.bin, ner.bin.zst, clusters.bin.zst,
    /// named as in models/); each one present replaces the embedded model.
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
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
pub enum TrainCommand {
    /// The clitic segmenter, from UD Arabic-PADT (CoNLL-U-like compact files).
    Segmenter(MorphTrainArgs),
    /// The UPOS tagger, from UD Arabic-PADT.
    Tagger(MorphTrainArgs),
    /// The NER tagger: ANERcorp (CAMeL split), optional extra corpora, gazetteers, self-training.
    Ner(Box<NerTrainArgs>),
    /// Brown-style word clusters from the raw SaudiNewsNet articles (a NER feature).
    Clusters(ClustersTrainArgs),
    /// The dependency parser, from UD Arabic-PADT v1 (all but the held-out documents).
    Parser(ParserTrainArgs),
    /// The relation classifier, from the `train` split of the annotated articles.
    Relations(RelationsTrainArgs),
    /// The quote-speaker ranker, from the `train` split of ../shared/train.
    Speakers(SpeakersTrainArgs),
    /// The story pair model, from hand-grouped stories (never the test file).
    Stories(StoriesTrainArgs),
}

#[derive(Debug, clap::Args)]
pub struct StoriesTrainArgs {
    /// Gold stories; meta.tsv and text/<id>.txt are read beside it.
    #[arg(long, default_value = "../shared/train/stories/stories-train.json")]
    pub gold: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "models/stories.bin")]
    pub out: PathBuf,
    /// L2 penalty of the logistic regression.
    #[arg(long, default_value_t = 1.0)]
    pub l2: f64,
    /// Loss weight of a hard-negative pair.
    #[arg(long, default_value_t = 5.0)]
    pub hard_weight: f32,
}

#[derive(Debug, clap::Args)]
pub struct RelationsTrainArgs {
    /// Folder of annotations: entities.json, <doc>.json, and split.tsv beside it.
    #[arg(long, default_value = "../shared/train/gold")]
    pub gold: PathBuf,
    /// Folder of the articles, <doc>.txt.
    #[arg(long, default_value = "../shared/train/text")]
    pub text: PathBuf,
    /// The split of split.tsv to fit on (never `test`).
    #[arg(long, default_value = "train")]
    pub split: String,
    /// Fit on this share of the split's articles (the first ones in id order), for a learning
    /// curve.
    #[arg(long, default_value_t = 1.0)]
    pub fraction: f64,
    /// Where to write the model.
    #[arg(long, default_value = "models/relations.bin")]
    pub out: PathBuf,
    /// Passes over the candidates.
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// Seed of the shuffles; the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Debug, clap::Args)]
pub struct SpeakersTrainArgs {
    /// Folder of annotations: entities.json, <doc>.json and split.tsv beside it.
    #[arg(long, default_value = "../shared/train/gold")]
    pub gold: PathBuf,
    /// Folder of the articles, <doc>.txt.
    #[arg(long, default_value = "../shared/train/text")]
    pub text: PathBuf,
    /// The meta.tsv whose dates are the articles' publication dates.
    #[arg(long, default_value = "../shared/train/meta.tsv")]
    pub meta: PathBuf,
    /// The split of split.tsv to train on (never `test`).
    #[arg(long, default_value = "train")]
    pub split: String,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    /// Seed of the shuffle; the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Training epochs (2: chosen by cross-validation; more passes fit the train split better
    /// and held-out articles worse).
    #[arg(long, default_value_t = 2)]
    pub epochs: usize,
    /// Cross-validation folds (by article) for the held-out figure.
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Feature templates to leave out (comma-separated numbers), for ablations.
    #[arg(long, value_delimiter = ',')]
    pub exclude: Vec<u32>,
}

#[derive(Debug, clap::Args)]
pub struct MorphTrainArgs {
    /// Training file, e.g. ../shared/data/ud-arabic-padt/v2-compact-kariminf/ar_padt-ud-train.txt
    #[arg(long)]
    pub train: PathBuf,
    /// Development file: picks the epoch and thresholds (never the test file).
    #[arg(long)]
    pub dev: PathBuf,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    /// Seed of every random choice; the same seed gives the same bytes.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Tagger only: folder of unlabelled text (SaudiNewsNet `dataset`) for
    /// its word signatures and clusters; searched above --train if omitted.
    #[arg(long)]
    pub unlabeled: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct NerTrainArgs {
    /// ANERcorp train file (CAMeL Lab split).
    #[arg(long)]
    pub train: PathBuf,
    /// Dev file; without it the tail of the train file is held out.
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// Where to write the model (zstd-compressed).
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Maximum epochs (the best dev epoch is kept).
    #[arg(long)]
    pub epochs: Option<usize>,
    /// ANETAC `EN-AR Named-entities.txt`, a typed gazetteer.
    #[arg(long)]
    pub anetac: Option<PathBuf>,
    /// AQMAR `NEList.txt`, an untyped gazetteer of Wikipedia titles.
    #[arg(long)]
    pub aqmar_lexicon: Option<PathBuf>,
    /// The AQMAR articles directory: its 8 dev articles tune the Wikipedia model and join its
    /// training at refit (test articles are never read).
    #[arg(long)]
    pub aqmar_dev: Option<PathBuf>,
    /// WikiFANE Gold files (Wikipedia domain; never NewsFANE, which is the ANERcorp text).
    #[arg(long)]
    pub wikifane: Vec<PathBuf>,
    /// Wojood 1.1 flat files (their own domain).
    #[arg(long)]
    pub wojood: Vec<PathBuf>,
    /// isnad's knowledge base (kb/actors.tsv) as a typed gazetteer.
    #[arg(long)]
    pub kb: Option<PathBuf>,
    /// Where to write the model folded for Wikipedia text (WikiFANE + AQMAR dev).
    #[arg(long)]
    pub wiki_out: Option<PathBuf>,
    /// SaudiNewsNet `dataset` folder: train once, tag 2,000 of its articles, and train again with
    /// the sentences the first model was sure of (self-training).
    #[arg(long)]
    pub self_train: Option<PathBuf>,
    /// Perceptrons trained side by side on different shuffles and averaged.
    #[arg(long, default_value_t = 1)]
    pub ensemble: usize,
    /// Annotated news articles (shared/train: text/, gold/, split.tsv): the gold mention strings of
    /// the `train`-split articles are projected onto their text and trained as news (the test
    /// split is never read).
    #[arg(long)]
    pub articles: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ClustersTrainArgs {
    /// The SaudiNewsNet `dataset` directory (JSON inside zip files).
    #[arg(long)]
    pub corpus: PathBuf,
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Segmentation words P/R/F1 from raw surface tokens (CoNLL 2018 alignment).
    Segmenter(MorphEvalArgs),
    /// UPOS P/R/F1 over the words aligned from raw surface tokens.
    Tagger(MorphEvalArgs),
    /// Exact-span micro F1 per type, as conlleval computes it.
    Ner(NerEvalArgs),
    /// CoNLL 2018 UAS/LAS from gold segmentation (and with --raw from raw text).
    Parser(ParserEvalArgs),
    /// Extraction against annotated articles: the figures of shared/tools/score.py.
    Extract(EvalExtractArgs),
}

#[derive(Debug, clap::Args)]
pub struct EvalExtractArgs {
    /// Folder of annotations: entities.json and <doc>.json (e.g. ../shared/gold).
    #[arg(long)]
    pub gold: PathBuf,
    /// Folder of the articles, <doc>.txt: isnad analyzes each one and scores it.
    #[arg(long, conflicts_with = "pred")]
    pub text: Option<PathBuf>,
    /// Folder of predictions already written, <doc>.json (`isnad analyze` output).
    #[arg(long)]
    pub pred: Option<PathBuf>,
    /// Comma-separated document ids; by default every annotated document.
    #[arg(long)]
    pub docs: Option<String>,
    /// Only the documents of this split in split.tsv beside the gold folder (train, test).
    #[arg(long, conflicts_with = "docs")]
    pub split: Option<String>,
    /// A meta.tsv (doc_id, outlet, date, …) whose dates resolve relative dates.
    #[arg(long)]
    pub meta: Option<PathBuf>,
    /// Print the figures and counts as JSON.
    #[arg(long)]
    pub json: bool,
    /// Quote speakers by the rules alone (without the speaker ranker), for comparison.
    #[arg(long)]
    pub rule_speakers: bool,
    /// Folder of model files to use instead of the embedded ones (e.g. a relations.bin).
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// Also print the reliability of the relations' confidence: per tenth of confidence, how
    /// many predicted relations are annotated.
    #[arg(long)]
    pub reliability: bool,
}

#[derive(Debug, clap::Args)]
pub struct MorphEvalArgs {
    /// Test file, e.g. ar_padt-ud-test.txt
    #[arg(long)]
    pub test: PathBuf,
    /// Segmenter model file; the embedded one by default.
    #[arg(long)]
    pub segmenter: Option<PathBuf>,
    /// Tagger model file; the embedded one by default.
    #[arg(long)]
    pub tagger: Option<PathBuf>,
    /// QCRI dialect files (seg_plus_pos_*.txt) to score segmentation on as well.
    #[arg(long)]
    pub dialect: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum NerCorpusFormat {
    /// `token TAG` lines (ANERcorp, CAMeL Lab split).
    Anercorp,
    /// The AQMAR articles (a directory means the 20 official test articles).
    Aqmar,
}

#[derive(Debug, clap::Args)]
pub struct NerEvalArgs {
    /// Test file (ANERcorp) or AQMAR directory.
    #[arg(long)]
    pub test: PathBuf,
    #[arg(long, value_enum, default_value = "anercorp")]
    pub format: NerCorpusFormat,
    /// Model file; by default the embedded news model (models/ner.bin.zst), or for `--format aqmar`
    /// the embedded Wikipedia model (models/ner-wiki.bin.zst).
    #[arg(long)]
    pub model: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// Add an actor or place to your own knowledge-base file.
    Add(KbAddArgs),
    /// List entries, optionally only one type.
    List(KbListArgs),
    /// Show one entry by id, or every entry a name (any spelling) matches.
    Show(KbShowArgs),
}

#[derive(Debug, clap::Args)]
pub struct KbFileArg {
    /// The user entries file; default $ISNAD_KB_USER, else `<data dir>/isnad/kb_user.tsv`.
    #[arg(long = "kb-user", global = true)]
    pub user_file: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct KbAddArgs {
    /// A short stable id, e.g. `hayat-tahrir-al-sham`.
    #[arg(long)]
    pub id: String,
    /// PER, ORG, LOC or MISC.
    #[arg(long = "type")]
    pub kind: String,
    /// Arabic name.
    #[arg(long)]
    pub ar: String,
    /// English name.
    #[arg(long)]
    pub en: String,
    /// Arabic aliases (repeatable).
    #[arg(long = "alias-ar")]
    pub aliases_ar: Vec<String>,
    /// English aliases (repeatable).
    #[arg(long = "alias-en")]
    pub aliases_en: Vec<String>,
    /// Id of the parent entry (a branch's organization, a city's country).
    #[arg(long)]
    pub parent: Option<String>,
    /// A free note.
    #[arg(long, default_value = "")]
    pub note: String,
    #[command(flatten)]
    pub file: KbFileArg,
}

#[derive(Debug, clap::Args)]
pub struct KbListArgs {
    /// Only this type (PER, ORG, LOC, MISC).
    #[arg(long = "type")]
    pub kind: Option<String>,
    /// Only the user's own entries.
    #[arg(long)]
    pub user: bool,
    #[command(flatten)]
    pub file: KbFileArg,
}

#[derive(Debug, clap::Args)]
pub struct KbShowArgs {
    /// An id, or a name in any spelling (Arabic or English).
    pub query: String,
    #[command(flatten)]
    pub file: KbFileArg,
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// End-to-end `analyze` throughput: tokens/s on one core and on all cores, peak memory.
    Analyze(BenchAnalyzeArgs),
}

#[derive(Debug, clap::Args)]
pub struct BenchAnalyzeArgs {
    /// The SaudiNewsNet `dataset` folder; default ../shared/data/saudinewsnet/dataset.
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// How many articles to analyze (in file order, the same every run).
    #[arg(long, default_value_t = 2000)]
    pub docs: usize,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// How the corpus commands print.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CorpusFormat {
    /// One JSON object.
    Json,
    /// A report for people.
    Pretty,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub data: DataArg,
    /// Address to listen on; loopback unless you mean to share the corpus.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: std::net::SocketAddr,
    /// Refuse every write (ingest, curation).
    #[arg(long)]
    pub read_only: bool,
    /// Let a browser page from this origin call the API (no CORS otherwise).
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
    /// Seconds a request may take.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
}

/// Where the corpus lives.
#[derive(Debug, clap::Args)]
pub struct DataArg {
    /// Data directory (SQLite store and full-text index); defaults to the platform data dir,
    /// e.g. ~/.local/share/isnad.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Team mode: a PostgreSQL store (postgres://user@host:port/db) instead of the data
    /// directory; default: $ISNAD_DB. `ingest` then queues for `isnad worker`; `stories`
    /// places what the workers stored since the last grouping first.
    #[arg(long, env = "ISNAD_DB", conflicts_with = "data")]
    pub db: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Files and directories (.txt, .html, .jsonl, Telegram .json exports, .warc[.gz]).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub data: DataArg,
    /// Documents per transaction.
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
    /// Skip recomputing stories and corroboration (run `isnad stories --rebuild` later).
    #[arg(long)]
    pub no_stories: bool,
    #[arg(long, value_enum, default_value = "pretty")]
    pub format: CorpusFormat,
    /// A folder of model files that replace the embedded ones (as for `analyze --models`).
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
    /// The largest record read, in MiB (a .txt or .html file, a JSONL line, a WARC record); a
    /// larger one is reported and skipped.
    #[arg(long, value_name = "MIB", default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=1 << 20))]
    pub max_record_mb: u64,
    /// The largest .json file (Telegram export, article array: parsed whole), in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..=1 << 20))]
    pub max_json_mb: u64,
    /// The deepest element nesting of an HTML page; a deeper page is reported and skipped
    /// (its extraction time grows with depth times size).
    #[arg(long, value_name = "N", default_value_t = 512)]
    pub max_html_depth: usize,
    /// Team mode (--db): after queuing, show the workers' progress until the queue is empty.
    #[arg(long)]
    pub wait: bool,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Words to find (all must match); '"وزير الخارجية"' is a phrase, -word excludes,
    /// `a OR b` takes either, entity:NAME keeps documents mentioning that actor.
    pub query: String,
    #[command(flatten)]
    pub data: DataArg,
    /// Only documents mentioning this entity (Arabic or English, any spelling).
    #[arg(long)]
    pub entity: Option<String>,
    /// Published on or after (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// The most hits to print (at least 1; any larger number prints every match).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: u64,
    #[arg(long, value_enum, default_value = "pretty")]
    pub format: CorpusFormat,
}

#[derive(Debug, clap::Args)]
pub struct EntityArgs {
    /// The name, in Arabic or English, any spelling.
    pub name: String,
    #[command(flatten)]
    pub data: DataArg,
    #[arg(long, value_enum, default_value = "pretty")]
    pub format: CorpusFormat,
}

#[derive(Debug, clap::Args)]
pub struct StoriesArgs {
    #[command(flatten)]
    pub data: DataArg,
    /// Regroup every document from scratch (in date order, with the same incremental
    /// algorithm ingest runs) and recount corroboration before listing.
    #[arg(long, alias = "recompute")]
    pub rebuild: bool,
    /// Pretty output only: hide stories with fewer documents.
    #[arg(long, default_value_t = 2)]
    pub min_docs: usize,
    #[arg(long, value_enum, default_value = "pretty")]
    pub format: CorpusFormat,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub data: DataArg,
    /// Rebuild the full-text index from the store (refused while an ingest runs), then check
    /// again.
    #[arg(long)]
    pub repair: bool,
    #[arg(long, value_enum, default_value = "pretty")]
    pub format: CorpusFormat,
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub data: DataArg,
    /// Also check consistency (SQLite integrity, orphan rows, index in step); exit 1 if not.
    #[arg(long)]
    pub check: bool,
    #[arg(long, value_enum, default_value = "pretty")]
    pub format: CorpusFormat,
}

#[derive(Debug, clap::Args)]
pub struct ParserTrainArgs {
    /// Folder of PADT v1 (`ar-ud-dev.conllu`, `ar-ud-test.conllu`).
    #[arg(
        long,
        default_value = "../shared/data/ud-arabic-padt/v1-2016-04-22-conllu"
    )]
    pub data: PathBuf,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    /// Seed of the shuffle and the exploration; the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Training epochs.
    #[arg(long, default_value_t = 9)]
    pub epochs: usize,
    /// Train on gold tags instead of isnad's predicted tags.
    #[arg(long)]
    pub gold_tags: bool,
    /// Hold out every tenth training document and print its UAS after each epoch.
    #[arg(long)]
    pub tune: bool,
    /// Seeded runs summed into one model (seeds `seed`, `seed + 1`, …).
    #[arg(long, default_value_t = 4)]
    pub runs: usize,
}

#[derive(Debug, clap::Args)]
pub struct ParserEvalArgs {
    /// A PADT v1 file (`ar-ud-test.conllu`: its held-out documents are scored) or a UD v2
    /// CoNLL-U file such as PUD.
    #[arg(long)]
    pub test: PathBuf,
    /// Also score from raw text (isnad's tokens, segments and tags).
    #[arg(long)]
    pub raw: bool,
    /// Model file; the embedded one by default.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    /// A STIX 2.1 bundle (OpenCTI, MISP).
    Stix,
    /// GraphML (Gephi, networkx).
    Graphml,
    /// FollowTheMoney entities as JSON lines (Aleph).
    Ftm,
    /// Five CSV tables in a zip, or in a folder when -o names one ending in `/`.
    Csv,
    /// The five tables as JSON lines.
    Jsonl,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    #[command(flatten)]
    pub data: DataArg,
    /// Only documents mentioning this entity (Arabic or English, any spelling).
    #[arg(long)]
    pub entity: Option<String>,
    /// Only the documents of this story (an id from `isnad stories`).
    #[arg(long)]
    pub story: Option<String>,
    /// Only documents a search for these words finds.
    #[arg(long)]
    pub query: Option<String>,
    /// Only documents published on or after this day (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Only documents published on or before this day (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// Write here instead of standard output (csv: a path ending in `/` gets five files).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV: start each file with a UTF-8 byte-order mark, for Excel.
    #[arg(long)]
    pub excel: bool,
    /// STIX: the TLP marking of every object (white, green, amber, red).
    #[arg(long, default_value = "white")]
    pub tlp: String,
}
