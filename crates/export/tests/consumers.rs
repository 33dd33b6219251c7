//! Exports of a small corpus of invented Arabic news (`fixtures/news.jsonl`), read back by the
//! consumers' own libraries (`consumers.py`: stix2-validator, stix2, pycti's bundle splitter,
//! misp-stix, networkx, followthemoney, csv), checked for closure, and exported twice to the
//! same bytes.

use isnad_analysis::Analyzer;
use isnad_corpus::{Corpus, IngestOptions};
use isnad_export::{export, Counts, Format, Options, Selection, Slice, Tlp};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/news.jsonl")
}

/// The fixture's relations come from the hand rules, not the trained classifier: these tests are
/// about how exports carry negated relations and via chains, so their input must hold one of
/// each whatever a retrained model reads in the fixture.
fn ingest(dir: &Path) -> Corpus {
    let mut corpus = Corpus::open(dir).unwrap();
    let options = IngestOptions {
        progress: false,
        ..Default::default()
    };
    let summary = corpus
        .ingest(
            &[fixture()],
            &Analyzer::builder().relation_rules().build(),
            &options,
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(summary.skipped, 0);
    corpus
}

fn bytes(slice: &Slice, format: Format, options: &Options) -> (Vec<u8>, Counts) {
    let mut out = Vec::new();
    let counts = export(slice, format, options, &mut out).unwrap();
    (out, counts)
}

#[test]
fn every_format_imports_whole_into_its_consumer() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = ingest(&dir.path().join("data"));
    let slice = Slice::load(&corpus, &Selection::default()).unwrap();
    assert!(
        slice.claims.iter().any(|c| c.negated),
        "the fixture has a negated relation"
    );
    assert!(
        slice.quotes.iter().any(|q| !q.via.is_empty()),
        "and a quote with a via chain"
    );
    let mut counts = serde_json::Map::new();
    for (format, file) in [
        (Format::Stix, "export.stix.json"),
        (Format::Graphml, "export.graphml"),
        (Format::Ftm, "export.ftm.json"),
        (Format::Csv, "export.zip"),
    ] {
        let (out, c) = bytes(&slice, format, &Options::default());
        std::fs::write(dir.path().join(file), out).unwrap();
        counts.insert(format.name().into(), serde_json::to_value(c).unwrap());
    }
    if !isnad_testkit::python3() {
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/consumers.py");
    let run = Command::new("python3")
        .arg(&script)
        .arg(dir.path())
        .arg(serde_json::Value::Object(counts).to_string())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&run.stderr));
    if run.status.code() == Some(3) {
        // A consumer library is not installed (`.ci/run` installs them).
        isnad_testkit::skip(stdout.trim());
        return;
    }
    assert!(run.status.success(), "a consumer rejected an export");
    assert!(stdout.contains("\nOK"));
}

#[test]
fn exporting_twice_and_from_a_second_ingest_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let first = ingest(&dir.path().join("a"));
    let second = ingest(&dir.path().join("b"));
    let options = Options {
        excel: true,
        tlp: Tlp::Amber,
    };
    let a = Slice::load(&first, &Selection::default()).unwrap();
    let b = Slice::load(&second, &Selection::default()).unwrap();
    for format in Format::ALL {
        let (once, _) = bytes(&a, format, &options);
        let (twice, _) = bytes(&a, format, &options);
        assert!(
            once == twice,
            "{} differs between two exports",
            format.name()
        );
        let (other, _) = bytes(&b, format, &options);
        assert!(
            once == other,
            "{} differs between two stores",
            format.name()
        );
    }
}

#[test]
fn a_slice_is_closed_over_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = ingest(&dir.path().join("data"));
    let all = Slice::load(&corpus, &Selection::default()).unwrap();
    let by_entity = Selection {
        entity: Some("تحسين الخفاجي".into()),
        ..Default::default()
    };
    let slice = Slice::load(&corpus, &by_entity).unwrap();
    let ids: Vec<&str> = slice.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["iraq-attack-a", "iraq-attack-b"]);
    assert!(slice.entities.len() < all.entities.len());
    for r in &slice.relations {
        assert!(slice.document(r.doc).is_some());
        assert!(slice.entity(r.subject).is_some() && slice.entity(r.object).is_some());
    }
    for q in &slice.quotes {
        assert!(q.via.iter().all(|&v| slice.entity(v).is_some()));
    }
    // Every STIX reference of the slice resolves inside it.
    let (stix, counts) = bytes(&slice, Format::Stix, &Options::default());
    let bundle: serde_json::Value = serde_json::from_slice(&stix).unwrap();
    let objects = bundle["objects"].as_array().unwrap();
    let ids: std::collections::HashSet<&str> =
        objects.iter().filter_map(|o| o["id"].as_str()).collect();
    let mut refs = Vec::new();
    collect_refs(&bundle, "", &mut refs);
    assert!(!refs.is_empty());
    for r in refs {
        assert!(ids.contains(r.as_str()), "{r} does not resolve");
    }
    assert_eq!(counts.documents, 2);

    let dates = Selection {
        from: Some("2024-06-01".into()),
        to: Some("2024-07-31".into()),
        ..Default::default()
    };
    let slice = Slice::load(&corpus, &dates).unwrap();
    let ids: Vec<&str> = slice.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["hamas-denial", "iran-denial", "yemen-aid"]);
    let query = Selection {
        query: Some("الموصل".into()),
        ..Default::default()
    };
    assert_eq!(Slice::load(&corpus, &query).unwrap().documents.len(), 2);
}

#[test]
fn negated_relations_are_never_stix_relationships() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = ingest(&dir.path().join("data"));
    let slice = Slice::load(&corpus, &Selection::default()).unwrap();
    let (stix, counts) = bytes(&slice, Format::Stix, &Options::default());
    let bundle: serde_json::Value = serde_json::from_slice(&stix).unwrap();
    let objects = bundle["objects"].as_array().unwrap();
    let negated: Vec<&serde_json::Value> = objects
        .iter()
        .filter(|o| o["x_isnad_negated"] == true)
        .collect();
    assert_eq!(negated.len(), counts.negated);
    assert!(!negated.is_empty());
    assert!(negated.iter().all(|o| o["type"] == "note"));
    let rels = objects.iter().filter(|o| o["type"] == "relationship");
    assert_eq!(rels.count(), counts.relations);
}

#[test]
fn bad_selections_name_their_argument() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = ingest(&dir.path().join("data"));
    let cases = [
        (
            Selection {
                from: Some("2024-13".into()),
                ..Default::default()
            },
            "--from",
        ),
        (
            Selection {
                entity: Some("لا أحد بهذا الاسم إطلاقا".into()),
                ..Default::default()
            },
            "--entity",
        ),
        (
            Selection {
                story: Some("no-such-story".into()),
                ..Default::default()
            },
            "--story",
        ),
        (
            Selection {
                query: Some("  ".into()),
                ..Default::default()
            },
            "--query",
        ),
    ];
    for (selection, arg) in cases {
        let err = Slice::load(&corpus, &selection).unwrap_err().to_string();
        assert!(err.contains(arg), "{err:?} names {arg}");
    }
}

fn collect_refs(v: &serde_json::Value, key: &str, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                collect_refs(v, k, out);
            }
        }
        serde_json::Value::Array(a) => {
            for v in a {
                collect_refs(v, key, out);
            }
        }
        serde_json::Value::String(s) if key.ends_with("_ref") || key.ends_with("_refs") => {
            out.push(s.clone());
        }
        _ => {}
    }
}
