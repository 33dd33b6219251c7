//! Country codes and regions of the knowledge base's places (`data/places.tsv`).
//!
//! STIX 2.1 requires every `location` to carry a country, a region or coordinates, and
//! FollowTheMoney's `Address` takes an ISO country code; the knowledge base names places but
//! does not code them, so this table does, and a city inherits its country through the
//! knowledge base's parent links (Mosul → Iraq).

use std::collections::HashMap;
use std::sync::OnceLock;

/// Where a place is, as far as isnad knows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Place {
    /// ISO 3166-1 alpha-2, upper case.
    pub country: Option<&'static str>,
    /// A STIX `region-ov` value.
    pub region: Option<&'static str>,
    /// True when the place is the country itself, not a place inside it.
    pub is_country: bool,
}

/// kb id → (country code, region).
type Table = HashMap<&'static str, (Option<&'static str>, Option<&'static str>)>;

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let non_empty = |s: Option<&'static str>| s.map(str::trim).filter(|s| !s.is_empty());
        include_str!("../data/places.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("kb_id\t") && !l.trim().is_empty())
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let id = cols.next()?;
                Some((id, (non_empty(cols.next()), non_empty(cols.next()))))
            })
            .collect()
    })
}

/// The country and region of the knowledge-base place `kb_id`, following parents up to a
/// listed place (at most a few steps: the knowledge base nests city → region → country).
pub(crate) fn lookup(kb_id: Option<&str>) -> Place {
    let kb = isnad_kb::Kb::builtin();
    let mut id = kb_id.map(str::to_string);
    for depth in 0..6 {
        let Some(current) = id else { break };
        if let Some(&(country, region)) = table().get(current.as_str()) {
            return Place {
                country,
                region,
                is_country: depth == 0 && country.is_some(),
            };
        }
        id = kb.get(&current).and_then(|e| e.parent.clone());
    }
    Place::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_cities_and_unknown_places() {
        let iraq = lookup(Some("iraq"));
        assert_eq!(iraq.country, Some("IQ"));
        assert!(iraq.is_country);
        let mosul = lookup(Some("mosul"));
        assert_eq!(mosul.country, Some("IQ"));
        assert!(!mosul.is_country);
        // Ain Zara → Tripoli → Libya.
        assert_eq!(lookup(Some("ain_zara")).country, Some("LY"));
        assert_eq!(lookup(Some("europe")).region, Some("europe"));
        assert_eq!(lookup(None), Place::default());
    }

    #[test]
    fn every_listed_id_is_a_knowledge_base_place() {
        let kb = isnad_kb::Kb::builtin();
        for id in table().keys() {
            assert!(kb.get(id).is_some(), "{id} is not in kb/actors.tsv");
        }
    }
}
