//! An immutable string → `u32` map that loads without one allocation per key.
//!
//! The tagger's lexicon and distributional table hold a few hundred
//! thousand forms; building a `HashMap<String, _>` from them dominated the
//! model load time. Here the keys live in one buffer and an open-addressing
//! table of indices points into it.

use std::hash::{BuildHasher, Hasher};

use isnad_learn::FxBuild;

/// See the module documentation.
#[derive(Clone, Default)]
pub(crate) struct StrMap {
    text: String,
    /// End offset of key `i` in `text` (its start is the previous end).
    ends: Vec<u32>,
    values: Vec<u32>,
    /// Key index + 1, or 0 for an empty slot; length is a power of two.
    slots: Vec<u32>,
}

#[inline]
fn hash(key: &str) -> u64 {
    let mut h = FxBuild.build_hasher();
    h.write(key.as_bytes());
    h.finish()
}

impl StrMap {
    /// Builds from pairs with distinct keys (a later duplicate is ignored).
    #[cfg(feature = "train")]
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, u32)>) -> StrMap {
        let mut m = StrMap::default();
        for (k, v) in pairs {
            m.text.push_str(k);
            m.ends.push(m.text.len() as u32);
            m.values.push(v);
        }
        m.index();
        m
    }

    fn key(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    fn index(&mut self) {
        let cap = (self.ends.len() * 2).next_power_of_two().max(16);
        self.slots = vec![0; cap];
        let mask = cap - 1;
        for i in 0..self.ends.len() {
            let mut s = hash(self.key(i)) as usize & mask;
            loop {
                match self.slots[s] {
                    0 => {
                        self.slots[s] = i as u32 + 1;
                        break;
                    }
                    j if self.key(j as usize - 1) == self.key(i) => break,
                    _ => s = (s + 1) & mask,
                }
            }
        }
    }

    /// The value of `key`.
    #[inline]
    pub fn get(&self, key: &str) -> Option<u32> {
        if self.ends.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut s = hash(key) as usize & mask;
        loop {
            match self.slots[s] {
                0 => return None,
                j if self.key(j as usize - 1) == key => return Some(self.values[j as usize - 1]),
                _ => s = (s + 1) & mask,
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// All pairs, in insertion order.
    #[cfg(feature = "train")]
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        (0..self.ends.len()).map(|i| (self.key(i), self.values[i]))
    }

    /// Appends a pair while loading (call [`StrMap::finish_loading`] after the last).
    pub fn push(&mut self, key: &str, value: u32) {
        self.text.push_str(key);
        self.ends.push(self.text.len() as u32);
        self.values.push(value);
    }

    /// Replaces the value of the last pushed key (loading reads the key first).
    pub fn set_last(&mut self, value: u32) {
        if let Some(v) = self.values.last_mut() {
            *v = value;
        }
    }

    /// Builds the index after [`StrMap::push`] calls.
    pub fn finish_loading(&mut self) {
        self.index();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_and_nothing_else() {
        let words: Vec<String> = (0..1000).map(|i| format!("ك{i}")).collect();
        let m = StrMap::from_pairs(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| (w.as_str(), i as u32)),
        );
        for (i, w) in words.iter().enumerate() {
            assert_eq!(m.get(w), Some(i as u32));
        }
        assert_eq!(m.get("ك1000"), None);
        assert_eq!(m.get(""), None);
        assert_eq!(StrMap::default().get("x"), None);
        assert_eq!(m.len(), 1000);
    }
}
