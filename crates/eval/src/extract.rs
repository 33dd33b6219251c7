//! One document's counts: `score_doc` of `shared/tools/score.py`, step for step.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use crate::counts::Counts;
use crate::norm::{tokens, variants};

/// Relation types whose arguments are unordered.
const SYMMETRIC: [&str; 2] = ["cooperates_with", "meets"];
/// Entity types that count (predicted MISC is ignored).
const TYPES: [&str; 3] = ["PER", "ORG", "LOC"];

/// The gold entity registry (`entities.json`): id → entry.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entries: HashMap<String, Value>,
}

impl Registry {
    /// Reads the registry from the JSON array of `entities.json`.
    pub fn from_json(v: &Value) -> Registry {
        let entries = v
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| Some((e.get("id")?.as_str()?.to_string(), e.clone())))
            .collect();
        Registry { entries }
    }

    fn contains(&self, id: Option<&str>) -> bool {
        id.is_some_and(|id| self.entries.contains_key(id))
    }

    fn entry_type(&self, id: &str) -> Option<&str> {
        self.entries.get(id)?.get("type")?.as_str()
    }

    /// The registry's Arabic forms of an entity: its name and aliases.
    fn forms(&self, id: &str) -> BTreeSet<String> {
        let Some(e) = self.entries.get(id) else {
            return BTreeSet::new();
        };
        let name = e.get("name_ar").and_then(Value::as_str).unwrap_or("");
        let aliases = e.get("aliases_ar").and_then(Value::as_array);
        std::iter::once(name)
            .chain(aliases.into_iter().flatten().filter_map(Value::as_str))
            .filter(|m| !m.is_empty())
            .flat_map(variants)
            .collect()
    }
}

fn s<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

fn list<'a>(v: &'a Value, k: &str) -> &'a [Value] {
    v.get(k)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Python's `str(x)` of a JSON id, for the `?<id>` placeholders of unmapped arguments.
fn py_str(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "None".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// Maps each predicted entity id to the gold entity it best matches; a match on the
/// document's own mentions weighs 2, one on registry aliases 1; ties go to the larger id.
///
/// Public because training from annotations needs the same alignment the score uses: a learned
/// stage is taught on exactly the entity correspondences it will be measured on.
pub fn map_clusters(pred: &Value, gold: &Value, registry: &Registry) -> HashMap<String, String> {
    let golds: Vec<(String, BTreeSet<String>, BTreeSet<String>)> = list(gold, "entities")
        .iter()
        .filter_map(|e| {
            let id = s(e, "id")?.to_string();
            let doc: BTreeSet<String> = list(e, "mentions")
                .iter()
                .filter_map(Value::as_str)
                .flat_map(variants)
                .collect();
            let reg = registry.forms(&id);
            Some((id, doc, reg))
        })
        .collect();
    let mut mapping = HashMap::new();
    for ent in list(pred, "entities") {
        let Some(id) = s(ent, "id") else { continue };
        let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
        let texts = list(ent, "mentions")
            .iter()
            .map(|m| s(m, "text").unwrap_or(""))
            .chain(std::iter::once(s(ent, "name").unwrap_or("")));
        for t in texts {
            let vs = if t.is_empty() {
                BTreeSet::new()
            } else {
                variants(t)
            };
            for (gid, doc, reg) in &golds {
                let w = if !vs.is_disjoint(doc) {
                    2
                } else if !vs.is_disjoint(reg) {
                    1
                } else {
                    0
                };
                if w > 0 {
                    *votes.entry(gid).or_default() += w;
                }
            }
        }
        if let Some((g, _)) = votes.iter().max_by(|a, b| (a.1, a.0).cmp(&(b.1, b.0))) {
            mapping.insert(id.to_string(), g.to_string());
        }
    }
    mapping
}

/// Greedy one-to-one matching of spans by token-set F1 ≥ `threshold`, best first: the pairs
/// `(pred index, gold index)`. Public so that a learned stage is aligned with its annotations
/// exactly as the score aligns them (quotes use 0.5).
pub fn match_spans(pred: &[&str], gold: &[&str], threshold: f64) -> Vec<(usize, usize)> {
    let gold_tokens: Vec<BTreeSet<String>> = gold.iter().map(|g| tokens(g)).collect();
    let mut cands = Vec::new();
    for (i, p) in pred.iter().enumerate() {
        let tp = tokens(p);
        for (j, tg) in gold_tokens.iter().enumerate() {
            if tp.is_empty() || tg.is_empty() {
                continue;
            }
            let inter = tp.intersection(tg).count();
            let f = 2.0 * inter as f64 / (tp.len() + tg.len()) as f64;
            if f >= threshold {
                cands.push((f, i, j));
            }
        }
    }
    cands.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
    let (mut used_p, mut used_g, mut pairs) = (BTreeSet::new(), BTreeSet::new(), Vec::new());
    for (_, i, j) in cands {
        if !used_p.contains(&i) && !used_g.contains(&j) {
            used_p.insert(i);
            used_g.insert(j);
            pairs.push((i, j));
        }
    }
    pairs
}

type RelKey = (String, String, String, bool);

fn rel_key(s: String, t: &str, o: String, neg: bool) -> RelKey {
    let (s, o) = if SYMMETRIC.contains(&t) && o < s {
        (o, s)
    } else {
        (s, o)
    };
    (s, t.to_string(), o, neg)
}

fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// One document's counts, as `score.py`'s `score_doc`.
pub fn score_doc(pred: &Value, gold: &Value, registry: &Registry) -> Counts {
    let mapping = map_clusters(pred, gold, registry);
    let mut c = Counts::default();
    score_entities(pred, gold, registry, &mapping, &mut c);
    score_relations(pred, gold, registry, &mapping, &mut c);
    score_quotes(pred, gold, registry, &mapping, &mut c);
    let pd: Vec<&str> = list(pred, "dates")
        .iter()
        .map(|d| s(d, "text").unwrap_or(""))
        .collect();
    let gd: Vec<&str> = list(gold, "dates")
        .iter()
        .map(|d| s(d, "text").unwrap_or(""))
        .collect();
    c.date_pred = pd.len();
    c.date_gold = gd.len();
    c.date_ok = match_spans(&pd, &gd, 0.5).len();
    c
}

fn score_entities(
    pred: &Value,
    gold: &Value,
    registry: &Registry,
    mapping: &HashMap<String, String>,
    c: &mut Counts,
) {
    let counted: Vec<&Value> = list(pred, "entities")
        .iter()
        .filter(|e| s(e, "type").is_some_and(|t| TYPES.contains(&t)))
        .collect();
    let gold_ids: BTreeSet<&str> = list(gold, "entities")
        .iter()
        .filter_map(|e| s(e, "id"))
        .collect();
    let mapped = |e: &Value| s(e, "id").and_then(|id| mapping.get(id));
    let found: BTreeSet<&str> = counted
        .iter()
        .filter_map(|e| mapped(e))
        .map(String::as_str)
        .collect();
    let found_typed: BTreeSet<&str> = counted
        .iter()
        .filter_map(|e| {
            let g = mapped(e)?;
            (registry.entry_type(g) == s(e, "type")).then_some(g.as_str())
        })
        .collect();
    c.ent_pred = counted.len();
    c.ent_pred_ok = counted.iter().filter(|e| mapped(e).is_some()).count();
    c.ent_gold = gold_ids.len();
    c.ent_gold_found = found.intersection(&gold_ids).count();
    c.ent_gold_found_typed = found_typed.intersection(&gold_ids).count();
}

/// A predicted relation's scorer key, its arguments mapped to the annotation's ids (an unmapped
/// one keeps its own id behind «?», so it matches nothing).
fn pred_key(r: &Value, mapping: &HashMap<String, String>) -> RelKey {
    let arg = |k: &str| {
        s(r, k)
            .and_then(|id| mapping.get(id).cloned())
            .unwrap_or_else(|| format!("?{}", py_str(r.get(k))))
    };
    rel_key(
        arg("subject"),
        s(r, "type").unwrap_or(""),
        arg("object"),
        truthy(r.get("negated")),
    )
}

/// An annotated relation's scorer key.
fn gold_key(r: &Value) -> RelKey {
    rel_key(
        py_str(r.get("subj")),
        s(r, "type").unwrap_or(""),
        py_str(r.get("obj")),
        truthy(r.get("negated")),
    )
}

fn score_relations(
    pred: &Value,
    gold: &Value,
    registry: &Registry,
    mapping: &HashMap<String, String>,
    c: &mut Counts,
) {
    let mut gold_by: HashMap<RelKey, Option<String>> = HashMap::new();
    let mut gold_pairs = BTreeSet::new();
    for r in list(gold, "relations") {
        let (subj, obj) = (py_str(r.get("subj")), py_str(r.get("obj")));
        let k = gold_key(r);
        gold_by.insert(k, s(r, "asserted_by").map(str::to_string));
        gold_pairs.insert(if obj < subj { (obj, subj) } else { (subj, obj) });
    }
    let mut pred_rel = BTreeSet::new();
    let mut pred_pairs = BTreeSet::new();
    let mut pred_by: HashMap<RelKey, BTreeSet<Option<String>>> = HashMap::new();
    for r in list(pred, "relations") {
        let k = pred_key(r, mapping);
        let pair = if k.2 < k.0 {
            (k.2.clone(), k.0.clone())
        } else {
            (k.0.clone(), k.2.clone())
        };
        pred_pairs.insert(pair);
        let by = s(r, "asserted_by")
            .filter(|b| !b.is_empty())
            .and_then(|b| mapping.get(b).cloned());
        pred_by.entry(k.clone()).or_default().insert(by);
        pred_rel.insert(k);
    }
    c.rel_pred = pred_rel.len();
    c.rel_gold = gold_by.len();
    for k in pred_rel.iter().filter(|k| gold_by.contains_key(*k)) {
        c.rel_ok += 1;
        let g = &gold_by[k];
        if g.is_none() || registry.contains(g.as_deref()) {
            c.relattr_gold += 1;
            if pred_by.get(k).is_some_and(|set| set.contains(g)) {
                c.relattr_ok += 1;
            }
        }
    }
    c.pair_pred = pred_pairs.len();
    c.pair_gold = gold_pairs.len();
    c.pair_ok = pred_pairs.intersection(&gold_pairs).count();
}

fn score_quotes(
    pred: &Value,
    gold: &Value,
    registry: &Registry,
    mapping: &HashMap<String, String>,
    c: &mut Counts,
) {
    let pq = list(pred, "quotes");
    let gq = list(gold, "quotes");
    let pt: Vec<&str> = pq.iter().map(|q| s(q, "text").unwrap_or("")).collect();
    let gt: Vec<&str> = gq.iter().map(|q| s(q, "text").unwrap_or("")).collect();
    let pairs = match_spans(&pt, &gt, 0.5);
    c.quote_pred = pq.len();
    c.quote_gold = gq.len();
    c.quote_ok = pairs.len();
    for (i, j) in pairs {
        let gs = s(&gq[j], "speaker");
        if registry.contains(gs) {
            c.speaker_gold += 1;
            let got = s(&pq[i], "speaker").and_then(|p| mapping.get(p));
            if got.map(String::as_str) == gs {
                c.speaker_ok += 1;
            }
        }
    }
    c.attr_gold = gq
        .iter()
        .filter(|q| registry.contains(s(q, "speaker")))
        .count();
    c.attr_pred = pq.iter().filter(|q| truthy(q.get("speaker"))).count();
}

/// Each predicted relation's confidence and whether its scorer key is annotated (the
/// document's distinct keys, the highest confidence of each): what a reliability table bins.
pub fn relation_confidences(pred: &Value, gold: &Value, registry: &Registry) -> Vec<(f64, bool)> {
    let mapping = map_clusters(pred, gold, registry);
    let gold_keys: BTreeSet<RelKey> = list(gold, "relations").iter().map(gold_key).collect();
    let mut best: BTreeMap<RelKey, f64> = BTreeMap::new();
    for r in list(pred, "relations") {
        let k = pred_key(r, &mapping);
        let conf = r.get("confidence").and_then(Value::as_f64).unwrap_or(0.0);
        let e = best.entry(k).or_insert(conf);
        *e = e.max(conf);
    }
    best.into_iter()
        .map(|(k, c)| (c, gold_keys.contains(&k)))
        .collect()
}
