//! Test corpora for the stories bench and the timing example: SaudiNewsNet (31,030 real
//! articles, read from `../shared/data/saudinewsnet/dataset/*.zip`, never committed) when
//! present, else a synthetic corpus of the same size.

use isnad_stories::StoryDoc;
use std::io::Read;
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
    let mut zips: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "zip"))
        .collect();
    zips.sort();
    let mut docs = Vec::new();
    for path in zips {
        let file = std::fs::File::open(&path).ok()?;
        let mut archive = zip::ZipArchive::new(file).ok()?;
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).ok()?;
            let mut json = String::new();
            if entry.read_to_string(&mut json).is_err() {
                continue;
            }
            let Ok(serde_json::Value::Array(items)) = serde_json::from_str(&json) else {
                continue;
            };
            for (k, item) in items.iter().enumerate() {
                let field = |name: &str| item[name].as_str().map(str::to_string);
                docs.push(StoryDoc {
                    id: format!("{}-{k}", path.file_stem()?.to_string_lossy()),
                    outlet: field("source"),
                    published: field("date_extracted").map(|d| d.chars().take(10).collect()),
                    title: field("title"),
                    text: field("content").unwrap_or_default(),
                    ..Default::default()
                });
            }
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
