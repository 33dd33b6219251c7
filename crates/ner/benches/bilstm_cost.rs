//! What a BiLSTM-CRF tagger would cost per token in this build, next to isnad's perceptron.
//!
//! The accuracy targets (ANERcorp ≥ 80) sit where the published neural taggers are
//! (BiLSTM-CRF 81.7, AraBERT 83.1), while its throughput target (≥ 100K tokens/s per core,
//! segmentation included) leaves about 10 µs per token for everything. This benchmark runs the
//! inference of a BiLSTM-CRF of the published shape (Lample et al. 2016: 100-d word embeddings,
//! a 25+25 character BiLSTM, a word BiLSTM, a linear layer and Viterbi over the 9 BIO tags) on the
//! same sentences as the `ner` bench, with weights that are random because cost does not depend
//! on their values. The input half of every LSTM gate is looked up from tables precomputed per
//! word and per character (so the 100-d embeddings cost nothing per token) and buffers are
//! reused: the figures are a lower bound on what such a tagger costs. The hidden size of the word
//! BiLSTM is varied (100 as published, 50, 25) to show how small the network must be to fit the
//! budget. The arithmetic is a plain f32 dot product with eight
//! accumulators, which LLVM vectorizes for the default target, as the rest of isnad is built.
//!
//! Run: `cargo bench -p isnad-ner --bench bilstm_cost`. Skips when the shared data is absent.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use isnad_ner::CorpusFormat;

#[path = "../../text/benches/clock/mod.rs"]
mod clock;
use clock::timed;

const TEST: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/anercorp/ANERCorp_CamelLab_test.txt"
);
const CHAR_HIDDEN: usize = 25;
const TAGS: usize = 9;
const VOCAB: usize = 50_000;
const CHARS: usize = 256;

/// SplitMix64 for reproducible random weights.
struct Weights(u64);

impl Weights {
    fn vec(&mut self, n: usize) -> Vec<f32> {
        (0..n)
            .map(|_| {
                self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = self.0;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                ((z ^ (z >> 31)) >> 40) as f32 / (1u64 << 24) as f32 * 0.2 - 0.1
            })
            .collect()
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// tanh by a clamped Padé approximant: branch-free, so the gate loop vectorizes, as fast
/// inference libraries do instead of calling libm per element.
fn tanh(x: f32) -> f32 {
    let x = x.clamp(-3.0, 3.0);
    let x2 = x * x;
    x * (27.0 + x2) / (27.0 + 9.0 * x2)
}

/// `out += W · x` with `W` stored column-major (`x.len()` columns of `out.len()` rows): a run of
/// vectorized multiply-adds over the output, with no horizontal sums.
fn axpy_columns(out: &mut [f32], w: &[f32], x: &[f32]) {
    for (col, &xk) in w.chunks_exact(out.len()).zip(x) {
        for (o, c) in out.iter_mut().zip(col) {
            *o += xk * c;
        }
    }
}

fn sigmoid(x: f32) -> f32 {
    0.5 + 0.5 * tanh(0.5 * x)
}

/// One LSTM direction. The input half of the gates (W_x · x) is handed in precomputed, since
/// for embeddings it can be looked up from a table built once per vocabulary entry; only the
/// recurrent half (W_h · h, stored column by column, `axpy_columns`) is computed per step. This is the
/// cheapest exact way to run an LSTM, so the figures are a lower bound on its cost.
struct Lstm {
    hidden: usize,
    w_h: Vec<f32>,
}

impl Lstm {
    fn new(hidden: usize, rng: &mut Weights) -> Self {
        Lstm {
            hidden,
            w_h: rng.vec(4 * hidden * hidden),
        }
    }

    /// `pre` holds W_x · x + b for each step (4·hidden each); `out` gets every hidden state.
    fn run(&self, pre: &[f32], reverse: bool, out: &mut Vec<f32>, scratch: &mut Scratch) {
        let h = self.hidden;
        let steps = pre.len() / (4 * h);
        out.clear();
        out.resize(steps * h, 0.0);
        scratch.reset(h);
        for i in 0..steps {
            let t = if reverse { steps - 1 - i } else { i };
            let gates = &mut scratch.gates;
            gates.copy_from_slice(&pre[t * 4 * h..(t + 1) * 4 * h]);
            axpy_columns(gates, &self.w_h, &scratch.prev);
            let (ifs, go) = gates.split_at(2 * h);
            let (i_gate, f_gate) = ifs.split_at(h);
            let (g_gate, o_gate) = go.split_at(h);
            for k in 0..h {
                let (i, f) = (sigmoid(i_gate[k]), sigmoid(f_gate[k]));
                let (g, o) = (tanh(g_gate[k]), sigmoid(o_gate[k]));
                scratch.cell[k] = f * scratch.cell[k] + i * g;
                scratch.prev[k] = o * tanh(scratch.cell[k]);
            }
            out[t * h..(t + 1) * h].copy_from_slice(&scratch.prev);
        }
    }
}

/// Buffers reused across steps and sentences, so the timing is arithmetic, not allocation.
#[derive(Default)]
struct Scratch {
    gates: Vec<f32>,
    cell: Vec<f32>,
    prev: Vec<f32>,
}

impl Scratch {
    fn reset(&mut self, hidden: usize) {
        for v in [&mut self.cell, &mut self.prev] {
            v.clear();
            v.resize(hidden, 0.0);
        }
        self.gates.resize(4 * hidden, 0.0);
    }
}

/// A BiLSTM-CRF tagger of Lample et al.'s shape with a chosen word-level hidden size.
struct BiLstmCrf {
    /// Per direction, W_x · embedding + b of every word (4·hidden each): the lookup table.
    word_pre: [Vec<f32>; 2],
    /// Per direction, W_x · embedding + b of every character (4·CHAR_HIDDEN each).
    char_pre: [Vec<f32>; 2],
    /// Per direction, the input weights of the character-state half of the word input.
    word_from_chars: [Vec<f32>; 2],
    char_lstm: [Lstm; 2],
    word_lstm: [Lstm; 2],
    out: Vec<f32>,
    transitions: Vec<f32>,
    hidden: usize,
}

impl BiLstmCrf {
    fn new(hidden: usize, seed: u64) -> Self {
        let mut rng = Weights(seed);
        let mut two = |n: usize| [rng.vec(n), rng.vec(n)];
        let word_pre = two(VOCAB * 4 * hidden);
        let char_pre = two(CHARS * 4 * CHAR_HIDDEN);
        let word_from_chars = two(4 * hidden * 2 * CHAR_HIDDEN);
        BiLstmCrf {
            word_pre,
            char_pre,
            word_from_chars,
            char_lstm: [
                Lstm::new(CHAR_HIDDEN, &mut rng),
                Lstm::new(CHAR_HIDDEN, &mut rng),
            ],
            word_lstm: [Lstm::new(hidden, &mut rng), Lstm::new(hidden, &mut rng)],
            out: rng.vec(TAGS * 2 * hidden),
            transitions: rng.vec(TAGS * TAGS),
            hidden,
        }
    }

    /// Tags one sentence (word ids and per-word character ids); returns the Viterbi tag path.
    fn tag(&self, sentence: &[(usize, Vec<usize>)], buf: &mut Buffers) -> Vec<usize> {
        let (h, g4) = (self.hidden, 4 * self.hidden);
        let c4 = 4 * CHAR_HIDDEN;
        for dir in 0..2 {
            buf.word_pre[dir].clear();
        }
        for (word, chars) in sentence {
            // The character BiLSTM: final forward state and first backward state.
            let mut char_state = [0f32; 2 * CHAR_HIDDEN];
            for dir in 0..2 {
                buf.char_pre.clear();
                for &c in chars {
                    buf.char_pre
                        .extend_from_slice(&self.char_pre[dir][c * c4..(c + 1) * c4]);
                }
                self.char_lstm[dir].run(&buf.char_pre, dir == 1, &mut buf.states, &mut buf.scratch);
                let last = if dir == 0 {
                    buf.states.len().saturating_sub(CHAR_HIDDEN)
                } else {
                    0
                };
                if let Some(s) = buf.states.get(last..last + CHAR_HIDDEN) {
                    char_state[dir * CHAR_HIDDEN..(dir + 1) * CHAR_HIDDEN].copy_from_slice(s);
                }
            }
            // The word input gates: table lookup for the embedding, matvec for the char states.
            for dir in 0..2 {
                let table = &self.word_pre[dir][word * g4..(word + 1) * g4];
                let start = buf.word_pre[dir].len();
                buf.word_pre[dir].extend_from_slice(table);
                axpy_columns(
                    &mut buf.word_pre[dir][start..],
                    &self.word_from_chars[dir],
                    &char_state,
                );
            }
        }
        self.word_lstm[0].run(&buf.word_pre[0], false, &mut buf.fw, &mut buf.scratch);
        self.word_lstm[1].run(&buf.word_pre[1], true, &mut buf.bw, &mut buf.scratch);
        let emissions: Vec<[f32; TAGS]> = buf
            .fw
            .chunks_exact(h)
            .zip(buf.bw.chunks_exact(h))
            .map(|(f, b)| {
                let mut e = [0f32; TAGS];
                for (tag, score) in e.iter_mut().enumerate() {
                    let row = &self.out[tag * 2 * h..(tag + 1) * 2 * h];
                    *score = dot(&row[..h], f) + dot(&row[h..], b);
                }
                e
            })
            .collect();
        viterbi(&emissions, &self.transitions)
    }
}

#[derive(Default)]
struct Buffers {
    char_pre: Vec<f32>,
    word_pre: [Vec<f32>; 2],
    states: Vec<f32>,
    fw: Vec<f32>,
    bw: Vec<f32>,
    scratch: Scratch,
}

fn viterbi(emissions: &[[f32; TAGS]], transitions: &[f32]) -> Vec<usize> {
    let Some(first) = emissions.first() else {
        return Vec::new();
    };
    let mut score = *first;
    let mut back = vec![[0usize; TAGS]; emissions.len()];
    for (t, e) in emissions.iter().enumerate().skip(1) {
        let mut next = [f32::NEG_INFINITY; TAGS];
        for (to, slot) in next.iter_mut().enumerate() {
            for (from, s) in score.iter().enumerate() {
                let v = s + transitions[from * TAGS + to];
                if v > *slot {
                    *slot = v;
                    back[t][to] = from;
                }
            }
            *slot += e[to];
        }
        score = next;
    }
    let mut best = (0..TAGS).fold(0, |b, k| if score[k] > score[b] { k } else { b });
    let mut path = vec![best; emissions.len()];
    for t in (1..emissions.len()).rev() {
        best = back[t][best];
        path[t - 1] = best;
    }
    path
}

fn bench(c: &mut Criterion) {
    let Ok(sents) = isnad_ner::read_corpus(std::path::Path::new(TEST), CorpusFormat::Anercorp)
    else {
        eprintln!("skipping bilstm_cost bench: {TEST} not found");
        return;
    };
    // The same 200 sentences as the `ner` bench; words and characters hashed to ids.
    let hash = |s: &str| {
        s.bytes()
            .fold(0usize, |h, b| h.wrapping_mul(31) ^ b as usize)
    };
    let sentences: Vec<Vec<(usize, Vec<usize>)>> = sents
        .iter()
        .take(200)
        .map(|s| {
            s.words
                .iter()
                .map(|w| {
                    let chars = w.chars().map(|ch| ch as usize % CHARS).collect();
                    (hash(w) % VOCAB, chars)
                })
                .collect()
        })
        .collect();
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    println!("{tokens} tokens in {} sentences", sentences.len());
    let mut g = c.benchmark_group("bilstm_crf");
    g.throughput(Throughput::Elements(tokens as u64));
    g.sample_size(10);
    for hidden in [100, 50, 25] {
        let model = BiLstmCrf::new(hidden, 42);
        let mut buf = Buffers::default();
        g.bench_function(format!("hidden{hidden}"), |b| {
            b.iter_custom(|iters| {
                timed(iters, || {
                    for s in &sentences {
                        black_box(model.tag(black_box(s), &mut buf));
                    }
                })
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
