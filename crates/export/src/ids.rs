//! Deterministic ids: UUIDv5 over the properties a consumer deduplicates on, so that exporting
//! twice gives the same ids and a re-import updates objects instead of duplicating them.

use uuid::Uuid;

/// isnad's namespace for every UUIDv5 it derives (itself UUIDv5 of "isnad" in the URL
/// namespace, so anyone can recompute it).
pub(crate) fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://github.com/isnad/isnad")
}

/// `<type>--<uuid5 over the parts>`: parts are joined with a unit separator, which no name
/// contains, so ("a b", "c") and ("a", "b c") differ.
pub(crate) fn stix_id(kind: &str, parts: &[&str]) -> String {
    format!("{kind}--{}", uuid(kind, parts))
}

/// The bare UUIDv5 of a typed tuple.
pub(crate) fn uuid(kind: &str, parts: &[&str]) -> Uuid {
    let mut name = String::with_capacity(64);
    name.push_str(kind);
    for p in parts {
        name.push('\u{1f}');
        name.push_str(p);
    }
    Uuid::new_v5(&namespace(), name.as_bytes())
}

/// A URL as a URI: characters outside URI syntax (Arabic slugs, «», spaces) percent-encoded
/// as UTF-8, as browsers send them; STIX validators reject the raw IRI.
pub(crate) fn uri(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        if c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_become_uris() {
        assert_eq!(uri("http://a.com/x y"), "http://a.com/x%20y");
        assert_eq!(uri("http://a.com/«ب»"), "http://a.com/%C2%AB%D8%A8%C2%BB");
        assert_eq!(uri("https://a.com/?q=1&r=%20"), "https://a.com/?q=1&r=%20");
    }

    #[test]
    fn ids_are_stable_and_separate_their_parts() {
        assert_eq!(stix_id("identity", &["a"]), stix_id("identity", &["a"]));
        assert_ne!(stix_id("x", &["a b", "c"]), stix_id("x", &["a", "b c"]));
        let id = stix_id("identity", &["حماس", "organization"]);
        assert!(id.starts_with("identity--"));
        // Version nibble 5 (name-based, SHA-1).
        assert_eq!(id.as_bytes()["identity--".len() + 14], b'5');
    }
}
