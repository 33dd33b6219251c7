//! The answers agree with the OpenAPI document: regression tests for what schemathesis found
//! (`crates/serve/schemathesis/run.sh`): statuses the server gives that the document did not
//! list, and `[name, count]` pairs documented as objects.

mod common;

use common::*;
use serde_json::Value;

/// The schema a `$ref` points to, or the schema itself.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap_or_default();
            &doc["components"]["schemas"][name]
        }
        None => schema,
    }
}

/// One request: method, documented path, request path, headers, body.
type Case<'a> = (&'a str, &'a str, &'a str, Vec<(&'a str, &'a str)>, &'a str);

#[test]
fn every_status_given_is_documented() {
    let dir = tempfile::tempdir().unwrap();
    let (addr, token) = serve(dir.path(), false);
    let token = token.expect("a write token");
    let doc = get(addr, "/api/openapi.json").json();
    let bearer = format!("Bearer {token}");
    let json = ("Content-Type", "application/json");
    let auth = ("Authorization", bearer.as_str());
    // (method, documented path, request path, headers, body): each answer schemathesis saw
    // undocumented.
    let cases: &[Case] = &[
        ("get", "/api/curation", "/api/curation?limit=-1", vec![], ""),
        ("get", "/api/document", "/api/document", vec![], ""),
        (
            "get",
            "/api/entities/{id}",
            "/api/entities/9223372036854775808",
            vec![],
            "",
        ),
        ("get", "/api/entity", "/api/entity", vec![], ""),
        (
            "get",
            "/api/evidence",
            "/api/evidence?object=9223372036854775808&subject=0&type=",
            vec![],
            "",
        ),
        ("get", "/api/ingest/{id}", "/api/ingest/-1", vec![], ""),
        ("post", "/api/analyze", "/api/analyze", vec![json], "null"),
        (
            "post",
            "/api/curation",
            "/api/curation",
            vec![json, auth],
            r#"{"decision": {"action": "alias", "entity": ""}}"#,
        ),
        (
            "post",
            "/api/curation/{id}/undo",
            "/api/curation/9223372036854775808/undo",
            vec![auth],
            "",
        ),
    ];
    for (method, path, url, headers, body) in cases {
        let r = request(addr, &method.to_uppercase(), url, headers, body.as_bytes());
        assert!(
            (400..500).contains(&r.status),
            "{method} {url}: {}",
            r.status
        );
        assert!(r.json()["code"].is_string(), "{method} {url}: {}", r.text());
        let responses = &doc["paths"][path][method]["responses"];
        assert!(
            responses.get(r.status.to_string()).is_some(),
            "{method} {url} answers {} but {path} documents only {:?}",
            r.status,
            responses.as_object().map(|o| o.keys().collect::<Vec<_>>())
        );
    }
}

#[test]
fn name_count_pairs_are_documented_as_arrays() {
    let dir = tempfile::tempdir().unwrap();
    let (addr, token) = serve(dir.path(), false);
    let job = upload(addr, &token.expect("a write token"), "news.jsonl", FIXTURE);
    assert_eq!(wait_job(addr, &job.json())["state"], "done");
    let doc = get(addr, "/api/openapi.json").json();
    let page = get(addr, &format!("/api/entity?name={}", enc("السالمي"))).json();
    let schema = resolve(&doc, &doc["components"]["schemas"]["EntityPage"]);
    for field in ["aliases", "timeline"] {
        let items = &schema["properties"][field]["items"];
        assert_eq!(items["type"], "array", "EntityPage.{field}: {items}");
        let given = page[field].as_array().unwrap();
        assert!(!given.is_empty(), "no {field} in {page}");
        assert!(given.iter().all(Value::is_array), "{field}: {page}");
    }
    let facets = resolve(&doc, &doc["components"]["schemas"]["FacetsPage"]);
    for field in ["outlets", "months", "stories", "relation_types"] {
        let items = &facets["properties"][field]["items"];
        assert_eq!(items["type"], "array", "FacetsPage.{field}: {items}");
    }
}
