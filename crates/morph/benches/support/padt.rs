//! The PADT test file and its surface sentences, shared by the criterion bench and the
//! `throughput` example so both measure the same words.

/// The PADT test split in the shared data (absent on a clean clone: callers skip).
pub const PADT_TEST: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/ud-arabic-padt/v2-compact-kariminf/ar_padt-ud-test.txt"
);

/// Surface tokens of each sentence (MWT parts dropped: a token tagged `_` is
/// followed by its syntactic words, which are not surface text).
pub fn surface_sentences(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(ws, ts)| {
            let ws: Vec<&str> = ws.split(' ').collect();
            let ts: Vec<&str> = ts.split(' ').collect();
            let mut out = Vec::new();
            let mut i = 0;
            while i < ws.len() {
                out.push(ws[i].to_string());
                if ts.get(i) == Some(&"_") {
                    // Skip following parts: they are the syntactic words of this token,
                    // recognisable as the shortest run that re-spells it; 2 is the common case.
                    let mut k = 2;
                    let len = ws[i].chars().count();
                    let mut acc = 0;
                    for j in 1..=4 {
                        acc += ws.get(i + j).map_or(0, |w| w.chars().count());
                        if acc + 1 >= len {
                            k = j;
                            break;
                        }
                    }
                    i += k;
                }
                i += 1;
            }
            out
        })
        .collect()
}
