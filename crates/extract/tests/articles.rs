//! Integration tests on articles written for this crate (conflict, diplomacy, a court case,
//! economy, sport, a social-media post, a protest crackdown, humanitarian aid). Each
//! `articles/NAME.json` lists the actors (mention strings located in the text, so the test
//! measures extraction alone) and the expected quotes, relations and dates.

use isnad_extract::{extract_actors, Actor, ActorKind, Extraction};
use serde_json::Value;

fn char_spans(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let n = needle.chars().count();
    text.match_indices(needle)
        .map(|(b, _)| text[..b].chars().count())
        .map(|s| (s, s + n))
        .collect()
}

fn load(name: &str) -> (String, Value) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/articles/");
    let text = std::fs::read_to_string(format!("{dir}{name}.txt")).expect("article text");
    let spec: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}{name}.json")).expect("article spec"),
    )
    .expect("valid json");
    (text, spec)
}

/// Actors from mention strings: longest match wins where two overlap.
fn actors(text: &str, spec: &Value) -> Vec<Actor> {
    let mut spans = Vec::new();
    let mut out = Vec::new();
    for (i, a) in spec["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .enumerate()
    {
        let kind = match a["kind"].as_str() {
            Some("PER") => ActorKind::Per,
            Some("ORG") => ActorKind::Org,
            Some("LOC") => ActorKind::Loc,
            _ => ActorKind::Misc,
        };
        let names: Vec<&str> = a["mentions"]
            .as_array()
            .expect("mentions")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        for n in &names {
            spans.extend(char_spans(text, n).into_iter().map(|(s, e)| (s, e, i)));
        }
        out.push(Actor {
            id: a["id"].as_str().expect("id").to_string(),
            kind,
            name: names[0].to_string(),
            mentions: Vec::new(),
        });
    }
    spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut last = 0;
    for (s, e, i) in spans {
        if s >= last {
            out[i].mentions.push((s, e));
            last = e;
        }
    }
    out
}

fn check(name: &str) -> Extraction {
    let (text, spec) = load(name);
    let actors = actors(&text, &spec);
    let x = extract_actors(
        &text,
        isnad_morph::Morphology::global(),
        &actors,
        spec["published"].as_str(),
    );
    let slice = |s: usize, e: usize| text.chars().skip(s).take(e - s).collect::<String>();
    // Offsets are code points and every text is its slice.
    for q in &x.quotes {
        assert_eq!(slice(q.start, q.end), q.text, "{name}: quote offsets");
    }
    for d in &x.dates {
        assert_eq!(slice(d.start, d.end), d.text, "{name}: date offsets");
    }
    for r in &x.relations {
        assert_eq!(
            slice(r.evidence.start, r.evidence.end),
            r.evidence.text,
            "{name}: evidence offsets"
        );
        assert!((0.0..=1.0).contains(&r.confidence));
    }
    // Quotes: the same set, each with its speaker, cue and via chain.
    let want = spec["quotes"].as_array().expect("quotes");
    let got: Vec<&str> = x.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(x.quotes.len(), want.len(), "{name}: quotes {got:#?}");
    for w in want {
        let text = w["text"].as_str().expect("text");
        let q = x
            .quotes
            .iter()
            .find(|q| q.text == text)
            .unwrap_or_else(|| panic!("{name}: missing quote {text}; got {got:#?}"));
        assert_eq!(
            q.speaker.as_deref(),
            w["speaker"].as_str(),
            "{name}: speaker of {text}"
        );
        assert_eq!(
            q.cue,
            w["cue"].as_str().expect("cue"),
            "{name}: cue of {text}"
        );
        let via: Vec<&str> = w["via"]
            .as_array()
            .expect("via")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(q.via, via, "{name}: via of {text}");
    }
    // Relations: every expected one is found; at most as many extra as expected.
    let rels: Vec<(String, String, String, bool)> = x
        .relations
        .iter()
        .map(|r| {
            (
                r.subject.clone(),
                serde_json::to_value(r.kind)
                    .expect("kind")
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                r.object.clone(),
                r.negated,
            )
        })
        .collect();
    let want = spec["relations"].as_array().expect("relations");
    for w in want {
        let key = (
            w[0].as_str().unwrap_or_default().to_string(),
            w[1].as_str().unwrap_or_default().to_string(),
            w[2].as_str().unwrap_or_default().to_string(),
            w[3].as_bool().unwrap_or_default(),
        );
        let sym = matches!(key.1.as_str(), "meets" | "cooperates_with");
        let found = rels.iter().any(|r| {
            *r == key || (sym && r.0 == key.2 && r.2 == key.0 && r.1 == key.1 && r.3 == key.3)
        });
        assert!(found, "{name}: missing relation {key:?}; got {rels:#?}");
        // An optional fifth field is who the text attributes the relation to (null: the outlet).
        if let Some(by) = w.get(4) {
            let r = x
                .relations
                .iter()
                .zip(&rels)
                .find(|(_, k)| k.0 == key.0 && k.1 == key.1 && k.2 == key.2)
                .map(|(r, _)| r)
                .expect("found above");
            assert_eq!(
                r.asserted_by.as_deref(),
                by.as_str(),
                "{name}: asserted_by of {key:?}"
            );
        }
    }
    assert!(
        rels.len() <= 2 * want.len(),
        "{name}: too many relations {rels:#?}"
    );
    // Dates: exactly these, with their ISO values.
    let dates: Vec<(&str, &str)> = x
        .dates
        .iter()
        .map(|d| (d.text.as_str(), d.value.as_str()))
        .collect();
    let want: Vec<(&str, &str)> = spec["dates"]
        .as_array()
        .expect("dates")
        .iter()
        .map(|d| {
            (
                d[0].as_str().unwrap_or_default(),
                d[1].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(dates, want, "{name}: dates");
    x
}

#[test]
fn conflict_and_armed_groups() {
    check("conflict");
}

#[test]
fn diplomacy_with_outlet_attribution() {
    let x = check("diplomacy");
    let r = x
        .relations
        .iter()
        .find(|r| r.subject == "ona")
        .expect("outlet relation");
    assert_eq!(r.asserted_by, None);
}

#[test]
fn attribution_covers_the_reported_clause_not_the_speakers_description() {
    let x = check("attribution");
    // «ذكرت الوكالة نقلا عن مصادر أن الجماعة …»: the unnamed sources are the agency's source;
    // the group in the reported clause publishes nothing.
    assert!(
        !x.relations.iter().any(|r| r.subject == "ansar"
            && serde_json::to_value(r.kind)
                .ok()
                .as_ref()
                .and_then(Value::as_str)
                == Some("translates_or_publishes")),
        "{:#?}",
        x.relations
    );
}

#[test]
fn court_case_with_colon_quote() {
    check("court");
}

#[test]
fn economy_with_weekday_and_date() {
    check("economy");
}

#[test]
fn sport_with_continuation_cue() {
    check("sport");
}

#[test]
fn social_media_post() {
    check("social");
}

/// Verb forms no surface list holds («احتجزت», «سيهاجمون», «سيساعد», «وفرت») are read through
/// the segmenter and the root lexicons.
#[test]
fn protest_and_repression() {
    check("protest");
}

#[test]
fn humanitarian_aid() {
    let x = check("aid");
    // «أنه سيقدم …»: the pronoun subject of the complement clause is the announcer.
    assert!(x
        .relations
        .iter()
        .any(|r| r.subject == "wfp" && r.object == "amal"));
}

/// «قالت مصادر أمنية إن …»: a relation an unnamed source vouches for is not the outlet's own
/// statement; it carries the source's description and no entity.
#[test]
fn unnamed_sources_describe_who_asserts() {
    let text = "قالت مصادر أمنية عراقية إن الشرطة اعتقلت خمسة من عناصر تنظيم داعش في بغداد. \
                واعتقلت الشرطة أمس ثلاثة آخرين في الموصل.";
    let actors: Vec<Actor> = [
        ("police", ActorKind::Org, "الشرطة"),
        ("isis", ActorKind::Org, "تنظيم داعش"),
    ]
    .into_iter()
    .map(|(id, kind, name)| Actor {
        id: id.into(),
        kind,
        name: name.into(),
        mentions: char_spans(text, name),
    })
    .collect();
    let x = extract_actors(text, isnad_morph::Morphology::global(), &actors, None);
    let sourced: Vec<_> = x
        .relations
        .iter()
        .filter(|r| r.evidence.start < 80 && r.subject == "police")
        .collect();
    assert!(!sourced.is_empty(), "{:?}", x.relations);
    for r in sourced {
        assert_eq!(r.asserted_by, None);
        let said = r.asserted_by_text.as_deref().unwrap_or_default();
        assert!(said.starts_with("مصادر أمنية"), "{said}");
    }
    // The second sentence is the outlet's own statement.
    assert!(x
        .relations
        .iter()
        .filter(|r| r.evidence.start > 80)
        .all(|r| r.asserted_by_text.is_none()));
}
