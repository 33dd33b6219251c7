//! STIX 2.1: one bundle that OpenCTI and MISP import whole.
//!
//! * persons and organizations are `identity` objects (`identity_class` individual or
//!   organization; other names `unknown`), places are `location`s, each named in Arabic with the
//!   English name first among `x_opencti_aliases` (STIX identities and locations have no
//!   `aliases` property; OpenCTI reads this one);
//! * each document is a `report` (its outlet an `identity` in `object_refs`, its date
//!   `published`), each story a `grouping` of reports, each quote a `note` on its report,
//!   speaker and via chain;
//! * references never form a cycle (OpenCTI imports in dependency order): reports contain
//!   entities and relationships; notes point at what they annotate, reports included;
//!   a relationship names its documents as `external_references`;
//! * a relation claim (every report of subject, type, object) is one `relationship`, with its
//!   evidence, highest confidence, who asserted it and the reports it comes from. The type is
//!   STIX's own only where STIX 2.1 suggests it for the pair of object types (`located-at`,
//!   identity → location); otherwise `related-to`, with isnad's type in `x_isnad_type`, because
//!   OpenCTI drops relationship types a pair does not allow;
//! * a **negated** relation («لم تهاجم») is a `note` on both parties, never a `relationship`:
//!   any relationship object is drawn as an edge and read as a claim by OpenCTI, MISP and every
//!   graph view, whatever a custom property says, while a note is read as a remark.
//!
//! Ids are UUIDv5 over what OpenCTI deduplicates on (name and class; type, ends and dates), and
//! `created`/`modified` come from the documents' dates, so the same corpus gives the same bytes.

use crate::ids::{stix_id, uuid};
use crate::slice::{day, Claim, Slice};
use crate::{places, Counts, Options, Result, Tlp};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;

/// The date of objects that have none of their own: isnad's identity, undated reports.
const EPOCH: &str = "1970-01-01T00:00:00.000Z";
/// At most this many evidence clauses ride on one relationship or note.
const MAX_EVIDENCE: usize = 20;
/// At most this many alternative names per object.
const MAX_ALIASES: usize = 25;

/// The TLP marking definitions exactly as STIX 2.1 (section 7.2.1.4) predefines them.
fn tlp_marking(tlp: Tlp) -> Value {
    let (id, color) = match tlp {
        Tlp::White => ("613f2e26-407d-48c7-9eca-b8e91df99dc9", "white"),
        Tlp::Green => ("34098fce-860f-48ae-8e50-ebd3cc5e41da", "green"),
        Tlp::Amber => ("f88d31f6-486f-44da-b317-01333bde0b82", "amber"),
        Tlp::Red => ("5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "red"),
    };
    json!({
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": format!("marking-definition--{id}"),
        "created": "2017-01-20T00:00:00.000Z",
        "definition_type": "tlp",
        "name": format!("TLP:{}", color.to_ascii_uppercase()),
        "definition": { "tlp": color },
    })
}

fn timestamp(day: &str) -> String {
    format!("{day}T00:00:00.000Z")
}

/// The STIX relationship type for isnad's `kind` between objects of these STIX types: STIX's
/// own where the 2.1 specification suggests it for the pair, `related-to` otherwise.
pub(crate) fn relationship_type(kind: &str, source: &str, target: &str) -> &'static str {
    match (kind, source, target) {
        ("located_in", "identity", "location") => "located-at",
        _ => "related-to",
    }
}

fn object_type(id: &str) -> &str {
    id.split("--").next().unwrap_or("")
}

struct Builder<'a> {
    slice: &'a Slice,
    as_of: String,
    creator: String,
    marking: String,
    objects: BTreeMap<String, Map<String, Value>>,
    /// Corpus entity id → STIX id (entities with the same name and class share one object).
    entity_ids: HashMap<i64, String>,
    /// Document row id → what its report refers to.
    report_refs: HashMap<i64, BTreeSet<String>>,
    counts: Counts,
}

/// Writes the bundle.
pub(crate) fn write(slice: &Slice, options: &Options, out: &mut dyn Write) -> Result<Counts> {
    let marking = tlp_marking(options.tlp);
    let mut b = Builder {
        slice,
        as_of: slice
            .last_day()
            .map_or_else(|| EPOCH.to_string(), timestamp),
        creator: stix_id("identity", &["isnad", "system"]),
        marking: marking["id"].as_str().unwrap_or_default().to_string(),
        objects: BTreeMap::new(),
        entity_ids: HashMap::new(),
        report_refs: HashMap::new(),
        counts: Counts::default(),
    };
    b.add_isnad(marking);
    b.add_entities();
    b.add_claims();
    b.add_quotes();
    b.add_reports();
    b.add_groupings();
    b.counts.objects = b.objects.len();
    let ids: Vec<&str> = b.objects.keys().map(String::as_str).collect();
    let bundle = format!("bundle--{}", uuid("bundle", &ids));
    write!(
        out,
        "{{\"type\":\"bundle\",\"id\":\"{bundle}\",\"objects\":["
    )?;
    for (i, object) in b.objects.values().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, object)?;
    }
    out.write_all(b"\n]}\n")?;
    Ok(b.counts)
}

impl Builder<'_> {
    /// The common properties of an object isnad creates.
    fn base(&self, kind: &str, id: &str, created: &str) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("type".into(), kind.into());
        m.insert("spec_version".into(), "2.1".into());
        m.insert("id".into(), id.into());
        m.insert("created".into(), created.into());
        m.insert("modified".into(), created.max(self.as_of.as_str()).into());
        m.insert("created_by_ref".into(), self.creator.clone().into());
        m.insert("object_marking_refs".into(), json!([self.marking]));
        m
    }

    fn add_isnad(&mut self, marking: Value) {
        if let Value::Object(m) = marking {
            self.objects.insert(self.marking.clone(), m);
        }
        let mut me = Map::new();
        me.insert("type".into(), "identity".into());
        me.insert("spec_version".into(), "2.1".into());
        me.insert("id".into(), self.creator.clone().into());
        me.insert("created".into(), EPOCH.into());
        me.insert("modified".into(), EPOCH.into());
        me.insert("name".into(), "isnad".into());
        me.insert("identity_class".into(), "system".into());
        me.insert(
            "description".into(),
            "isnad, Arabic-first news intelligence: the extractor that read these reports.".into(),
        );
        me.insert("object_marking_refs".into(), json!([self.marking]));
        self.objects.insert(self.creator.clone(), me);
    }

    fn add_entities(&mut self) {
        let slice = self.slice;
        for e in &slice.entities {
            let stats = slice.entity_stats.get(&e.id).cloned().unwrap_or_default();
            let created = stats
                .first_seen
                .as_deref()
                .map_or_else(|| self.as_of.clone(), timestamp);
            let (id, mut m) = if e.kind == "LOC" {
                let place = places::lookup(e.kb_id.as_deref());
                let location_type = if place.is_country {
                    "Country"
                } else if place.country.is_some() {
                    "City"
                } else {
                    "Region"
                };
                let id = stix_id("location", &[&e.name, location_type]);
                let mut m = self.base("location", &id, &created);
                m.insert("x_opencti_location_type".into(), location_type.into());
                if let Some(c) = place.country {
                    m.insert("country".into(), c.into());
                }
                // STIX requires a country, a region or coordinates; a place isnad cannot
                // locate gets the region `unknown` (a warning, not an error, to validators).
                if place.country.is_none() || place.region.is_some() {
                    m.insert("region".into(), place.region.unwrap_or("unknown").into());
                }
                (id, m)
            } else {
                let class = match e.kind.as_str() {
                    "PER" => "individual",
                    "ORG" => "organization",
                    _ => "unknown",
                };
                let id = stix_id("identity", &[&e.name, class]);
                let mut m = self.base("identity", &id, &created);
                m.insert("identity_class".into(), class.into());
                (id, m)
            };
            self.entity_ids.insert(e.id, id.clone());
            let mut names: Vec<String> = Vec::new();
            if !e.name_en.is_empty() && e.name_en != e.name {
                names.push(e.name_en.clone());
            }
            names.extend(e.aliases.iter().map(|(a, _)| a.clone()));
            if let Some(existing) = self.objects.get_mut(&id) {
                // Same name and class: one object, as OpenCTI would merge them.
                merge_names(existing, &names);
                add_number(existing, "x_isnad_mentions", stats.mentions);
                continue;
            }
            self.counts.entities += 1;
            m.insert("name".into(), e.name.clone().into());
            merge_names(&mut m, &names);
            m.insert("x_isnad_key".into(), e.key.clone().into());
            m.insert("x_isnad_type".into(), e.kind.clone().into());
            if !e.name_en.is_empty() {
                m.insert("x_isnad_name_en".into(), e.name_en.clone().into());
            }
            if let Some(kb) = &e.kb_id {
                m.insert("x_isnad_kb_id".into(), kb.clone().into());
            }
            m.insert("x_isnad_mentions".into(), stats.mentions.into());
            self.objects.insert(id, m);
        }
        for m in &slice.mentions {
            if let Some(id) = self.entity_ids.get(&m.entity) {
                self.report_refs
                    .entry(m.doc)
                    .or_default()
                    .insert(id.clone());
            }
        }
    }

    /// Relation claims, regrouped by STIX ends (two corpus entities may share one object).
    fn add_claims(&mut self) {
        let mut groups: BTreeMap<(String, &str, String, bool), Vec<&Claim>> = BTreeMap::new();
        for c in &self.slice.claims {
            let (Some(s), Some(o)) = (
                self.entity_ids.get(&c.subject),
                self.entity_ids.get(&c.object),
            ) else {
                continue;
            };
            groups
                .entry((s.clone(), c.kind.as_str(), o.clone(), c.negated))
                .or_default()
                .push(c);
        }
        for ((source, kind, target, negated), claims) in groups {
            self.add_claim(&source, kind, &target, negated, &claims);
        }
    }

    fn add_claim(
        &mut self,
        source: &str,
        kind: &str,
        target: &str,
        negated: bool,
        claims: &[&Claim],
    ) {
        let slice = self.slice;
        let first = claims.iter().filter_map(|c| c.first_date.as_deref()).min();
        let last = claims.iter().filter_map(|c| c.last_date.as_deref()).max();
        let start = first.map(timestamp);
        // `stop_time` must be later than `start_time`: the claim holds until the end of its
        // last day.
        let stop = last.and_then(next_day).map(|d| timestamp(&d));
        let confidence = claims.iter().map(|c| c.confidence).fold(0.0, f64::max);
        let mut reports: BTreeSet<String> = BTreeSet::new();
        let mut asserted: BTreeSet<String> = BTreeSet::new();
        let mut evidence: Vec<Value> = Vec::new();
        let mut documents: Vec<String> = Vec::new();
        let mut sources: Vec<Value> = Vec::new();
        for &i in claims.iter().flat_map(|c| &c.reports) {
            let r = &slice.relations[i];
            let Some(doc) = slice.document(r.doc) else {
                continue;
            };
            reports.insert(report_id(&doc.id));
            if !documents.contains(&doc.id) {
                documents.push(doc.id.clone());
                sources.push(external_reference(doc));
            }
            let by = r.asserted_by.and_then(|a| self.entity_ids.get(&a)).cloned();
            asserted.extend(by.clone());
            if evidence.len() < MAX_EVIDENCE {
                let mut ev = json!({ "document": doc.id, "text": r.evidence, "start": r.ev_start, "end": r.ev_end });
                if let Some(by) = by {
                    ev["asserted_by_ref"] = by.into();
                }
                evidence.push(ev);
            }
        }
        let stix_type = relationship_type(kind, object_type(source), object_type(target));
        let dates = [
            start.as_deref().unwrap_or(""),
            stop.as_deref().unwrap_or(""),
        ];
        let created = start.clone().unwrap_or_else(|| self.as_of.clone());
        let phrase = format!("{} {kind} {}", self.display(source), self.display(target));
        let evidence_text: Vec<&str> = evidence
            .iter()
            .filter_map(|e| e["text"].as_str())
            .take(3)
            .collect();
        let (id, mut m) = if negated {
            let id = stix_id(
                "note",
                &["negated", kind, source, target, dates[0], dates[1]],
            );
            let mut m = self.base("note", &id, &created);
            m.insert(
                "abstract".into(),
                format!("Negated (did not happen): {phrase}").into(),
            );
            m.insert(
                "content".into(),
                format!(
                    "The sources say this did NOT happen: {phrase}.\n{}",
                    evidence_text.join("\n")
                )
                .into(),
            );
            // A note points at what it annotates, its reports included; reports do not
            // point back (a cycle breaks OpenCTI's dependency order).
            let mut refs: BTreeSet<String> = [source.to_string(), target.to_string()].into();
            refs.extend(reports.iter().cloned());
            refs.extend(asserted.iter().cloned());
            m.insert("object_refs".into(), json!(refs));
            m.insert("x_isnad_source_ref".into(), source.into());
            m.insert("x_isnad_target_ref".into(), target.into());
            self.counts.negated += 1;
            (id, m)
        } else {
            let id = stix_id(
                "relationship",
                &[stix_type, kind, source, target, dates[0], dates[1]],
            );
            let mut m = self.base("relationship", &id, &created);
            m.insert("relationship_type".into(), stix_type.into());
            m.insert("source_ref".into(), source.into());
            m.insert("target_ref".into(), target.into());
            if let (Some(start), Some(stop)) = (&start, &stop) {
                m.insert("start_time".into(), start.clone().into());
                m.insert("stop_time".into(), stop.clone().into());
            }
            m.insert(
                "description".into(),
                format!("{phrase}\n{}", evidence_text.join("\n")).into(),
            );
            self.counts.relations += 1;
            (id, m)
        };
        m.insert(
            "confidence".into(),
            ((confidence * 100.0).round().clamp(0.0, 100.0) as i64).into(),
        );
        m.insert("x_isnad_type".into(), kind.into());
        m.insert("x_isnad_negated".into(), negated.into());
        m.insert("x_isnad_documents".into(), json!(documents));
        if !negated {
            // The documents it comes from, as references a reader can follow; not as
            // `*_refs` to the reports, which already contain the relationship (no cycles).
            m.insert("external_references".into(), Value::Array(sources));
        }
        if !asserted.is_empty() {
            m.insert("x_isnad_asserted_by_refs".into(), json!(asserted));
        }
        m.insert("x_isnad_evidence".into(), Value::Array(evidence));
        if let Some(c) = claims.iter().find_map(|c| c.corroboration.as_ref()) {
            m.insert("x_isnad_outlets".into(), c.outlets.into());
            m.insert(
                "x_isnad_independent_sources".into(),
                c.independent_sources.into(),
            );
            m.insert("x_isnad_circular".into(), c.circular.into());
        }
        for c in claims.iter().filter(|_| !negated) {
            for &i in &c.reports {
                self.report_refs
                    .entry(slice.relations[i].doc)
                    .or_default()
                    .insert(id.clone());
            }
        }
        self.objects.insert(id, m);
    }

    fn add_quotes(&mut self) {
        let slice = self.slice;
        for q in &slice.quotes {
            let Some(doc) = slice.document(q.doc) else {
                continue;
            };
            let report = report_id(&doc.id);
            let id = stix_id(
                "note",
                &["quote", &doc.id, &q.start.to_string(), &q.end.to_string()],
            );
            let created =
                day(doc.published.as_deref()).map_or_else(|| self.as_of.clone(), timestamp);
            let mut m = self.base("note", &id, &created);
            let speaker = q.speaker.and_then(|s| self.entity_ids.get(&s)).cloned();
            let via: Vec<String> = q
                .via
                .iter()
                .filter_map(|v| self.entity_ids.get(v).cloned())
                .collect();
            let mut refs: BTreeSet<String> = [report].into();
            refs.extend(speaker.clone());
            refs.extend(via.iter().cloned());
            let who = speaker
                .as_deref()
                .map_or(q.speaker_text.clone(), |s| self.display(s));
            m.insert(
                "abstract".into(),
                format!("{who} ({}): quote", q.cue).into(),
            );
            m.insert("content".into(), q.text.clone().into());
            m.insert("object_refs".into(), json!(refs));
            if let Some(s) = &speaker {
                m.insert("x_isnad_speaker_ref".into(), s.clone().into());
            }
            m.insert("x_isnad_speaker_text".into(), q.speaker_text.clone().into());
            m.insert("x_isnad_cue".into(), q.cue.clone().into());
            if !via.is_empty() {
                m.insert("x_isnad_via_refs".into(), json!(via));
            }
            m.insert("x_isnad_document".into(), doc.id.clone().into());
            m.insert("x_isnad_start".into(), q.start.into());
            m.insert("x_isnad_end".into(), q.end.into());
            self.objects.insert(id, m);
            self.counts.quotes += 1;
        }
    }

    fn add_reports(&mut self) {
        let slice = self.slice;
        for doc in &slice.documents {
            let published = day(doc.published.as_deref()).map(timestamp);
            let created = published.clone().unwrap_or_else(|| EPOCH.to_string());
            let id = report_id(&doc.id);
            let mut m = self.base("report", &id, &created);
            let mut refs = self.report_refs.remove(&doc.rowid).unwrap_or_default();
            if let Some(outlet) = doc.outlet.as_deref().filter(|o| !o.trim().is_empty()) {
                refs.insert(self.outlet(outlet, &created));
                m.insert("x_isnad_outlet".into(), outlet.into());
            }
            if refs.is_empty() {
                // `object_refs` may not be empty: a report with nothing found refers to its reader.
                refs.insert(self.creator.clone());
            }
            let name = doc
                .title
                .as_deref()
                .filter(|t| !t.trim().is_empty())
                .unwrap_or(&doc.id);
            m.insert("name".into(), name.into());
            m.insert(
                "published".into(),
                published.clone().unwrap_or_else(|| EPOCH.into()).into(),
            );
            if published.is_none() {
                m.insert("x_isnad_date_unknown".into(), true.into());
            }
            m.insert("description".into(), doc.text.clone().into());
            m.insert("object_refs".into(), json!(refs));
            m.insert(
                "external_references".into(),
                json!([external_reference(doc)]),
            );
            m.insert("x_isnad_document".into(), doc.id.clone().into());
            m.insert("lang".into(), "ar".into());
            self.objects.insert(id, m);
            self.counts.documents += 1;
        }
    }

    /// The outlet's identity (merged with an organization of the same name).
    fn outlet(&mut self, name: &str, created: &str) -> String {
        let id = stix_id("identity", &[name, "organization"]);
        if !self.objects.contains_key(&id) {
            let mut m = self.base("identity", &id, created);
            m.insert("name".into(), name.into());
            m.insert("identity_class".into(), "organization".into());
            m.insert("sectors".into(), json!(["communications"]));
            m.insert("x_isnad_role".into(), "outlet".into());
            self.objects.insert(id.clone(), m);
        }
        id
    }

    fn add_groupings(&mut self) {
        let slice = self.slice;
        for story in &slice.stories {
            let created = story
                .doc_ids
                .iter()
                .filter_map(|d| slice.document_by_id(d))
                .filter_map(|d| day(d.published.as_deref()))
                .min()
                .map_or_else(|| self.as_of.clone(), timestamp);
            let id = stix_id("grouping", &[&story.id]);
            let mut m = self.base("grouping", &id, &created);
            let refs: BTreeSet<String> = story.doc_ids.iter().map(|d| report_id(d)).collect();
            m.insert("name".into(), story.title.clone().into());
            m.insert("context".into(), "unspecified".into());
            m.insert("object_refs".into(), json!(refs));
            m.insert("x_isnad_story".into(), story.id.clone().into());
            self.objects.insert(id, m);
            self.counts.stories += 1;
        }
    }

    /// An object's English name, else its name, for human-readable text.
    fn display(&self, id: &str) -> String {
        let Some(o) = self.objects.get(id) else {
            return id.to_string();
        };
        o.get("x_isnad_name_en")
            .or_else(|| o.get("name"))
            .and_then(Value::as_str)
            .unwrap_or(id)
            .to_string()
    }
}

/// A document as a STIX external reference: outlet, document id, address.
fn external_reference(doc: &isnad_corpus::DocumentRecord) -> Value {
    let mut ext = json!({
        "source_name": doc.outlet.as_deref().filter(|o| !o.trim().is_empty()).unwrap_or("isnad"),
        "external_id": doc.id,
    });
    if let Some(url) = doc.url.as_deref().filter(|u| !u.is_empty()) {
        ext["url"] = crate::ids::uri(url).into();
    }
    ext
}

pub(crate) fn report_id(doc_id: &str) -> String {
    stix_id("report", &[doc_id])
}

fn merge_names(m: &mut Map<String, Value>, names: &[String]) {
    let own = m
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let list = m
        .entry("x_opencti_aliases")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = list {
        for n in names {
            let n = n.trim();
            if list.len() >= MAX_ALIASES {
                break;
            }
            if !n.is_empty() && n != own && !list.iter().any(|v| v.as_str() == Some(n)) {
                list.push(n.into());
            }
        }
    }
    if m.get("x_opencti_aliases")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty)
    {
        m.remove("x_opencti_aliases");
    }
}

fn add_number(m: &mut Map<String, Value>, key: &str, n: usize) {
    let old = m.get(key).and_then(Value::as_u64).unwrap_or(0);
    m.insert(key.into(), (old + n as u64).into());
}

/// The day after `YYYY-MM-DD`.
pub(crate) fn next_day(day: &str) -> Option<String> {
    let num = |r: std::ops::Range<usize>| day.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (y, m, d) = civil_from_days(days_from_civil(y, m, d) + 1);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_day_crosses_months_years_and_leap_days() {
        assert_eq!(next_day("2024-02-28").as_deref(), Some("2024-02-29"));
        assert_eq!(next_day("2023-02-28").as_deref(), Some("2023-03-01"));
        assert_eq!(next_day("2024-12-31").as_deref(), Some("2025-01-01"));
        assert_eq!(next_day("nonsense"), None);
    }

    #[test]
    fn only_suggested_pairs_get_a_stix_type() {
        assert_eq!(
            relationship_type("located_in", "identity", "location"),
            "located-at"
        );
        assert_eq!(
            relationship_type("located_in", "location", "location"),
            "related-to"
        );
        assert_eq!(
            relationship_type("attacks", "identity", "identity"),
            "related-to"
        );
    }
}
