//! The arc-eager transition system (Nivre 2003) and its dynamic oracle (Goldberg & Nivre 2012).
//!
//! Words are numbered `1..=n`; `0` is the artificial root, which starts on the stack. `n + 1` is
//! a sentinel standing for "no word" in features. Greedy decoding takes at most `2n`
//! transitions, which is what makes the parser fast; the dynamic oracle lets training explore
//! the parser's own mistakes, so it learns to recover from them instead of only ever seeing
//! perfect histories.

/// Move the first buffer word onto the stack.
pub const SHIFT: usize = 0;
/// Pop the stack top (it must already have a head).
pub const REDUCE: usize = 1;
/// Make the buffer front the head of the stack top, and pop the stack top.
pub const LEFT: usize = 2;
/// Make the stack top the head of the buffer front, and push the buffer front.
pub const RIGHT: usize = 3;
/// Number of transitions (the unlabelled classifier's classes).
pub const TRANSITIONS: usize = 4;

/// No head yet.
pub const NO_HEAD: u32 = u32::MAX;

/// A parser configuration: stack, buffer front, the partial tree, and the per-word child
/// summaries the feature templates read.
#[derive(Clone, Debug)]
pub struct Config {
    /// Number of words.
    pub n: u32,
    /// The stack, bottom first (starts as `[0]`).
    pub stack: Vec<u32>,
    /// The buffer front; the buffer is `b..=n`, empty when `b > n`.
    pub b: u32,
    /// Head of each word (`NO_HEAD` until attached); index 0 is the root.
    pub head: Vec<u32>,
    /// Label id of each attached word.
    pub label: Vec<u8>,
    /// Leftmost and second-leftmost child (`n + 1` when none).
    pub lc: Vec<[u32; 2]>,
    /// Rightmost and second-rightmost child (`n + 1` when none).
    pub rc: Vec<[u32; 2]>,
    /// Number of left and right children.
    pub valency: Vec<[u8; 2]>,
    /// Bit sets of the labels of the left and right children (label ids below 64).
    pub labelset: Vec<[u64; 2]>,
    in_stack: Vec<bool>,
}

impl Config {
    /// The initial configuration for `n` words.
    pub fn new(n: usize) -> Config {
        let m = n + 2;
        let none = (n + 1) as u32;
        let mut in_stack = vec![false; m];
        in_stack[0] = true;
        Config {
            n: n as u32,
            stack: vec![0],
            b: 1,
            head: vec![NO_HEAD; m],
            label: vec![0; m],
            lc: vec![[none; 2]; m],
            rc: vec![[none; 2]; m],
            valency: vec![[0; 2]; m],
            labelset: vec![[0; 2]; m],
            in_stack,
        }
    }

    /// The sentinel index meaning "no word".
    #[inline]
    pub fn none(&self) -> u32 {
        self.n + 1
    }

    /// True when the buffer is empty: parsing is over.
    #[inline]
    pub fn terminal(&self) -> bool {
        self.b > self.n
    }

    /// The `i`-th word from the stack top (`0` = top), or the sentinel.
    #[inline]
    pub fn s(&self, i: usize) -> u32 {
        let l = self.stack.len();
        if i < l {
            self.stack[l - 1 - i]
        } else {
            self.none()
        }
    }

    /// The `i`-th buffer word, or the sentinel.
    #[inline]
    pub fn buf(&self, i: u32) -> u32 {
        if self.b + i <= self.n {
            self.b + i
        } else {
            self.none()
        }
    }

    /// Whether transition `t` may be applied.
    pub fn legal(&self, t: usize) -> bool {
        let s0 = *self.stack.last().unwrap_or(&0);
        let buffer = self.b <= self.n;
        match t {
            SHIFT => buffer,
            REDUCE => s0 != 0 && self.head[s0 as usize] != NO_HEAD,
            LEFT => buffer && s0 != 0 && self.head[s0 as usize] == NO_HEAD,
            RIGHT => buffer && !self.stack.is_empty(),
            _ => false,
        }
    }

    /// Adds the arc `h → d` with label id `l`.
    pub fn attach(&mut self, h: u32, d: u32, l: u8) {
        let (hu, du) = (h as usize, d as usize);
        self.head[du] = h;
        self.label[du] = l;
        let side = usize::from(d > h);
        self.valency[hu][side] = self.valency[hu][side].saturating_add(1);
        self.labelset[hu][side] |= 1u64 << (l & 63);
        let none = self.none();
        if d < h {
            let lc = &mut self.lc[hu];
            if lc[0] == none || d < lc[0] {
                lc[1] = lc[0];
                lc[0] = d;
            } else if lc[1] == none || d < lc[1] {
                lc[1] = d;
            }
        } else {
            let rc = &mut self.rc[hu];
            if rc[0] == none || d > rc[0] {
                rc[1] = rc[0];
                rc[0] = d;
            } else if rc[1] == none || d > rc[1] {
                rc[1] = d;
            }
        }
    }

    /// Applies transition `t` (which must be legal); `l` is the label of the arc it makes.
    pub fn apply(&mut self, t: usize, l: u8) {
        let s0 = *self.stack.last().unwrap_or(&0);
        let b0 = self.b;
        match t {
            SHIFT => {
                self.stack.push(b0);
                self.in_stack[b0 as usize] = true;
                self.b += 1;
            }
            REDUCE => {
                self.stack.pop();
                self.in_stack[s0 as usize] = false;
            }
            LEFT => {
                self.attach(b0, s0, l);
                self.stack.pop();
                self.in_stack[s0 as usize] = false;
            }
            _ => {
                self.attach(s0, b0, l);
                self.stack.push(b0);
                self.in_stack[b0 as usize] = true;
                self.b += 1;
            }
        }
    }

    /// The dynamic oracle: how many gold arcs (heads `gold[1..=n]`, `gold[0]` unused) become
    /// unreachable if `t` is applied now. Exact for projective gold trees.
    pub fn cost(&self, t: usize, gold: &[u32]) -> u32 {
        let s0 = *self.stack.last().unwrap_or(&0);
        let b0 = self.b;
        let in_buffer = |k: u32| k >= self.b && k <= self.n;
        let buffer = self.b..=self.n;
        // Words on the stack, still without a head, whose gold head is b0: pushing or attaching
        // b0 elsewhere loses those arcs.
        let stacked_dependents_of_b0 = || {
            self.stack
                .iter()
                .filter(|&&k| k != 0 && self.head[k as usize] == NO_HEAD)
                .filter(|&&k| gold[k as usize] == b0)
                .count() as u32
        };
        match t {
            SHIFT => {
                let mut c = u32::from(self.in_stack[gold[b0 as usize] as usize]);
                c += stacked_dependents_of_b0();
                c
            }
            REDUCE => buffer.filter(|&k| gold[k as usize] == s0).count() as u32,
            LEFT => {
                let g = gold[s0 as usize];
                let mut c = u32::from(g != b0 && in_buffer(g));
                c += buffer.filter(|&k| gold[k as usize] == s0).count() as u32;
                c
            }
            _ => {
                let g = gold[b0 as usize];
                let mut c = u32::from(g != s0 && (self.in_stack[g as usize] || in_buffer(g)));
                c += stacked_dependents_of_b0();
                c
            }
        }
    }

    /// Words still without a head once the buffer is empty, in order.
    pub fn headless(&self) -> Vec<u32> {
        (1..=self.n)
            .filter(|&i| self.head[i as usize] == NO_HEAD)
            .collect()
    }
}

/// The static oracle's choice for projective trees: the first zero-cost transition in the
/// order LEFT, RIGHT, REDUCE, SHIFT (so arcs are made as early as possible).
pub fn static_oracle(c: &Config, gold: &[u32]) -> usize {
    [LEFT, RIGHT, REDUCE, SHIFT]
        .into_iter()
        .find(|&t| c.legal(t) && c.cost(t, gold) == 0)
        .unwrap_or(SHIFT)
}

/// Whether the tree with heads `gold[1..=n]` is projective (no crossing arcs).
pub fn projective(gold: &[u32]) -> bool {
    let n = gold.len();
    let arcs: Vec<(usize, usize)> = (1..n)
        .map(|d| {
            let h = gold[d] as usize;
            (h.min(d), h.max(d))
        })
        .collect();
    arcs.iter().all(|&(a, b)| {
        arcs.iter()
            .all(|&(c, d)| !((c < a && a < d && d < b) || (a < c && c < b && b < d)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the static oracle to the end and returns the heads it built.
    fn replay(gold: &[u32]) -> Vec<u32> {
        let n = gold.len() - 1;
        let mut c = Config::new(n);
        while !c.terminal() {
            let t = static_oracle(&c, gold);
            assert!(c.legal(t));
            assert_eq!(c.cost(t, gold), 0);
            c.apply(t, 0);
        }
        c.head[..=n].to_vec()
    }

    #[test]
    fn static_oracle_reproduces_projective_trees() {
        // «ذهب الوزير إلى القاهرة»: 1 ذهب root, 2 الوزير ← 1, 3 إلى ← 4, 4 القاهرة ← 1.
        let gold = [0, 0, 1, 4, 1];
        assert_eq!(&replay(&gold)[1..], &gold[1..]);
        // A left-branching chain and a right-branching chain.
        let gold = [0, 2, 3, 4, 0];
        assert_eq!(&replay(&gold)[1..], &gold[1..]);
        let gold = [0, 0, 1, 2, 3, 4];
        assert_eq!(&replay(&gold)[1..], &gold[1..]);
        // Every projective tree over 5 words (heads in 0..=5, one root child, acyclic).
        let mut checked = 0;
        for code in 0..6u32.pow(5) {
            let mut gold = vec![0u32; 6];
            let mut x = code;
            for g in gold.iter_mut().skip(1) {
                *g = x % 6;
                x /= 6;
            }
            if !is_tree(&gold) || !projective(&gold) {
                continue;
            }
            assert_eq!(&replay(&gold)[1..], &gold[1..], "{gold:?}");
            checked += 1;
        }
        assert!(checked > 100);
    }

    fn is_tree(gold: &[u32]) -> bool {
        let n = gold.len() - 1;
        if (1..=n).filter(|&i| gold[i] == 0).count() != 1 {
            return false;
        }
        (1..=n).all(|i| {
            let mut k = i;
            for _ in 0..=n {
                if gold[k] as usize == k {
                    return false;
                }
                if gold[k] == 0 {
                    return true;
                }
                k = gold[k] as usize;
            }
            false
        })
    }

    #[test]
    fn dynamic_oracle_costs_on_small_trees() {
        // Gold: 1 ← 2, 2 root, 3 ← 2.  Stack [0, 1], buffer [2, 3].
        let gold = [0, 2, 0, 2];
        let mut c = Config::new(3);
        c.apply(SHIFT, 0);
        assert_eq!(c.cost(LEFT, &gold), 0);
        // RIGHT (1 → 2) loses 2's head (root, in the stack) and 1's head (2).
        assert_eq!(c.cost(RIGHT, &gold), 2);
        // SHIFT pushes 2 without a head: 1 can no longer take 2 as head, and 2's head 0 is
        // in the stack.
        assert_eq!(c.cost(SHIFT, &gold), 2);
        c.apply(LEFT, 0);
        // Stack [0], buffer [2, 3]: RIGHT 0 → 2 is right; SHIFT loses the root arc.
        assert_eq!(c.cost(RIGHT, &gold), 0);
        assert_eq!(c.cost(SHIFT, &gold), 1);
        c.apply(RIGHT, 0);
        // Stack [0, 2], buffer [3]: REDUCE loses 3 ← 2.
        assert_eq!(c.cost(REDUCE, &gold), 1);
        assert_eq!(c.cost(RIGHT, &gold), 0);
        assert_eq!(c.cost(SHIFT, &gold), 1, "3 could no longer take 2 as head");
        assert!(!c.legal(LEFT), "2 already has a head");
    }

    #[test]
    fn detects_non_projectivity() {
        assert!(projective(&[0, 0, 1, 1]));
        // 1 → 3 crosses 2 → 4.
        assert!(!projective(&[0, 0, 4, 1, 1]));
    }
}
