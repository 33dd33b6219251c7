//! Development driver for the figures without building the whole binary:
//! `cargo run --release -p isnad-syntax --features train --example eval_parser -- FILE [raw]`.
//! The committed command is `isnad eval parser`.
use isnad_syntax::conllu::{self, Flavour};
use isnad_syntax::eval::{eval_gold, eval_raw, v2_sentence_keys};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(file) = args.get(1) else {
        eprintln!("usage: eval_parser FILE [raw]");
        return;
    };
    let path = std::path::Path::new(file);
    let v1 = file.contains("ar-ud-");
    let flavour = if v1 { Flavour::PadtV1 } else { Flavour::UdV2 };
    let Ok(mut sents) = conllu::read(path, flavour) else {
        eprintln!("cannot read {file}");
        return;
    };
    if v1 {
        sents = conllu::split_test_file(sents).1;
    }
    let p = isnad_syntax::Parser::global();
    println!("gold seg, predicted tags\n{}", eval_gold(p, &sents, true));
    println!("gold seg, gold tags\n{}", eval_gold(p, &sents, false));
    if args.iter().any(|a| a == "raw") {
        println!("raw\n{}", eval_raw(p, &sents, &Default::default()));
        if v1 {
            let v2 = path
                .parent()
                .and_then(|d| d.parent())
                .map(|d| d.join("v2-compact-kariminf/ar_padt-ud-train.txt"));
            if let Some(Ok(seen)) = v2.map(|p| v2_sentence_keys(&p)) {
                let n = sents
                    .iter()
                    .filter(|s| {
                        seen.contains(&conllu::sentence_key(
                            s.words.iter().map(|w| w.bare.as_str()),
                        ))
                    })
                    .count();
                println!(
                    "raw without {n} of {} sentences in v2 train\n{}",
                    sents.len(),
                    eval_raw(p, &sents, &seen)
                );
            }
        }
    }
}
