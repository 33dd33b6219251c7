//! End-to-end analysis throughput (tokenize, segment + tag, recognize entities, extract) over
//! text files, one thread, reporting tokens per wall-clock second and per CPU second of this
//! process (read from `/proc/self/stat`), so that a figure taken on a loaded shared machine
//! can still be read per core.
//!
//! `cargo run --release -p isnad-analysis --example extract_throughput -- ITERATIONS FILE...`
//! (defaults: 20 iterations over the extraction crate's written test articles).

#[path = "../tests/support/mod.rs"]
mod support;

use std::error::Error;
use std::time::Instant;

use isnad_doc::AnalyzedText;
use isnad_entities::EntityRecognizer;
use isnad_extract::{extract, Actor, ExtractModels, RelationModel};
use isnad_kb::Kb;
use isnad_syntax::Parser;

/// User + system CPU seconds of this process, when `/proc` is there.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesized command name; utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let iterations: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(20);
    let mut files: Vec<String> = args.iter().skip(1).cloned().collect();
    if files.is_empty() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../extract/tests/articles");
        for e in std::fs::read_dir(dir)?.filter_map(Result::ok) {
            if e.path().extension().is_some_and(|x| x == "txt") {
                files.push(e.path().to_string_lossy().into_owned());
            }
        }
    }
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    // The recognizer and its knowledge base are built once, as `isnad analyze` does; the first
    // call loads the models.
    let recognizer = EntityRecognizer::new(Kb::builtin());
    let doc = AnalyzedText::new(
        "قال الرئيس إن الاجتماع انتهى.",
        isnad_morph::Morphology::global(),
    );
    let _ = recognizer.recognize(&doc);
    let models = ExtractModels {
        relations: Some(RelationModel::global()),
        ..Default::default()
    };
    let cpu0 = cpu_seconds();
    let t0 = Instant::now();
    let mut tokens = 0usize;
    let mut relations = 0usize;
    for _ in 0..iterations {
        for text in &texts {
            let doc = AnalyzedText::new(text, isnad_morph::Morphology::global());
            tokens += doc.tokens.len();
            let actors: Vec<Actor> = recognizer
                .recognize(&doc)
                .iter()
                .map(support::actor_of)
                .collect();
            relations += extract(
                &doc,
                Some(&Parser::global().dependencies(&doc)),
                &actors,
                None,
                models,
            )
            .relations
            .len();
        }
    }
    let wall = t0.elapsed().as_secs_f64();
    println!(
        "{} files x {iterations}: {tokens} tokens, {relations} relations",
        texts.len()
    );
    println!("wall: {wall:.3} s, {:.0} tokens/s", tokens as f64 / wall);
    if let (Some(a), Some(b)) = (cpu0, cpu_seconds()) {
        let cpu = (b - a).max(1e-9);
        println!(
            "cpu:  {cpu:.3} s, {:.0} tokens per CPU second",
            tokens as f64 / cpu
        );
    }
    Ok(())
}
