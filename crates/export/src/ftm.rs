//! FollowTheMoney (Aleph's entity model) as JSON lines: one `{"id", "schema", "properties"}`
//! entity a line, every property a list of strings, as `ftm` and `alephclient` read them.
//!
//! * persons are `Person`, organizations `Organization`, other names `LegalEntity`, places
//!   `Territory` when a country, else `Address` (with the country code when isnad knows it); Arabic name first, English name
//!   and other spellings as `alias`;
//! * each document is an `Article`, and each entity it mentions a `Documentation` link
//!   (role `mentioned`), so that Aleph shows where an actor appears;
//! * relations are interval schemata: `Membership` for `member_of` (person or organization in
//!   an organization), `Directorship` for `leader_of`, `UnknownLink` with isnad's type as
//!   `role` otherwise, with dates, summary (evidence) and the articles as `proof`;
//! * a negated relation is a `Note` on its subject, never a link (a link reads as a claim);
//!   a quote is a `Note` on its speaker (or its article when the speaker is unnamed).
//!
//! Ids are `isnad-` plus a UUIDv5 of what identifies the thing, so re-imports update.

use crate::ids::uuid;
use crate::slice::{day, Claim, Slice};
use crate::{places, Counts, Result};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::io::Write;

/// At most this many evidence clauses in a link's summary.
const MAX_EVIDENCE: usize = 5;

fn id(kind: &str, parts: &[&str]) -> String {
    format!("isnad-{}", uuid(kind, parts).simple())
}

fn entity_id(key: &str) -> String {
    id("ftm-entity", &[key])
}

fn article_id(doc_id: &str) -> String {
    id("ftm-article", &[doc_id])
}

/// Properties built up as lists of strings, empty values skipped.
#[derive(Default)]
struct Props(Map<String, Value>);

impl Props {
    fn add(&mut self, prop: &str, value: &str) -> &mut Self {
        let value = value.trim();
        if value.is_empty() {
            return self;
        }
        let list = self
            .0
            .entry(prop)
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = list {
            if !list.iter().any(|v| v.as_str() == Some(value)) {
                list.push(value.into());
            }
        }
        self
    }

    fn add_opt(&mut self, prop: &str, value: Option<&str>) -> &mut Self {
        if let Some(v) = value {
            self.add(prop, v);
        }
        self
    }
}

fn emit(out: &mut dyn Write, id: &str, schema: &str, props: Props) -> Result<()> {
    let line = json!({ "id": id, "schema": schema, "properties": Value::Object(props.0) });
    serde_json::to_writer(&mut *out, &line)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Writes the entities.
pub(crate) fn write(slice: &Slice, out: &mut dyn Write) -> Result<Counts> {
    let mut counts = Counts::default();
    for e in &slice.entities {
        let mut p = Props::default();
        p.add("name", &e.name);
        p.add("alias", &e.name_en);
        for (alias, _) in &e.aliases {
            if alias != &e.name {
                p.add("alias", alias);
            }
        }
        let place = places::lookup(e.kb_id.as_deref());
        let schema = match e.kind.as_str() {
            "PER" => "Person",
            "ORG" => "Organization",
            "LOC" if place.is_country => "Territory",
            "LOC" => "Address",
            _ => "LegalEntity",
        };
        if e.kind == "LOC" {
            if !place.is_country {
                p.add("full", &e.name);
            }
            let country = place.country.map(str::to_ascii_lowercase);
            p.add_opt("country", country.as_deref());
        }
        p.add("notes", &format!("isnad key {}", e.key));
        emit(out, &entity_id(&e.key), schema, p)?;
        counts.entities += 1;
    }
    for d in &slice.documents {
        let mut p = Props::default();
        p.add("title", d.title.as_deref().unwrap_or(&d.id));
        p.add("fileName", &d.id);
        p.add_opt("publishedAt", day(d.published.as_deref()));
        p.add_opt("publisher", d.outlet.as_deref());
        p.add_opt(
            "sourceUrl",
            d.url.as_deref().map(crate::ids::uri).as_deref(),
        );
        p.add("language", "ara");
        p.add("bodyText", &d.text);
        emit(out, &article_id(&d.id), "Article", p)?;
        counts.documents += 1;
    }
    let mentions = write_mentions(slice, out)?;
    for c in &slice.claims {
        write_claim(slice, c, out, &mut counts)?;
    }
    write_quotes(slice, out, &mut counts)?;
    counts.objects = counts.entities
        + counts.documents
        + counts.relations
        + counts.negated
        + counts.quotes
        + mentions;
    Ok(counts)
}

/// One `Documentation` per (article, entity).
fn write_mentions(slice: &Slice, out: &mut dyn Write) -> Result<usize> {
    let mut seen: BTreeSet<(i64, i64)> = BTreeSet::new();
    for m in &slice.mentions {
        if !seen.insert((m.doc, m.entity)) {
            continue;
        }
        let (Some(d), Some(e)) = (slice.document(m.doc), slice.entity(m.entity)) else {
            continue;
        };
        let mut p = Props::default();
        p.add("document", &article_id(&d.id));
        p.add("entity", &entity_id(&e.key));
        p.add("role", "mentioned");
        p.add_opt("date", day(d.published.as_deref()));
        emit(
            out,
            &id("ftm-mention", &[&d.id, &e.key]),
            "Documentation",
            p,
        )?;
    }
    Ok(seen.len())
}

fn write_claim(slice: &Slice, c: &Claim, out: &mut dyn Write, counts: &mut Counts) -> Result<()> {
    let (Some(s), Some(o)) = (slice.entity(c.subject), slice.entity(c.object)) else {
        return Ok(());
    };
    let mut evidence: Vec<&str> = Vec::new();
    let mut proofs: BTreeSet<String> = BTreeSet::new();
    for &i in &c.reports {
        let r = &slice.relations[i];
        if evidence.len() < MAX_EVIDENCE && !evidence.contains(&r.evidence.as_str()) {
            evidence.push(&r.evidence);
        }
        if let Some(d) = slice.document(r.doc) {
            proofs.insert(article_id(&d.id));
        }
    }
    let link_id = id(
        "ftm-link",
        &[
            &s.key,
            &c.kind,
            &o.key,
            if c.negated { "negated" } else { "" },
        ],
    );
    let mut p = Props::default();
    let schema = if c.negated {
        p.add("entity", &entity_id(&s.key));
        p.add(
            "description",
            &format!(
                "NOT {} {} {} (the sources say this did not happen)",
                s.name, c.kind, o.name
            ),
        );
        p.add("summary", &evidence.join("\n"));
        counts.negated += 1;
        "Note"
    } else {
        let (schema, from, to) = match (c.kind.as_str(), o.kind.as_str(), s.kind.as_str()) {
            ("member_of", "ORG", "PER" | "ORG") => ("Membership", "member", "organization"),
            ("leader_of", "ORG", "PER" | "ORG") => ("Directorship", "director", "organization"),
            _ => ("UnknownLink", "subject", "object"),
        };
        p.add(from, &entity_id(&s.key));
        p.add(to, &entity_id(&o.key));
        p.add("role", &c.kind);
        p.add_opt("startDate", c.first_date.as_deref());
        p.add_opt("endDate", c.last_date.as_deref());
        p.add("summary", &evidence.join("\n"));
        for proof in &proofs {
            p.add("proof", proof);
        }
        counts.relations += 1;
        schema
    };
    emit(out, &link_id, schema, p)
}

fn write_quotes(slice: &Slice, out: &mut dyn Write, counts: &mut Counts) -> Result<()> {
    for q in &slice.quotes {
        let Some(d) = slice.document(q.doc) else {
            continue;
        };
        let about = q
            .speaker
            .and_then(|s| slice.entity(s))
            .map_or_else(|| article_id(&d.id), |e| entity_id(&e.key));
        let via: Vec<&str> = q
            .via
            .iter()
            .filter_map(|&v| slice.entity(v).map(|e| e.name.as_str()))
            .collect();
        let mut p = Props::default();
        p.add("entity", &about);
        p.add("description", &q.text);
        let mut summary = format!("{} ({}), in {}", q.speaker_text, q.cue, d.id);
        if !via.is_empty() {
            summary.push_str(&format!(", via {}", via.join(" ← ")));
        }
        p.add("summary", &summary);
        emit(
            out,
            &id(
                "ftm-quote",
                &[&d.id, &q.start.to_string(), &q.end.to_string()],
            ),
            "Note",
            p,
        )?;
        counts.quotes += 1;
    }
    Ok(())
}
