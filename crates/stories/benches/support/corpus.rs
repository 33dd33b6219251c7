//! Test corpora for the stories bench and the timing example: SaudiNewsNet (31,030 real
//! articles, read from `../shared/data/saudinewsnet/dataset/*.zip`, never committed) when
//! present, else a synthetic corpus of the same size.

use isnad_ingest::saudinewsnet;
use isnad_stories::StoryDoc;
use std::path::PathBuf;

/// The SaudiNewsNet articles, or `None` (with a message) when the data is absent.
pub fn saudinewsnet() -> Option<Vec<StoryDoc>> {
    let candidates = [
        PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/saudinewsnet/dataset"
        )),
        PathBuf::from("/work/shared/data/saudinewsnet/dataset"),
    ];
    let Some(dir) = candidates.iter().find(|d| d.is_dir()) else {
        eprintln!("SaudiNewsNet not found under ../shared/data; skipping the real corpus");
        return None;
    };
    // The one reader of the corpus (isnad-ingest); ids are the zip's day and the article's
    // place in it, as before.
    let mut docs = Vec::new();
    for path in saudinewsnet::zip_files(dir).ok()? {
        let day = path.file_stem()?.to_string_lossy().into_owned();
        for (k, a) in saudinewsnet::read_zip(&path).ok()?.into_iter().enumerate() {
            docs.push(StoryDoc {
                id: format!("{day}-{k}"),
                outlet: Some(a.source),
                published: Some(a.date_extracted.chars().take(10).collect()),
                title: Some(a.title),
                text: a.content,
                ..Default::default()
            });
        }
    }
    Some(docs)
}

/// `n` synthetic documents: 300-word texts over a Zipfian vocabulary, where every fourth
/// document retells (with different filler) one of `n / 8` events spread over 30 days.
pub fn synthetic(n: usize) -> Vec<StoryDoc> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let letters: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي".chars().collect();
    let vocab: Vec<String> = (0..50_000u64)
        .map(|i| {
            let mut x = i.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
            (0..3 + (i % 5))
                .map(|_| {
                    x = x.rotate_left(7).wrapping_mul(31);
                    letters[(x % letters.len() as u64) as usize]
                })
                .collect()
        })
        .collect();
    let events = (n / 8).max(1);
    (0..n)
        .map(|i| {
            let mut words: Vec<&str> = Vec::with_capacity(300);
            let event = (i % 4 == 0).then(|| (next() as usize) % events);
            for _ in 0..300 {
                // Zipf-like: squaring a uniform draw favours small ranks.
                let u = (next() % 10_000) as f64 / 10_000.0;
                words.push(&vocab[(u * u * u * 49_999.0) as usize]);
            }
            if let Some(e) = event {
                for k in 0..25 {
                    words[(next() % 300) as usize] = &vocab[40_000 + (e * 7 + k) % 10_000];
                }
            }
            let day = event.map_or((next() % 30) as usize, |e| e % 30);
            StoryDoc {
                id: format!("syn{i:06}"),
                published: Some(format!("2024-03-{:02}", 1 + day % 28)),
                text: words.join(" "),
                ..Default::default()
            }
        })
        .collect()
}
