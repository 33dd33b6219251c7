//! The API end to end: a real server on an ephemeral loopback port, a corpus of invented
//! Arabic articles ingested through the API, every endpoint, the auth rules, read-only mode,
//! 4xx on bad input, the OpenAPI document and escaping.

mod common;

use common::*;
use serde_json::Value;
use std::net::SocketAddr;
#[test]
fn api_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let (addr, token) = serve(dir.path(), false);
    let token = token.expect("a write token");

    // The token file: created, private, and the same token.
    let path = dir.path().join(isnad_serve::TOKEN_FILE);
    assert_eq!(std::fs::read_to_string(&path).unwrap().trim(), token);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    // Writes need the token.
    assert_eq!(upload(addr, "wrong", "news.jsonl", FIXTURE).status, 401);
    let r = post_json(addr, "/api/curation", None, &serde_json::json!({}));
    assert_eq!(
        (r.status, r.json()["code"].as_str()),
        (401, Some("unauthorized"))
    );

    // Ingest through the API.
    let r = upload(addr, &token, "news.jsonl", FIXTURE);
    assert_eq!(r.status, 202, "{}", r.text());
    let job = wait_job(addr, &r.json());
    assert_eq!(job["state"], "done", "{job}");
    assert_eq!(job["summary"]["ingested"], 4, "{job}");

    let stats = get(addr, "/api/stats").json();
    assert_eq!(stats["documents"], 4);

    // Search: Arabic, with highlights, pagination and facets.
    let r = get(addr, &format!("/api/search?q={}&size=1", enc("بغداد")));
    assert_eq!(r.status, 200, "{}", r.text());
    let page = r.json();
    assert_eq!(page["hits"].as_array().unwrap().len(), 1);
    assert_eq!(page["more"], true);
    assert!(!page["hits"][0]["highlights"].as_array().unwrap().is_empty());
    let page2 = get(
        addr,
        &format!("/api/search?q={}&size=1&page=2", enc("بغداد")),
    )
    .json();
    assert_ne!(page["hits"][0]["id"], page2["hits"][0]["id"]);
    let f = get(addr, &format!("/api/search/facets?q={}", enc("بغداد"))).json();
    assert!(f["outlets"].as_array().unwrap().len() >= 2, "{f}");
    let filtered = get(
        addr,
        &format!(
            "/api/search?q={}&outlet={}",
            enc("بغداد"),
            enc("وكالة الأنباء")
        ),
    )
    .json();
    assert!(
        filtered["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["outlet"] == "وكالة الأنباء"),
        "{filtered}"
    );
    // Latin script: the name resolves to the Arabic entity.
    let latin = get(addr, "/api/search?q=Salmi&latin=true").json();
    assert_eq!(
        latin["entity"]["name"]
            .as_str()
            .map(|n| n.contains("السالمي")),
        Some(true),
        "{latin}"
    );

    // Escaping: the snippet of a hostile article carries no live markup.
    let hostile = get(addr, &format!("/api/search?q={}", enc("معكوس"))).json();
    let snippet = hostile["hits"][0]["snippet"].as_str().unwrap();
    assert!(
        !snippet.contains("<script") && snippet.contains("&lt;script"),
        "{snippet}"
    );

    // Document: metadata, mentions, quotes.
    let d = get(addr, "/api/document?id=t1").json();
    assert_eq!(d["outlet"], "وكالة الأنباء");
    assert!(!d["mentions"].as_array().unwrap().is_empty(), "{d}");
    assert!(!d["quotes"].as_array().unwrap().is_empty(), "{d}");
    assert_eq!(get(addr, "/api/document?id=nope").status, 404);

    // Entity by name and by id, evidence of an edge.
    let salmi = get(addr, &format!("/api/entity?name={}", enc("ماجد السالمي"))).json();
    let sid = salmi["entity"]["id"].as_i64().unwrap();
    assert!(salmi["documents"].as_i64().unwrap() >= 2, "{salmi}");
    assert!(!salmi["timeline"].as_array().unwrap().is_empty());
    let same = get(addr, &format!("/api/entities/{sid}")).json();
    assert_eq!(same["entity"], salmi["entity"]);
    let claims = get(addr, "/api/claims").json();
    let claims = claims.as_array().unwrap();
    assert!(!claims.is_empty(), "no claims extracted");
    let c = &claims[0];
    let ev = get(
        addr,
        &format!(
            "/api/evidence?subject={}&type={}&object={}&negated={}",
            c["subject"]["id"],
            c["type"].as_str().unwrap(),
            c["object"]["id"],
            c["negated"]
        ),
    );
    assert_eq!(ev.status, 200, "{}", ev.text());
    assert_eq!(
        ev.json().as_array().unwrap().len() as i64,
        c["documents"].as_i64().unwrap()
    );

    // Stories: t1 and t2 are one story, t2 a copy of t1.
    let stories = get(addr, "/api/stories").json();
    let st = stories
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["doc_ids"].as_array().unwrap().len() >= 2)
        .expect("a story");
    let view = get(
        addr,
        &format!("/api/stories/{}", st["id"].as_str().unwrap()),
    )
    .json();
    let docs = view["documents"].as_array().unwrap();
    assert_eq!(docs[0]["copy_of"], Value::Null);
    assert_eq!(docs[1]["copy_of"], "t1", "{view}");

    // Analyze a posted text.
    let r = post_json(
        addr,
        "/api/analyze",
        None,
        &serde_json::json!({"text": "قال ماجد السالمي إن الاجتماع انتهى."}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["schema"], "isnad.analysis/1");

    exports(addr);
    curation(addr, &token, sid);
    bad_input(addr, &token);
    openapi(addr);
    workbench(addr);
}

/// The exports of `isnad export` as downloads: a closed STIX bundle, GraphML, a CSV zip, and a
/// 400 naming a wrong argument.
fn exports(addr: SocketAddr) {
    let r = get(addr, "/api/export?format=stix");
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r
        .header("content-type")
        .unwrap_or_default()
        .starts_with("application/stix+json"));
    let bundle = r.json();
    assert_eq!(bundle["type"], "bundle");
    let objects = bundle["objects"].as_array().expect("objects");
    let ids: std::collections::HashSet<&str> =
        objects.iter().filter_map(|o| o["id"].as_str()).collect();
    for o in objects {
        for rel in ["source_ref", "target_ref", "created_by_ref"] {
            if let Some(id) = o[rel].as_str() {
                assert!(ids.contains(id), "{rel} {id} not in the bundle");
            }
        }
    }
    assert!(objects.iter().any(|o| o["type"] == "report"));
    let r = get(addr, "/api/export?format=graphml");
    assert_eq!(r.status, 200);
    assert!(r.text().contains("<graphml"), "{}", r.text());
    let r = get(addr, "/api/export?format=csv&excel=true");
    assert_eq!(r.status, 200);
    assert!(r.body.starts_with(b"PK"), "a zip");
    for bad in [
        "/api/export?format=pdf",
        "/api/export?format=stix&from=2024-13",
        "/api/export?format=stix&tlp=purple",
        "/api/export",
    ] {
        let r = get(addr, bad);
        assert_eq!(r.status, 400, "{bad}: {}", r.text());
        assert!(r.json()["message"].as_str().is_some(), "{bad}");
    }
}

/// Merge, retype, reject, undo — and a merge survives a re-ingest of the documents.
fn curation(addr: SocketAddr, token: &str, salmi: i64) {
    let salmi_key = get(addr, &format!("/api/entities/{salmi}")).json()["entity"]["key"]
        .as_str()
        .unwrap()
        .to_string();
    let baghdad = get(addr, &format!("/api/entity?name={}", enc("بغداد"))).json();
    let bkey = baghdad["entity"]["key"].as_str().unwrap().to_string();
    let bid = baghdad["entity"]["id"].as_i64().unwrap();
    let merge = serde_json::json!({"decision": {"action": "merge", "entity": bkey, "into": salmi_key}, "author": "test"});
    let r = post_json(addr, "/api/curation", Some(token), &merge);
    assert_eq!(r.status, 201, "{}", r.text());
    let decision = r.json()["id"].as_i64().unwrap();
    // The merged entity reads as its target, which lists it.
    let page = get(addr, &format!("/api/entities/{bid}")).json();
    assert_eq!(page["entity"]["key"], salmi_key.as_str());
    assert_eq!(page["redirected_from"], bkey.as_str());
    assert!(page["merged"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["key"] == bkey.as_str()));
    // Merging back would make a cycle: 400.
    let back =
        serde_json::json!({"decision": {"action": "merge", "entity": salmi_key, "into": bkey}});
    assert_eq!(
        post_json(addr, "/api/curation", Some(token), &back).status,
        400
    );
    // Re-ingest changed documents: the merge still holds.
    let changed = String::from_utf8_lossy(FIXTURE).replace("كانت مثمرة", "كانت مثمرة جدا");
    let job = wait_job(
        addr,
        &upload(addr, token, "again.jsonl", changed.as_bytes()).json(),
    );
    assert_eq!(job["summary"]["updated"], 2, "{job}");
    let d = get(addr, "/api/document?id=t1").json();
    assert!(
        d["entities"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["key"] != bkey.as_str()),
        "{d}"
    );
    assert!(d["text"].as_str().unwrap().contains("مثمرة جدا"));
    // Reject a quote; it disappears from the document.
    let q = &d["quotes"][0];
    let reject = serde_json::json!({"decision": {"action": "reject_quote", "doc": "t1", "start": q["start"], "end": q["end"]}});
    assert_eq!(
        post_json(addr, "/api/curation", Some(token), &reject).status,
        201
    );
    let d2 = get(addr, "/api/document?id=t1").json();
    assert_eq!(
        d2["quotes"].as_array().unwrap().len() + 1,
        d["quotes"].as_array().unwrap().len()
    );
    // Retype and alias.
    let retype =
        serde_json::json!({"decision": {"action": "retype", "entity": salmi_key, "type": "ORG"}});
    assert_eq!(
        post_json(addr, "/api/curation", Some(token), &retype).status,
        201
    );
    assert_eq!(
        get(addr, &format!("/api/entities/{salmi}")).json()["entity"]["type"],
        "ORG"
    );
    let alias = serde_json::json!({"decision": {"action": "alias", "entity": salmi_key, "alias": "Abu Majid"}});
    assert_eq!(
        post_json(addr, "/api/curation", Some(token), &alias).status,
        201
    );
    assert_eq!(
        get(addr, "/api/entity?name=abu%20majid").json()["entity"]["key"],
        salmi_key.as_str()
    );
    // Undo the merge: Baghdad is itself again.
    let r = post_json(
        addr,
        &format!("/api/curation/{decision}/undo"),
        Some(token),
        &serde_json::json!({}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        get(addr, &format!("/api/entities/{bid}")).json()["entity"]["key"],
        bkey.as_str()
    );
    assert_eq!(
        post_json(
            addr,
            &format!("/api/curation/{decision}/undo"),
            Some(token),
            &serde_json::json!({})
        )
        .status,
        404
    );
    let history = get(addr, "/api/curation").json();
    assert!(history.as_array().unwrap().len() >= 4);
    assert_eq!(history.as_array().unwrap().last().unwrap()["undone"], true);
    // Unknown ids are 404s.
    let unknown = serde_json::json!({"decision": {"action": "retype", "entity": "PER:nobody", "type": "ORG"}});
    assert_eq!(
        post_json(addr, "/api/curation", Some(token), &unknown).status,
        404
    );
}

/// Everything a client can get wrong is a 4xx with `{code, message}`.
fn bad_input(addr: SocketAddr, token: &str) {
    let auth = format!("Bearer {token}");
    let cases: Vec<(Reply, u16)> = vec![
        (
            request(
                addr,
                "POST",
                "/api/analyze",
                &[("Content-Type", "application/json")],
                b"{not json",
            ),
            400,
        ),
        (
            request(
                addr,
                "POST",
                "/api/analyze",
                &[("Content-Type", "text/plain")],
                b"{\"text\":\"x\"}",
            ),
            415,
        ),
        (
            request(
                addr,
                "POST",
                "/api/analyze",
                &[("Content-Type", "application/json")],
                b"{\"text\": \"\xff\xfe\"}",
            ),
            400,
        ),
        (
            request(
                addr,
                "POST",
                "/api/analyze",
                &[("Content-Type", "application/json")],
                b"{\"text\": 5}",
            ),
            422,
        ),
        (
            request(
                addr,
                "POST",
                "/api/analyze",
                &[("Content-Type", "application/json")],
                &vec![b'a'; isnad_serve::BODY_LIMIT + 10],
            ),
            413,
        ),
        (
            request(
                addr,
                "POST",
                "/api/curation",
                &[
                    ("Content-Type", "application/json"),
                    ("Authorization", &auth),
                ],
                b"{\"decision\":{\"action\":\"explode\"}}",
            ),
            422,
        ),
        (get(addr, "/api/entities/999999"), 404),
        (get(addr, "/api/entities/notanumber"), 400),
        (get(addr, "/api/stories/nope"), 404),
        (get(addr, "/api/ingest/12345"), 404),
        (get(addr, "/api/search?q=x&from=2024-13"), 400),
        (get(addr, "/api/search?q=x&page=0"), 400),
        (get(addr, "/api/search?q=x&size=abc"), 400),
        (get(addr, "/api/search?q=%FF%FE"), 400),
        (get(addr, "/api/claims?limit=0"), 400),
        (get(addr, "/api/evidence?subject=1"), 400),
        (get(addr, "/api/nothing"), 404),
        (request(addr, "DELETE", "/api/stats", &[], b""), 405),
    ];
    for (i, (r, want)) in cases.iter().enumerate() {
        assert_eq!(r.status, *want, "case {i}: {}", r.text());
        let body = r.json();
        assert!(
            body["code"].is_string() && body["message"].is_string(),
            "case {i}: {body}"
        );
    }
}

/// The OpenAPI document parses and lists every API route of the router.
fn openapi(addr: SocketAddr) {
    let doc = get(addr, "/api/openapi.json").json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    let source = include_str!("../src/lib.rs");
    let mut routes = 0;
    for line in source.lines() {
        let Some(rest) = line.trim().strip_prefix(".route(\"/api/") else {
            continue;
        };
        let route = format!("/api/{}", rest.split('"').next().unwrap());
        if route == "/api/openapi.json" || route == "/api/health" {
            continue;
        }
        routes += 1;
        assert!(
            paths.contains_key(&route),
            "{route} is not in the OpenAPI document"
        );
    }
    assert!(routes >= 15, "found only {routes} routes");
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

/// The workbench page: RTL, Arabic, and the script never uses innerHTML.
fn workbench(addr: SocketAddr) {
    let page = get(addr, "/");
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("lang=\"ar\" dir=\"rtl\""));
    assert!(page
        .header("content-security-policy")
        .unwrap()
        .contains("script-src 'self'"));
    let js = get(addr, "/app.js").text();
    for forbidden in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!js.contains(forbidden), "app.js uses {forbidden}");
    }
    assert!(js.contains("textContent") && js.contains("createTextNode"));
    // No CORS unless asked for.
    let r = request(
        addr,
        "GET",
        "/api/stats",
        &[("Origin", "http://evil.example")],
        b"",
    );
    assert!(r.header("access-control-allow-origin").is_none());
    // gzip when asked for.
    let r = request(addr, "GET", "/app.js", &[("Accept-Encoding", "gzip")], b"");
    assert_eq!(r.header("content-encoding").as_deref(), Some("gzip"));
}

#[test]
fn read_only_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (addr, token) = serve(dir.path(), true);
    assert!(token.is_none());
    assert!(!dir.path().join(isnad_serve::TOKEN_FILE).exists());
    let r = post_json(addr, "/api/curation", Some("x"), &serde_json::json!({}));
    assert_eq!(
        (r.status, r.json()["code"].as_str()),
        (403, Some("read_only"))
    );
    assert_eq!(get(addr, "/api/stats").status, 200);
}

/// The hostile article in a real browser: headless Chromium renders the document page and the
/// serialized DOM must hold the markup as text, with no element it would have created.
/// Skips without Chromium, unless CI is set.
#[test]
fn hostile_article_renders_as_text_in_chromium() {
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but Chromium is missing"
        );
        eprintln!("skipped: no chromium on this machine (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (addr, token) = serve(dir.path(), false);
    let job = wait_job(
        addr,
        &upload(addr, &token.unwrap(), "news.jsonl", FIXTURE).json(),
    );
    assert_eq!(job["state"], "done");
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=8000",
            "--dump-dom",
        ])
        .arg(format!("http://{addr}/#/doc/t4"))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("&lt;script&gt;alert('x')&lt;/script&gt;"),
        "the text is not shown: {dom}"
    );
    assert!(
        !dom.contains("<script>alert"),
        "a script element was created: {dom}"
    );
    assert!(
        !dom.contains("<img src=\"x\""),
        "an img element was created: {dom}"
    );
    assert!(
        !dom.contains("<b>عريض</b>"),
        "markup from the article was parsed: {dom}"
    );
    assert!(
        dom.contains("&lt;img src=x onerror=alert(2)&gt;"),
        "the outlet is not shown as text: {dom}"
    );
}
