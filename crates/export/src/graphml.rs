//! GraphML for Gephi (and networkx, yEd, Cytoscape): entities are nodes, relation claims are
//! directed edges.
//!
//! Every attribute is declared with a `<key>` and a type (`string`, `int`, `double`,
//! `boolean`), which is what Gephi and networkx need to read it as a column rather than text.
//! A negated claim is its own edge with `negated = true`, so that a filter on that column
//! separates what happened from what was denied. Names are escaped, and characters XML 1.0
//! forbids (C0 controls other than tab and newlines) are dropped, because one such character
//! makes the whole file unreadable.

use crate::{Counts, Result, Slice};
use std::io::Write;

/// (id, for, attr.name, attr.type): the declared attributes.
const KEYS: [(&str, &str, &str, &str); 16] = [
    ("label", "node", "label", "string"),
    ("type", "node", "type", "string"),
    ("name_ar", "node", "name_ar", "string"),
    ("name_en", "node", "name_en", "string"),
    ("kb_id", "node", "kb_id", "string"),
    ("mentions", "node", "mentions", "int"),
    ("documents", "node", "documents", "int"),
    ("first_seen", "node", "first_seen", "string"),
    ("last_seen", "node", "last_seen", "string"),
    ("e_label", "edge", "label", "string"),
    ("e_type", "edge", "type", "string"),
    ("negated", "edge", "negated", "boolean"),
    ("count", "edge", "count", "int"),
    ("confidence", "edge", "confidence", "double"),
    ("first_date", "edge", "first_date", "string"),
    ("last_date", "edge", "last_date", "string"),
];

/// Writes the graph.
pub(crate) fn write(slice: &Slice, out: &mut dyn Write) -> Result<Counts> {
    let mut counts = Counts::default();
    out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    out.write_all(b"<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n")?;
    for (id, domain, name, kind) in KEYS {
        writeln!(
            out,
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
        )?;
    }
    out.write_all(b"  <graph id=\"isnad\" edgedefault=\"directed\">\n")?;
    for e in &slice.entities {
        let stats = slice.entity_stats.get(&e.id).cloned().unwrap_or_default();
        writeln!(out, "    <node id=\"{}\">", escape(&e.key))?;
        let label = if e.name_en.is_empty() {
            &e.name
        } else {
            &e.name_en
        };
        data(out, "label", label)?;
        data(out, "type", &e.kind)?;
        data(out, "name_ar", &e.name)?;
        data(out, "name_en", &e.name_en)?;
        if let Some(kb) = &e.kb_id {
            data(out, "kb_id", kb)?;
        }
        data(out, "mentions", &stats.mentions.to_string())?;
        data(out, "documents", &stats.documents.to_string())?;
        if let (Some(first), Some(last)) = (&stats.first_seen, &stats.last_seen) {
            data(out, "first_seen", first)?;
            data(out, "last_seen", last)?;
        }
        out.write_all(b"    </node>\n")?;
        counts.entities += 1;
    }
    for (i, c) in slice.claims.iter().enumerate() {
        let (Some(s), Some(o)) = (slice.entity(c.subject), slice.entity(c.object)) else {
            continue;
        };
        writeln!(
            out,
            "    <edge id=\"r{i}\" source=\"{}\" target=\"{}\">",
            escape(&s.key),
            escape(&o.key)
        )?;
        let label = if c.negated {
            format!("NOT {}", c.kind)
        } else {
            c.kind.clone()
        };
        data(out, "e_label", &label)?;
        data(out, "e_type", &c.kind)?;
        data(out, "negated", if c.negated { "true" } else { "false" })?;
        data(out, "count", &c.documents.to_string())?;
        data(out, "confidence", &format!("{:.4}", c.confidence))?;
        if let (Some(first), Some(last)) = (&c.first_date, &c.last_date) {
            data(out, "first_date", first)?;
            data(out, "last_date", last)?;
        }
        out.write_all(b"    </edge>\n")?;
        if c.negated {
            counts.negated += 1;
        } else {
            counts.relations += 1;
        }
    }
    out.write_all(b"  </graph>\n</graphml>\n")?;
    counts.objects = counts.entities + counts.relations + counts.negated;
    Ok(counts)
}

fn data(out: &mut dyn Write, key: &str, value: &str) -> std::io::Result<()> {
    writeln!(out, "      <data key=\"{key}\">{}</data>", escape(value))
}

/// XML-escapes text and attribute values, dropping characters XML 1.0 does not allow.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escaping_keeps_arabic_and_drops_what_xml_forbids() {
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(escape("حماس\u{1}"), "حماس");
    }
}
