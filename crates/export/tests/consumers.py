#!/usr/bin/env python3
"""Reads isnad's exports with the consumers' own libraries and checks that nothing is dropped.

Usage: consumers.py DIR COUNTS_JSON
DIR holds export.stix.json, export.graphml, export.ftm.json and export.zip (CSV); COUNTS_JSON
maps each format to the counts isnad printed. Prints one line per check, a `MISSING-MODULE name`
line for a library that is not installed (the Rust test then skips, or fails in CI), and exits
non-zero on the first failure.
"""
import csv
import importlib
import io
import json
import sys
import zipfile

MODULES = ["stix2validator", "stix2", "networkx", "followthemoney", "misp_stix_converter", "pycti"]

TABLES = {
    "documents": ["id", "title", "url", "outlet", "published", "source", "words", "story"],
    "entities": ["key", "type", "name", "name_en", "kb_id", "aliases", "mentions", "documents",
                 "first_seen", "last_seen"],
    "mentions": ["document", "entity", "start", "end", "text"],
    "relations": ["document", "published", "subject", "subject_name", "type", "object",
                  "object_name", "negated", "asserted_by", "asserted_by_name", "confidence",
                  "evidence", "evidence_start", "evidence_end"],
    "quotes": ["document", "published", "speaker", "speaker_name", "speaker_text", "cue", "text",
               "start", "end", "via", "via_names"],
}


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def refs_of(value, key=""):
    """Every id under a key ending in _ref or _refs, at any depth."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from refs_of(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from refs_of(v, key)
    elif isinstance(value, str) and (key.endswith("_ref") or key.endswith("_refs")):
        yield value


def check_stix(path, counts):
    from stix2validator import validate_file, ValidationOptions
    results = validate_file(path, ValidationOptions(version="2.1"))
    errors = [e for r in results.object_results for e in r.errors]
    warnings = [str(w) for r in results.object_results for w in r.warnings]
    # Warnings list by check code ({103}, {401} …), with one example each.
    by_code = {}
    for w in warnings:
        code = w.split("{", 1)[-1].split("}", 1)[0] if "{" in w else "?"
        by_code.setdefault(code, []).append(w)
    for code, ws in sorted(by_code.items()):
        print(f"stix2-validator warning {{{code}}} x{len(ws)}, e.g. {ws[0]}")
    print(f"stix2-validator: {len(errors)} errors, {len(warnings)} warnings")
    if not results.is_valid or errors:
        for e in errors[:20]:
            print("stix2-validator error: " + str(e))
        fail("stix2-validator found errors")

    import stix2
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    bundle = stix2.parse(raw, allow_custom=True)
    ids = {o["id"] for o in raw["objects"]}
    if len(ids) != len(raw["objects"]):
        fail("duplicate ids in the bundle")
    missing = [(o["id"], r) for o in raw["objects"] for r in refs_of(o) if r not in ids]
    if missing:
        fail(f"{len(missing)} references do not resolve, e.g. {missing[:3]}")
    by_type = {}
    for o in bundle.objects:
        by_type[o.type] = by_type.get(o.type, 0) + 1
    check_acyclic(raw)
    print(f"stix2: parsed {len(bundle.objects)} objects {sorted(by_type.items())}; every ref resolves")
    isnad = [o for o in raw["objects"] if o["type"] == "identity" and o["name"] == "isnad"][0]
    for o in raw["objects"]:
        if o["type"] not in ("marking-definition",) and o["id"] != isnad["id"]:
            if o.get("created_by_ref") != isnad["id"]:
                fail(f"{o['id']} is not created by isnad")
            if not o.get("object_marking_refs"):
                fail(f"{o['id']} has no marking")
    expect = {"report": counts["documents"], "relationship": counts["relations"],
              "grouping": counts["stories"], "note": counts["negated"] + counts["quotes"]}
    for t, n in expect.items():
        if by_type.get(t, 0) != n:
            fail(f"{by_type.get(t, 0)} {t} objects, isnad counted {n}")
    for o in raw["objects"]:
        if o["type"] == "relationship" and o.get("x_isnad_negated"):
            fail(f"negated relation {o['id']} exported as a relationship")
    return raw


def check_acyclic(raw):
    """References must form no cycle: OpenCTI imports objects in dependency order."""
    graph = {o["id"]: [r for r in refs_of(o) if r != o["id"]] for o in raw["objects"]}
    state = {}
    for root in graph:
        stack = [(root, iter(graph[root]))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                fail(f"reference cycle through {node} and {child}")
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(graph.get(child, []))))


def check_misp(path, raw, counts):
    """misp-stix makes one MISP event per report (and per grouping); relationships become
    object references. Reports and relationships between identities must all survive; those
    touching a location are counted only (misp-stix turns locations into galaxy clusters)."""
    import glob
    import inspect
    import os
    import pathlib
    import shutil
    import tempfile
    import misp_stix_converter
    out = tempfile.mkdtemp()
    try:
        # `overwrite` was dropped from the signature in later releases; the folder is new anyway.
        convert = misp_stix_converter.stix_2_to_misp
        kwargs = {"output_dir": pathlib.Path(out)}
        if "overwrite" in inspect.signature(convert).parameters:
            kwargs["overwrite"] = True
        convert(path, **kwargs)
        by_uuid = {o["id"].split("--")[1]: o for o in raw["objects"]}
        events, pairs = [], set()
        for f in glob.glob(os.path.join(out, "*.misp.out")):
            with open(f, encoding="utf-8") as fh:
                event = json.load(fh)
            event = event.get("Event", event)
            events.append(by_uuid.get(event["uuid"], {}).get("type"))
            for o in event.get("Object", []):
                for r in o.get("ObjectReference", []):
                    pairs.add((o["uuid"], r["referenced_uuid"]))
    finally:
        shutil.rmtree(out, ignore_errors=True)
    reports = events.count("report")
    if reports != counts["documents"]:
        fail(f"misp-stix: {reports} report events, isnad exported {counts['documents']} reports")
    uuid = lambda ref: ref.split("--")[1]
    rels = [o for o in raw["objects"] if o["type"] == "relationship"]
    between = [o for o in rels if o["source_ref"].startswith("identity--")
               and o["target_ref"].startswith("identity--")]
    kept = [o for o in rels if (uuid(o["source_ref"]), uuid(o["target_ref"])) in pairs]
    kept_between = [o for o in between if o in kept]
    print(f"misp-stix: {reports} of {counts['documents']} reports became events; relationships "
          f"kept {len(kept)} of {len(rels)} (identity-identity {len(kept_between)} of "
          f"{len(between)}; the others touch a location, which MISP keeps as a galaxy cluster)")
    if len(kept_between) != len(between):
        fail("misp-stix dropped relationships between identities")


def check_pycti(path, raw):
    from pycti.utils.opencti_stix2_splitter import OpenCTIStix2Splitter
    splitter = OpenCTIStix2Splitter()
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if hasattr(splitter, "split_bundle_with_expectations"):
        result = splitter.split_bundle_with_expectations(text, True, None)
        bundles = result[-1]
        incompatible = result[1] if len(result) == 3 else []
        if incompatible:
            fail(f"pycti: {len(incompatible)} elements with missing references")
    else:
        bundles = splitter.split_bundle(text, True, None)
    ids = {o["id"] for o in raw["objects"]}
    enlisted = set()
    for b in bundles:
        for o in json.loads(b)["objects"] if isinstance(b, str) else b["objects"]:
            enlisted.add(o["id"])
    if enlisted != ids:
        fail(f"pycti splitter kept {len(enlisted)} of {len(ids)} objects")
    for o in raw["objects"]:
        for r in refs_of(o):
            if r not in ids:
                fail(f"pycti: {o['id']} refers to missing {r}")
    print(f"pycti splitter: {len(bundles)} bundles, {len(enlisted)} objects, zero missing references")


def check_graphml(path, counts):
    import networkx as nx
    g = nx.read_graphml(path)
    if not g.is_directed():
        fail("GraphML graph is not directed")
    if g.number_of_nodes() != counts["entities"]:
        fail(f"{g.number_of_nodes()} nodes, isnad counted {counts['entities']}")
    edges = counts["relations"] + counts["negated"]
    if g.number_of_edges() != edges:
        fail(f"{g.number_of_edges()} edges, isnad counted {edges}")
    for n, d in g.nodes(data=True):
        for a, t in [("type", str), ("name_ar", str), ("name_en", str), ("mentions", int),
                     ("label", str)]:
            if not isinstance(d.get(a), t):
                fail(f"node {n}: attribute {a} is {d.get(a)!r}")
    negated = 0
    for s, t, d in g.edges(data=True):
        for a, ty in [("type", str), ("negated", bool), ("count", int), ("confidence", float)]:
            if not isinstance(d.get(a), ty):
                fail(f"edge {s}->{t}: attribute {a} is {d.get(a)!r}")
        negated += d["negated"]
    if negated != counts["negated"]:
        fail(f"{negated} negated edges, isnad counted {counts['negated']}")
    print(f"networkx: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges "
          f"({negated} negated), every attribute typed")


def check_ftm(path, counts):
    from followthemoney import model
    entities = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            entities.append(json.loads(line))
    by_id = {}
    for data in entities:
        if data["id"] in by_id:
            fail(f"FtM id {data['id']} twice")
        schema = model.get(data["schema"])
        if schema is None or schema.abstract:
            fail(f"FtM schema {data['schema']} is unknown or abstract")
        for prop in data["properties"]:
            if prop not in schema.properties:
                fail(f"{data['schema']} has no property {prop}")
        for req in schema.required:
            if not data["properties"].get(req):
                fail(f"{data['id']} ({data['schema']}) lacks required {req}")
        schema.validate(data)
        proxy = model.get_proxy(data, cleaned=False)
        by_id[proxy.id] = proxy
    for proxy in by_id.values():
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                target = by_id.get(value)
                if target is None:
                    fail(f"{proxy.id}.{prop.name} refers to missing {value}")
                if not target.schema.is_a(prop.range):
                    fail(f"{proxy.id}.{prop.name}: {target.schema.name} is not a {prop.range.name}")
    schemata = {}
    for p in by_id.values():
        schemata[p.schema.name] = schemata.get(p.schema.name, 0) + 1
    links = sum(n for s, n in schemata.items() if s in ("UnknownLink", "Membership", "Directorship"))
    if links != counts["relations"]:
        fail(f"{links} FtM links, isnad counted {counts['relations']}")
    if schemata.get("Article", 0) != counts["documents"]:
        fail(f"{schemata.get('Article', 0)} articles, isnad counted {counts['documents']}")
    print(f"followthemoney: {len(by_id)} entities valid, every entity reference resolves; "
          f"{sorted(schemata.items())}")


def check_csv(path, counts):
    with zipfile.ZipFile(path) as z:
        names = sorted(z.namelist())
        if names != sorted(f"{t}.csv" for t in TABLES):
            fail(f"zip holds {names}")
        sizes = {}
        for table, columns in TABLES.items():
            text = z.read(f"{table}.csv").decode("utf-8")
            if text.startswith("\ufeff"):
                fail(f"{table}.csv has a BOM without --excel")
            rows = list(csv.DictReader(io.StringIO(text, newline="")))
            header = next(csv.reader(io.StringIO(text, newline="")))
            if header != columns:
                fail(f"{table}.csv columns {header}")
            sizes[table] = len(rows)
    for table, key in [("documents", "documents"), ("entities", "entities"),
                       ("relations", "relations"), ("quotes", "quotes")]:
        if sizes[table] != counts[key]:
            fail(f"{table}.csv has {sizes[table]} rows, isnad counted {counts[key]}")
    print(f"csv: {sorted(sizes.items())}")


def main():
    directory, counts = sys.argv[1], json.loads(sys.argv[2])
    missing = []
    for m in MODULES:
        try:
            importlib.import_module(m)
        except Exception:  # noqa: BLE001 - any import failure means the library is unusable
            missing.append(m)
    if missing:
        print("MISSING-MODULE " + " ".join(missing))
        sys.exit(3)
    stix = f"{directory}/export.stix.json"
    raw = check_stix(stix, counts["stix"])
    check_pycti(stix, raw)
    check_misp(stix, raw, counts["stix"])
    check_graphml(f"{directory}/export.graphml", counts["graphml"])
    check_ftm(f"{directory}/export.ftm.json", counts["ftm"])
    check_csv(f"{directory}/export.zip", counts["csv"])
    print("OK")


if __name__ == "__main__":
    main()
