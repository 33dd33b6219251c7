//! Trains and evaluates the morphology models without the `isnad` binary.
//!
//! ```text
//! cargo run --release -p isnad-morph --example morph_tool -- train segmenter TRAIN DEV OUT [SEED]
//! cargo run --release -p isnad-morph --example morph_tool -- train tagger TRAIN DEV OUT [SEED]
//! cargo run --release -p isnad-morph --example morph_tool -- eval SEG_MODEL TAG_MODEL TEST [DIALECT_FILE...]
//! ```

use std::path::Path;
use std::process::ExitCode;

use isnad_morph::{
    eval_dialect, eval_segmenter, eval_tagger, train_segmenter, train_tagger, Morphology,
};

fn run(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    match args.first().map(String::as_str) {
        Some("train") if args.len() >= 5 => {
            let seed = args.get(5).map(|s| s.parse()).transpose()?.unwrap_or(42);
            let (train, dev, out) = (Path::new(&args[2]), Path::new(&args[3]), Path::new(&args[4]));
            let report = match args[1].as_str() {
                "segmenter" => train_segmenter(train, dev, seed, out)?,
                "tagger" => train_tagger(train, dev, seed, out)?,
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
