//! Trains and evaluates the morphology models without the `isnad` binary.
//!
//! ```text
//! cargo run --release -p isnad-morph --example morph_tool -- train segmenter TRAIN DEV OUT [SEED]
//! cargo run --release -p isnad-morph --example morph_tool -- train tagger TRAIN DEV OUT [SEED]
//!     [--unlabeled DIR] [--runs N] [--epochs N] [--no-refit] [--holdout-out PATH]
//! cargo run --release -p isnad-morph --example morph_tool -- eval SEG_MODEL TAG_MODEL TEST [DIALECT_FILE...]
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use isnad_morph::{
    eval_dialect, eval_segmenter, eval_tagger, train_segmenter, train_tagger_with, Morphology,
    TaggerOptions,
};

/// Reads the `--flag value` options of `train tagger` that follow the positional arguments.
fn tagger_options(flags: &[String]) -> Result<TaggerOptions, Box<dyn std::error::Error>> {
    let mut opts = TaggerOptions::default();
    let mut it = flags.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--unlabeled" => opts.unlabeled = Some(PathBuf::from(value()?)),
            "--runs" => opts.runs = value()?.parse()?,
            "--epochs" => opts.epochs = value()?.parse()?,
            "--holdout-out" => opts.holdout_out = Some(PathBuf::from(value()?)),
            "--no-refit" => opts.refit = false,
            other => return Err(format!("unknown option {other}").into()),
        }
    }
    Ok(opts)
}

fn run(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    match args.first().map(String::as_str) {
        Some("train") if args.len() >= 5 => {
            let seed_given = args.get(5).is_some_and(|s| !s.starts_with("--"));
            let seed = if seed_given { args[5].parse()? } else { 42 };
            let flags = &args[if seed_given { 6 } else { 5 }..];
            let (train, dev, out) = (Path::new(&args[2]), Path::new(&args[3]), Path::new(&args[4]));
            let report = match args[1].as_str() {
                "segmenter" => train_segmenter(train, dev, seed, out)?,
                "tagger" => train_tagger_with(train, dev, seed, out, &tagger_options(flags)?)?,
                other => return Err(format!("unknown model {other}").into()),
            };
            println!("{report:#?}");
        }
        Some("errors") if args.len() >= 4 => {
            let m = Morphology::from_files(Path::new(&args[1]), Path::new(&args[2]))?;
            for (w, p, g) in isnad_morph::segmentation_errors(&m, Path::new(&args[3]))? {
                println!("{w}\t{p}\t{g}");
            }
        }
        Some("tag-errors") if args.len() >= 4 => {
            let m = Morphology::from_files(Path::new(&args[1]), Path::new(&args[2]))?;
            for (f, g, p) in isnad_morph::tagging_errors(&m, Path::new(&args[3]))? {
                println!("{f}\t{g}\t{p}");
            }
        }
        Some("eval") if args.len() >= 4 => {
            let m = Morphology::from_files(Path::new(&args[1]), Path::new(&args[2]))?;
            let test = Path::new(&args[3]);
            let s = eval_segmenter(&m, test)?;
            print!("segmenter\n{s}");
            let t = eval_tagger(&m, test)?;
            print!("tagger\n{t}");
            for d in &args[4..] {
                print!("dialect {d}: {}", eval_dialect(&m, Path::new(d))?);
            }
        }
        _ => return Err("usage: morph_tool train segmenter|tagger TRAIN DEV OUT [SEED] | eval SEG TAG TEST [DIALECT...]".into()),
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
