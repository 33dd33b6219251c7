//! Offset properties of normalize, tokenize and split_sentences on arbitrary UTF-8.

use isnad_text::{normalize, paragraphs, search_key, split_sentences, tokenize, Level};

/// Target `text`: the offset invariants of the text core on arbitrary UTF-8.
pub fn text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();

    for level in [Level::Display, Level::SearchKey] {
        let norm = normalize(text, level);
        let out_len = norm.text.chars().count();
        assert_eq!(
            norm.source.len(),
            out_len + 1,
            "one source entry per char + end"
        );
        assert_eq!(norm.source.last().copied(), Some(n));
        assert!(norm.source.windows(2).all(|w| w[0] <= w[1]), "monotone");
        assert!(norm.source.iter().all(|&s| s <= n), "in range");
        for inv in &norm.invisibles {
            assert_eq!(chars[inv.offset], inv.ch);
        }
        // Idempotent.
        assert_eq!(normalize(&norm.text, level).text, norm.text);
        if level == Level::SearchKey {
            assert_eq!(search_key(text), norm.text, "fast path agrees");
        }
    }

    // Tokens: ordered, non-empty, offsets agree, and cover every non-space char exactly once.
    let toks = tokenize(text);
    let mut covered = vec![false; n];
    let mut prev_end = 0;
    for t in &toks {
        assert!(t.start < t.end && t.end <= n && t.start >= prev_end);
        assert!(text.is_char_boundary(t.byte_start) && text.is_char_boundary(t.byte_end));
        let slice = &text[t.byte_start..t.byte_end];
        assert_eq!(slice.chars().count(), t.end - t.start);
        assert!(slice.chars().eq(chars[t.start..t.end].iter().copied()));
        for c in covered.iter_mut().take(t.end).skip(t.start) {
            *c = true;
        }
        prev_end = t.end;
    }
    for (i, &c) in chars.iter().enumerate() {
        assert_eq!(covered[i], !c.is_whitespace(), "char {i} {c:?}");
    }

    // Sentences: ordered, non-overlapping, trimmed, inside one paragraph.
    let paras = paragraphs(text);
    let sents = split_sentences(text);
    let mut prev = 0;
    let mut p = 0;
    for s in &sents {
        assert!(s.start < s.end && s.end <= n && s.start >= prev);
        assert!(!chars[s.start].is_whitespace() && !chars[s.end - 1].is_whitespace());
        while p < paras.len() && paras[p].end <= s.start {
            p += 1;
        }
        assert!(p < paras.len() && paras[p].start <= s.start && s.end <= paras[p].end);
        prev = s.end;
    }
}
