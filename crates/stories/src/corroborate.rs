//! Counting how many independent sources stand behind one claim.

use std::collections::HashMap;

/// One document's report of a claim (a relation or a quote).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Report {
    /// The reporting document.
    pub doc_id: String,
    /// Its outlet (an empty string when unknown: such reports count as one unnamed outlet).
    pub outlet: String,
    /// Upstream source keys the report names (agencies, intermediaries: a quote's `via`).
    pub via: Vec<String>,
    /// The quote text, for quote claims.
    pub quote: Option<String>,
}

/// How independently a claim is attested.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Corroboration {
    /// Number of reports.
    pub reports: usize,
    /// Distinct outlets reporting the claim.
    pub outlets: usize,
    /// Groups of reports left after collapsing those that share an upstream, a quote or a
    /// near-copied text.
    pub independent_sources: usize,
    /// Every upstream source key named by any report, sorted.
    pub upstreams: Vec<String>,
    /// Several outlets, but all of them trace back to one source: circular reporting.
    pub circular: bool,
    /// The document ids of each independent source group (each group sorted, groups sorted).
    pub groups: Vec<Vec<String>>,
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind((0..n).collect())
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// Collapses the reports of one claim into independent sources.
///
/// Two reports belong to the same source when
/// - they name a common upstream in `via` (both passed through the same agency or
///   intermediary, so neither confirms the other);
/// - they carry the same quote text (compared on search keys, so spelling variants meet: an
///   identical quotation is copied from one place);
/// - their documents are near-copies of one another (`copies`, e.g. from
///   [`crate::near_duplicates`]), or they are the same document.
///
/// The relation is closed transitively (union-find). `independent_sources` is the number of
/// groups; `circular` is set when at least two outlets report the claim and all reports fall in
/// one group.
///
/// # Examples
/// ```
/// use isnad_stories::{corroborate, Report};
/// let r = |doc: &str, outlet: &str, via: &[&str]| Report {
///     doc_id: doc.into(), outlet: outlet.into(),
///     via: via.iter().map(|s| s.to_string()).collect(), quote: None,
/// };
/// // Three outlets, all through one agency: circular.
/// let c = corroborate(&[r("a", "x", &["wafa"]), r("b", "y", &["wafa"]), r("c", "z", &["wafa"])], &[]);
/// assert_eq!((c.outlets, c.independent_sources, c.circular), (3, 1, true));
/// // Two independent outlets plus one copying the first.
/// let c = corroborate(&[r("a", "x", &[]), r("b", "y", &[]), r("c", "z", &[])], &[("a".into(), "c".into())]);
/// assert_eq!((c.outlets, c.independent_sources, c.circular), (3, 2, false));
/// ```
pub fn corroborate(reports: &[Report], copies: &[(String, String)]) -> Corroboration {
    let n = reports.len();
    let mut uf = UnionFind::new(n);
    let mut first_by_key: HashMap<(u8, String), usize> = HashMap::new();
    let mut join = |uf: &mut UnionFind, kind: u8, key: String, i: usize| {
        if key.is_empty() {
            return;
        }
        match first_by_key.get(&(kind, key.clone())) {
            Some(&j) => uf.union(i, j),
            None => {
                first_by_key.insert((kind, key), i);
            }
        }
    };
    for (i, report) in reports.iter().enumerate() {
        for up in &report.via {
            join(&mut uf, 0, isnad_text::search_key(up.trim()), i);
        }
        if let Some(quote) = &report.quote {
            let key: String = crate::terms::word_keys(quote).join(" ");
            join(&mut uf, 1, key, i);
        }
        join(&mut uf, 2, report.doc_id.clone(), i);
    }
    let by_doc: HashMap<&str, usize> = reports
        .iter()
        .enumerate()
        .map(|(i, r)| (r.doc_id.as_str(), i))
        .collect();
    for (a, b) in copies {
        if let (Some(&i), Some(&j)) = (by_doc.get(a.as_str()), by_doc.get(b.as_str())) {
            uf.union(i, j);
        }
    }
    let mut groups: HashMap<usize, Vec<String>> = HashMap::new();
    for (i, report) in reports.iter().enumerate() {
        groups
            .entry(uf.find(i))
            .or_default()
            .push(report.doc_id.clone());
    }
    let mut groups: Vec<Vec<String>> = groups
        .into_values()
        .map(|mut g| {
            g.sort();
            g.dedup();
            g
        })
        .collect();
    groups.sort();
    let mut outlets: Vec<&str> = reports.iter().map(|r| r.outlet.trim()).collect();
    outlets.sort_unstable();
    outlets.dedup();
    let mut upstreams: Vec<String> = reports
        .iter()
        .flat_map(|r| r.via.iter().map(|v| v.trim().to_string()))
        .filter(|v| !v.is_empty())
        .collect();
    upstreams.sort();
    upstreams.dedup();
    Corroboration {
        reports: n,
        outlets: outlets.len(),
        independent_sources: groups.len(),
        upstreams,
        circular: outlets.len() >= 2 && groups.len() == 1,
        groups,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(doc: &str, outlet: &str, via: &[&str], quote: Option<&str>) -> Report {
        Report {
            doc_id: doc.into(),
            outlet: outlet.into(),
            via: via.iter().map(|s| s.to_string()).collect(),
            quote: quote.map(str::to_string),
        }
    }

    #[test]
    fn same_quote_in_spelling_variants_is_one_source() {
        let c = corroborate(
            &[
                report("a", "x", &[], Some("إن الهجوم لن يمر دون رد")),
                report("b", "y", &[], Some("ان الهجوم لن يمرّ دون ردّ")),
                report("c", "z", &[], Some("سنرد في الوقت المناسب")),
            ],
            &[],
        );
        assert_eq!(c.outlets, 3);
        assert_eq!(c.independent_sources, 2);
        assert!(!c.circular);
        assert_eq!(
            c.groups,
            vec![vec!["a".to_string(), "b".into()], vec!["c".into()]]
        );
    }

    #[test]
    fn one_outlet_is_never_circular_and_empty_is_empty() {
        let c = corroborate(
            &[
                report("a", "x", &["afp"], None),
                report("b", "x", &["afp"], None),
            ],
            &[],
        );
        assert_eq!(
            (c.outlets, c.independent_sources, c.circular),
            (1, 1, false)
        );
        assert_eq!(c.upstreams, vec!["afp".to_string()]);
        let c = corroborate(&[], &[]);
        assert_eq!(
            (c.reports, c.outlets, c.independent_sources, c.circular),
            (0, 0, 0, false)
        );
    }

    #[test]
    fn chains_close_transitively() {
        // a~b by upstream, b~c by copy: one source.
        let c = corroborate(
            &[
                report("a", "x", &["r"], None),
                report("b", "y", &["r"], None),
                report("c", "z", &[], None),
            ],
            &[("c".into(), "b".into()), ("q".into(), "a".into())],
        );
        assert_eq!(c.independent_sources, 1);
        assert!(c.circular);
    }
}
