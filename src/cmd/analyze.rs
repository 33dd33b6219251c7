//! `isnad analyze`: the contract JSON, JSON lines, or a report, for each document in order.

use crate::cli::{AnalyzeArgs, Format};
use crate::input::{for_each_doc, is_collection, InputDoc};
use anyhow::{Context, Result};
use isnad_analysis::{render_pretty, Analysis, Analyzer, DocMeta, Models, Options};
use std::io::Write;

pub fn run(args: &AnalyzeArgs) -> Result<bool> {
    // The user's own entries join the curated ones, so `isnad kb add` changes what analyze links.
    let kb = crate::cmd::kb::load(None)?;
    let models = match &args.models {
        Some(dir) => Models::from_dir(dir).context("loading --models")?,
        None => Models::default(),
    };
    let analyzer = models.builder().kb(&kb).build();
    let options = Options {
        tokens: args.tokens,
    };
    let stdout = std::io::stdout();
    let mut out = Output {
        out: std::io::BufWriter::new(stdout.lock()),
        format: args.format,
        // An array as soon as the output may hold several documents; decided before reading so
        // that the first document is printed the same way whatever follows it.
        array: args.files.len() > 1 || args.files.iter().any(|f| is_collection(f)),
        first: true,
    };
    let mut all_ok = true;
    out.begin()?;
    for name in &args.files {
        for_each_doc(name, &mut |doc| {
            let doc = match doc {
                Ok(doc) => doc,
                Err(err) => {
                    // Report and go on: one bad file must not cost the user the others.
                    eprintln!("isnad: {err:#}");
                    all_ok = false;
                    return Ok(());
                }
            };
            match analyze_one(&analyzer, doc, args.published.as_ref(), &options) {
                Ok(analysis) => out.write(&analysis),
                Err(what) => {
                    eprintln!(
                        "isnad: {what}: internal error while analyzing (a bug; please report it)"
                    );
                    all_ok = false;
                    Ok(())
                }
            }
        })?;
    }
    out.end()?;
    Ok(all_ok)
}

/// Analyzes one document. A bug in one stage must cost the user one document, not the batch:
/// a panic comes back as `Err` with the file (and record id) to report, like a read error.
fn analyze_one(
    analyzer: &Analyzer<'_>,
    doc: InputDoc,
    published: Option<&String>,
    options: &Options,
) -> Result<Analysis, String> {
    let what = if doc.id == crate::input::doc_id(&doc.source) {
        doc.source.clone()
    } else {
        format!("{} (record {})", doc.source, doc.id)
    };
    let meta = DocMeta {
        id: doc.id,
        source: doc.source,
        // An explicit --published wins over the date the record carries.
        published: published.cloned().or(doc.published),
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        analyzer.analyze(&doc.text, meta, options)
    }))
    .map_err(|_| what)
}

/// The output stream: one JSON value, a JSON array, JSON lines or reports.
struct Output<W: Write> {
    out: W,
    format: Format,
    array: bool,
    first: bool,
}

impl<W: Write> Output<W> {
    fn begin(&mut self) -> Result<()> {
        if self.format == Format::Json && self.array {
            self.out.write_all(b"[\n")?;
        }
        Ok(())
    }

    fn write(&mut self, analysis: &Analysis) -> Result<()> {
        match self.format {
            Format::Json => {
                if self.array && !self.first {
                    self.out.write_all(b",\n")?;
                }
                serde_json::to_writer_pretty(&mut self.out, analysis)?;
                if !self.array {
                    self.out.write_all(b"\n")?;
                }
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, analysis)?;
                self.out.write_all(b"\n")?;
            }
            Format::Pretty => {
                self.out.write_all(render_pretty(analysis).as_bytes())?;
                self.out.write_all(b"\n")?;
            }
        }
        self.first = false;
        self.out.flush()?;
        Ok(())
    }

    fn end(&mut self) -> Result<()> {
        if self.format == Format::Json && self.array {
            self.out.write_all(b"\n]\n")?;
        }
        self.out.flush()?;
        Ok(())
    }
}
