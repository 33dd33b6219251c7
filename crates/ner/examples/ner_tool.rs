//! Developer driver for training, evaluating and clustering without the `isnad` binary.
//!
//! ```text
//! ner_tool clusters SAUDINEWSNET_DATASET_DIR SEED OUT
//! ner_tool train TRAIN OUT [--anetac F] [--aqmar-lexicon F] [--aqmar-dev DIR] [--extra F]
//!     [--wojood F]... [--wiki-out F] [--no-augment] [--epochs N] [--seed S]
//! ner_tool eval MODEL TEST anercorp|aqmar
//! ner_tool silver MODEL SAUDINEWSNET_DIR STRIDE MAX_ARTICLES MIN_MARGIN OUT
//! ner_tool probe TRAIN ...   (only with `--features neural`; see the README)
//! ```
//!
//! Needs the `train` feature: `cargo run --release -p isnad-ner --features train --example
//! ner_tool -- …` (`--features neural` for `probe`).

use std::path::{Path, PathBuf};

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let r = match args.first().map(String::as_str) {
        Some("clusters") if args.len() == 4 => {
            let seed = args[2].parse().unwrap_or(42);
            isnad_ner::build_clusters(Path::new(&args[1]), seed, Path::new(&args[3]))
                .map(|r| println!("{r:?}"))
        }
        #[cfg(feature = "neural")]
        Some("probe") if args.len() >= 2 => {
            let opts = isnad_ner::TrainOptions {
                anetac: flag(&args, "--anetac").map(PathBuf::from),
                aqmar_lexicon: flag(&args, "--aqmar-lexicon").map(PathBuf::from),
                kb: flag(&args, "--kb").map(PathBuf::from),
                ..Default::default()
            };
            let num = |name: &str, d: f64| {
                flag(&args, name)
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(d)
            };
            let d = isnad_ner::ProbeConfig::default();
            let cfg = isnad_ner::ProbeConfig {
                dim: num("--dim", d.dim as f64) as usize,
                hidden: num("--hidden", d.hidden as f64) as usize,
                buckets_log2: num("--buckets", d.buckets_log2 as f64) as u32,
                epochs: num("--epochs", d.epochs as f64) as usize,
                lr: num("--lr", d.lr as f64) as f32,
                batch: num("--batch", d.batch as f64) as usize,
                seed: num("--seed", d.seed as f64) as u64,
                dropout: num("--dropout", d.dropout as f64) as f32,
                feature_dropout: num("--feature-dropout", d.feature_dropout as f64) as f32,
                linear: args.iter().any(|a| a == "--linear"),
                vectors: flag(&args, "--vectors").map(PathBuf::from),
            };
            let test = flag(&args, "--test").map(PathBuf::from);
            isnad_ner::neural_probe(Path::new(&args[1]), test.as_deref(), &opts, cfg)
        }
        Some("train") if args.len() >= 3 => {
            let mut o = isnad_ner::TrainOptions {
                anetac: flag(&args, "--anetac").map(PathBuf::from),
                aqmar_lexicon: flag(&args, "--aqmar-lexicon").map(PathBuf::from),
                aqmar_dev: flag(&args, "--aqmar-dev").map(PathBuf::from),
                extra_train: flag(&args, "--extra")
                    .map(PathBuf::from)
                    .into_iter()
                    .collect(),
                wojood: args
                    .windows(2)
                    .filter(|w| w[0] == "--wojood")
                    .map(|w| PathBuf::from(&w[1]))
                    .collect(),
                wiki_out: flag(&args, "--wiki-out").map(PathBuf::from),
                kb: flag(&args, "--kb").map(PathBuf::from),
                self_train: flag(&args, "--self-train")
                    .map(|d| isnad_ner::SelfTrain::new(d.into())),
                silver: flag(&args, "--silver")
                    .map(PathBuf::from)
                    .into_iter()
                    .collect(),
                ..Default::default()
            };
            if args.iter().any(|a| a == "--no-augment") {
                o.augment = false;
            }
            if let Some(e) = flag(&args, "--epochs").and_then(|e| e.parse().ok()) {
                o.epochs = e;
            }
            if let Some(c) = flag(&args, "--miss-cost").and_then(|e| e.parse().ok()) {
                o.miss_cost = c;
            }
            if let Some(k) = flag(&args, "--ensemble").and_then(|e| e.parse().ok()) {
                o.ensemble = k;
            }
            if let Some(c) = flag(&args, "--min-count").and_then(|e| e.parse().ok()) {
                o.min_count = c;
            }
            if let Some(s) = flag(&args, "--seed").and_then(|e| e.parse().ok()) {
                o.seed = s;
            }
            if args.iter().any(|a| a == "--no-stack") {
                o.stacked = false;
            }
            if args.iter().any(|a| a == "--no-memory") {
                o.memory = false;
            }
            if args.iter().any(|a| a == "--no-refit") {
                o.refit = false;
            }
            isnad_ner::train(Path::new(&args[1]), None, &o, Path::new(&args[2]))
                .map(|r| print!("{r}"))
        }
        Some("silver") if args.len() == 7 => {
            let tagger = isnad_ner::NerTagger::from_file(Path::new(&args[1]));
            let num = |i: usize| args[i].parse::<f32>().unwrap_or(0.0);
            tagger.and_then(|t| {
                let st = isnad_ner::SelfTrain {
                    corpus: PathBuf::from(&args[2]),
                    stride: num(3) as usize,
                    max_articles: num(4) as usize,
                    min_margin: num(5),
                };
                isnad_ner::write_silver(&t, &st, Path::new(&args[6])).map(|r| println!("{r:?}"))
            })
        }
        Some("eval") if args.len() == 4 => {
            let format = if args[3] == "aqmar" {
                isnad_ner::CorpusFormat::Aqmar
            } else {
                isnad_ner::CorpusFormat::Anercorp
            };
            isnad_ner::NerTagger::from_file(Path::new(&args[1]))
                .and_then(|t| isnad_ner::eval(&t, Path::new(&args[2]), format))
                .map(|e| print!("{e}"))
        }
        Some("tag") if args.len() == 3 => isnad_ner::NerTagger::from_file(Path::new(&args[1]))
            .and_then(|t| {
                let sents =
                    isnad_ner::read_corpus(Path::new(&args[2]), isnad_ner::CorpusFormat::Anercorp)?;
                let words: Vec<Vec<&str>> = sents
                    .iter()
                    .map(|s| s.words.iter().map(String::as_str).collect())
                    .collect();
                for ((s, w), pred) in sents.iter().zip(&words).zip(t.tag_sentences(&words)) {
                    for ((w, g), p) in w.iter().zip(&s.tags).zip(pred) {
                        println!("{w}\t{g}\t{p}");
                    }
                    println!();
                }
                Ok(())
            }),
        // `speed FILE [N]`: N passes over the file's text (tokenize, segment, tag). Run it under
        // `time` with two values of N: the difference of user CPU time divided by the difference of
        // N is the CPU cost of one pass, independent of other load on the machine.
        Some("speed") if args.len() == 2 || args.len() == 3 => {
            let repeat: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(1);
            isnad_ner::read_corpus(Path::new(&args[1]), isnad_ner::CorpusFormat::Anercorp).map(
                |sents| {
                    let text: String = sents.iter().map(|s| s.words.join(" ") + "\n").collect();
                    let tagger = isnad_ner::NerTagger::global();
                    let _ = tagger.recognize(&isnad_ner::AnalyzedText::new("تسخين النموذج.", isnad_morph::Morphology::global()));
                    let t0 = std::time::Instant::now();
                    let (mut tokens, mut spans) = (0, 0);
                    for _ in 0..repeat {
                        let doc = isnad_ner::AnalyzedText::new(&text, isnad_morph::Morphology::global());
                        tokens += doc.tokens.len();
                        spans += tagger.recognize(&doc).len();
                    }
                    let secs = t0.elapsed().as_secs_f64();
                    println!(
                        "{repeat} passes, {tokens} tokens, {spans} spans: {:.0} tokens/s wall clock",
                        tokens as f64 / secs
                    );
                },
            )
        }
        Some("recognize") if args.len() == 2 => {
            let doc = isnad_ner::AnalyzedText::new(&args[1], isnad_morph::Morphology::global());
            let chars: Vec<char> = args[1].chars().collect();
            for s in isnad_ner::NerTagger::global().recognize(&doc) {
                println!(
                    "{}\t{}\t{}..{}\t{:.2}",
                    chars[s.start..s.end].iter().collect::<String>(),
                    s.label,
                    s.start,
                    s.end,
                    s.score
                );
            }
            Ok(())
        }
        _ => {
            eprintln!("usage: ner_tool clusters DIR SEED OUT | train TRAIN OUT [opts] | eval MODEL TEST FORMAT");
            std::process::exit(2);
        }
    };
    if let Err(e) = r {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
