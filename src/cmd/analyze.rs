//! `isnad analyze`: the contract JSON, JSON lines, or a report, for each input in order.

use crate::cli::{AnalyzeArgs, Format};
use crate::input::read_input;
use anyhow::{Context, Result};
use isnad_analysis::{render_pretty, Analyzer, DocMeta, Options};
use isnad_kb::Kb;
use std::io::Write;

pub fn run(args: &AnalyzeArgs) -> Result<bool> {
    // The user's own entries join the curated ones, so `isnad kb add` changes what analyze links.
    let kb = Kb::load(None).context("loading the knowledge base")?;
    let analyzer = Analyzer::with_kb(&kb);
    let options = Options {
        tokens: args.tokens,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut all_ok = true;
    let several = args.files.len() > 1;
    let mut first_json = true;
    if args.format == Format::Json && several {
        out.write_all(b"[\n")?;
    }
    for name in &args.files {
        let doc = match read_input(name) {
            Ok(doc) => doc,
            Err(err) => {
                // Report and go on: one bad file must not cost the user the others.
                eprintln!("isnad: {err:#}");
                all_ok = false;
                continue;
            }
        };
        let meta = DocMeta {
            id: doc.id,
            source: doc.source,
            published: args.published.clone(),
        };
        // A bug in one stage must cost the user one document, not the batch: the panic is
        // reported with the file name, like a read error, and the exit code says so.
        let analysis = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            analyzer.analyze(&doc.text, meta, &options)
        })) {
            Ok(analysis) => analysis,
            Err(_) => {
                eprintln!(
                    "isnad: {name}: internal error while analyzing (a bug; please report it)"
                );
                all_ok = false;
                continue;
            }
        };
        match args.format {
            Format::Json => {
                if several && !first_json {
                    out.write_all(b",\n")?;
                }
                first_json = false;
                serde_json::to_writer_pretty(&mut out, &analysis)?;
                if !several {
                    out.write_all(b"\n")?;
                }
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut out, &analysis)?;
                out.write_all(b"\n")?;
            }
            Format::Pretty => {
                out.write_all(render_pretty(&analysis).as_bytes())?;
                out.write_all(b"\n")?;
            }
        }
        out.flush()?;
    }
    if args.format == Format::Json && several {
        out.write_all(b"\n]\n")?;
    }
    out.flush()?;
    Ok(all_ok)
}
