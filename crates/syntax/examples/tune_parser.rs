//! Development driver for choosing training settings on the tuning part (every tenth training
//! document) without building the whole binary:
//! `cargo run --release -p isnad-syntax --features train --example tune_parser -- EPOCHS RUNS [OUT [FOLD]]`
//! (FOLD 0–9 picks another tuning tenth).
//! The committed command is `isnad train parser --tune`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let num = |i: usize, d: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(d);
    let out = args.get(3).map_or("/tmp/tune-parser.bin", String::as_str);
    let opts = isnad_syntax::TrainOptions {
        epochs: num(1, 8),
        runs: num(2, 1),
        tune: !args.iter().any(|a| a == "full"),
        ..Default::default()
    };
    let fold = num(4, 0);
    match isnad_syntax::train_fold(&opts, std::path::Path::new(out), fold) {
        Ok(r) => eprintln!("{} bytes, {:.1} s", r.model_bytes, r.seconds),
        Err(e) => eprintln!("{e}"),
    }
}
