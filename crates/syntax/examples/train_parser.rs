//! Development driver: `cargo run --release -p isnad-syntax --features train --example
//! train_parser -- OUT [epochs] [tune] [gold]`. The committed command is `isnad train parser`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out =
        std::path::PathBuf::from(args.get(1).map(String::as_str).unwrap_or("/tmp/parser.bin"));
    let mut o = isnad_syntax::TrainOptions::default();
    o.padt_v1 = "../shared/data/ud-arabic-padt/v1-2016-04-22-conllu".into();
    if let Some(e) = args.get(2) {
        o.epochs = e.parse().unwrap_or(12);
    }
    o.tune = args.iter().any(|a| a == "tune");
    o.predicted_tags = !args.iter().any(|a| a == "gold");
    match isnad_syntax::train(&o, &out) {
        Ok(r) => println!("{r:?}"),
        Err(e) => eprintln!("{e}"),
    }
}
