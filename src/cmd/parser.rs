//! `isnad train parser` and `isnad eval parser`: thin calls into `isnad-syntax`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::cli::{ParserEvalArgs as EvalArgs, ParserTrainArgs as TrainArgs};
use anyhow::{Context, Result};
use isnad_syntax::conllu::{self, Flavour};
use isnad_syntax::eval::{eval_gold, eval_raw, v2_sentence_keys};
use isnad_syntax::Parser;

pub fn train(a: &TrainArgs) -> Result<()> {
    let opts = isnad_syntax::TrainOptions {
        padt_v1: a.data.clone(),
        seed: a.seed,
        epochs: a.epochs,
        predicted_tags: !a.gold_tags,
        tune: a.tune,
        runs: a.runs,
    };
    let report = isnad_syntax::train(&opts, &a.out).context("training the parser")?;
    println!("{report:#?}");
    Ok(())
}

/// The v2 train file next to a PADT v1 folder, whose sentences the segmenter and tagger saw.
fn v2_train_near(test: &Path) -> Option<PathBuf> {
    let p = test
        .parent()?
        .parent()?
        .join("v2-compact-kariminf/ar_padt-ud-train.txt");
    p.exists().then_some(p)
}

pub fn eval(a: &EvalArgs) -> Result<()> {
    let loaded = match &a.model {
        Some(p) => Some(Parser::from_file(p).with_context(|| format!("loading {}", p.display()))?),
        None => None,
    };
    let parser = loaded.as_ref().unwrap_or_else(|| Parser::global());
    let name = a.test.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let v1 = name.starts_with("ar-ud-");
    let flavour = if v1 { Flavour::PadtV1 } else { Flavour::UdV2 };
    let mut sents =
        conllu::read(&a.test, flavour).with_context(|| format!("reading {}", a.test.display()))?;
    if v1 {
        sents = conllu::split_test_file(sents).1;
        println!(
            "{}: held-out documents (every {}th of the file)",
            a.test.display(),
            conllu::HELD_OUT_EVERY
        );
    }
    println!("\n== gold segmentation, predicted tags (isnad's tagger)");
    println!("{}", eval_gold(parser, &sents, true));
    println!("\n== gold segmentation, gold tags");
    println!("{}", eval_gold(parser, &sents, false));
    if a.raw {
        println!("\n== raw text (isnad's tokenizer, segmenter, tagger)");
        println!("{}", eval_raw(parser, &sents, &HashSet::new()));
        if let Some(v2) = v1.then(|| v2_train_near(&a.test)).flatten() {
            let seen = v2_sentence_keys(&v2).context("reading the v2 train file")?;
            let overlap = sents
                .iter()
                .filter(|s| {
                    seen.contains(&conllu::sentence_key(
                        s.words.iter().map(|w| w.bare.as_str()),
                    ))
                })
                .count();
            println!(
                "\n== raw text, without the {overlap} of {} sentences that occur in PADT v2 train \
                 (seen by the segmenter and tagger)",
                sents.len()
            );
            println!("{}", eval_raw(parser, &sents, &seen));
        }
    }
    Ok(())
}
