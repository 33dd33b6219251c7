//! The Arabic text core: normalization levels with offset maps, evasion hygiene, tokenization, sentence splitting and transliteration.
