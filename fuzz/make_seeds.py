#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into fuzz/corpus/<target>/.

Every seed is invented for isnad (made-up Arabic news, no third-party text): valid inputs of each
format and broken ones (truncated, wrong lengths, bad UTF-8 and UTF-16, deep nesting, repeated
ids, bidi controls, NUL, CR and CRLF, operators alone, impossible dates, huge limits), plus the
inputs of the crashes fuzzing found. Deterministic: run it again and nothing changes.
Usage: python3 fuzz/make_seeds.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ARTICLE = ("أعلنت وزارة الداخلية في مدينة الواحة، أمس الثلاثاء 14 مارس 2023، أنها اعتقلت ثلاثة "
           "أشخاص يشتبه في تهريبهم أسلحة إلى جماعة الفجر المسلحة. وقال المتحدث باسم الوزارة "
           "سالم الحداد: \"لن نسمح بتحويل المدينة إلى ممر للسلاح\". وأضاف أن الجماعة نفت "
           "أي صلة لها بالشحنة، بحسب وكالة أنباء الشرق.")
SECOND = ("التقى رئيس الوزراء خالد المنصور وفدا من منظمة الإغاثة الدولية في العاصمة، "
          "وبحث معه تقديم مساعدات طبية للنازحين في 3 رمضان 1444 هـ.")
BIDI = "\u202eتقرير\u202c عن \u2067جماعة الفجر\u2069 و\u200dالحداد\u200c"
MARKS = "ب" + "\u064e" * 300
TATWEEL = "جمـ" + "ـ" * 500 + "اعة"


def put(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def text_seeds():
    put("text", "article", ARTICLE)
    put("text", "second", SECOND)
    put("text", "bidi", BIDI)
    put("text", "marks", MARKS)
    put("text", "tatweel", TATWEEL)
    put("text", "crlf-cr", "سطر أول\r\nسطر ثان\rسطر ثالث\n")
    put("text", "nul", "قبل\x00بعد")
    put("text", "mixed", "Hamas حماس 123 ٤٥٦ ۷۸۹ 😀👨‍👩‍👧 3arabi kalam ک ی ۀ")
    put("text", "decimal", "ارتفع 3.5% إلى 12.75 دولار. ثم هبط!")
    put("text", "empty", b"")


def html_seeds():
    put("html", "article.html",
        f"<html><head><meta charset=utf-8><title>خبر</title></head><body><article><h1>عنوان</h1>"
        f"<p>{ARTICLE}</p><p>{SECOND}</p></article></body></html>")
    put("html", "script.html", f"<p>{ARTICLE}</p><script>alert('x')</script><style>p{{}}</style>")
    put("html", "deep.html", "<div>" * 200 + "نص" + "</div>" * 200)
    put("html", "unclosed.html", "<html><body><p>نص <b>غامق <i>مائل")
    put("html", "latin1.html", "<meta charset=iso-8859-1><p>caf\xe9</p>".encode("latin-1"))
    put("html", "utf16.html", "\ufeff<p>خبر قصير</p>".encode("utf-16-le"))
    put("html", "bad-utf8.html", b"<p>\xff\xfe\xc3(</p>")
    put("html", "empty.html", b"")
    put("html", "bidi.html", f"<p dir=rtl>{BIDI}</p>")


def jsonl_seeds():
    rec = lambda i, text, **kw: json.dumps(dict(id=i, text=text, **kw), ensure_ascii=False)
    put("jsonl", "two.jsonl", rec("a1", ARTICLE, title="خبر", outlet="الشرق",
                                  published="2023-03-14") + "\n" + rec("a2", SECOND) + "\n")
    put("jsonl", "repeated-id.jsonl", rec(1, ARTICLE) + "\n" + rec("1", SECOND) + "\n")
    put("jsonl", "broken-line.jsonl", rec("b1", ARTICLE) + "\n{\"id\": \"b2\", \"text\": \"نص\n"
        + rec("b3", SECOND) + "\n")
    put("jsonl", "deep.jsonl", "[" * 300 + "]" * 300 + "\n")
    put("jsonl", "long-line.jsonl", rec("c1", "كلمة " * 800) + "\n")
    put("jsonl", "crlf.jsonl", rec("d1", ARTICLE) + "\r\n" + rec("d2", SECOND) + "\r\n")
    put("jsonl", "bad-utf8.jsonl", b'{"id": "e1", "text": "\xff\xfe"}\n')
    put("jsonl", "empty-text.jsonl", rec("f1", "") + "\n" + rec("f2", "   ") + "\n")


def telegram_seeds():
    channel = {"name": "قناة الأخبار", "type": "public_channel", "id": 1001, "messages": [
        {"id": 1, "type": "message", "date": "2023-03-14T09:30:00", "text": ARTICLE},
        {"id": 2, "type": "message", "date": "2023-03-15T10:00:00",
         "text": ["قال ", {"type": "bold", "text": "الحداد"}, " إن الشحنة ضبطت"]},
        {"id": 3, "type": "service", "date": "2023-03-15T11:00:00", "action": "pin_message"},
    ]}
    put("telegram", "channel.json", json.dumps(channel, ensure_ascii=False))
    bad = dict(channel, name=12345, messages=channel["messages"] + [{"id": 1, "text": SECOND}])
    put("telegram", "bad-header-repeated.json", json.dumps(bad, ensure_ascii=False))
    put("telegram", "articles.json", json.dumps(
        [{"id": "x1", "text": ARTICLE}, {"id": "x2", "text": SECOND, "date": "2023-13-45"}],
        ensure_ascii=False))
    put("telegram", "truncated.json", json.dumps(channel, ensure_ascii=False)[:300])
    put("telegram", "deep.json", "{\"messages\": " + "[" * 200 + "]" * 200 + "}")
    put("telegram", "empty.json", b"")


def warc_record(uri, body, length=None, rtype="response"):
    http = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            f"<html><body><p>{body}</p></body></html>").encode("utf-8")
    n = len(http) if length is None else length
    head = (f"WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2023-03-14T09:30:00Z\r\nContent-Length: {n}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def warc_seeds():
    good = warc_record("http://example.org/a", ARTICLE) + warc_record("http://example.org/b", SECOND)
    wrong = warc_record("http://example.org/c", ARTICLE, length=40) + warc_record(
        "http://example.org/d", SECOND)
    empty_uri = warc_record("", ARTICLE)
    info = warc_record("http://example.org/e", "x", rtype="warcinfo")
    for target, prefix in (("warc", b""), ("warc_gz", b"\x01")):
        put(target, "two-records", prefix + good)
        put(target, "wrong-length", prefix + wrong)
        put(target, "crash-empty-target-uri", prefix + empty_uri)
        put(target, "warcinfo", prefix + info)
        put(target, "truncated", prefix + good[: len(good) // 2])
    put("warc", "huge-length", warc_record("http://example.org/f", ARTICLE, length=10**15))
    put("warc", "empty", b"")
    put("warc_gz", "raw-not-gzip", b"\x00" + good)
    put("warc_gz", "two-members", b"\x02" + good)


def conll_seeds():
    conllu = ("# text = قال الحداد\n1\tقال\tقال\tVERB\tVV\t_\t0\troot\t_\t_\n"
              "2\tالحداد\tحداد\tPROPN\tNNP\t_\t1\tnsubj\t_\t_\n\n")
    multi = ("1-2\tوقال\t_\t_\t_\t_\t_\t_\t_\t_\n1\tو\tو\tCCONJ\tC\t_\t0\tcc\t_\t_\n"
             "2\tقال\tقال\tVERB\tVP\t_\t0\troot\t_\t_\n3\tسالم\tسالم\tX\tU\t_\t2\tnsubj\t_\t_\n\n")
    bad = "1\tقال\t_\t_\t_\t_\t7\troot\t_\t_\n2\tx\t_\t_\t_\t_\t-1\t_\t_\t_\n\n"
    put("conll", "padt-v1", b"\x00" + conllu.encode())
    put("conll", "ud-v2-multiword", b"\x01" + multi.encode())
    put("conll", "bad-heads", b"\x01" + bad.encode())
    put("conll", "padt-compact", b"\x02" + "وقال\tو+قال\nالحداد\tال+حداد\n\n".encode())
    put("conll", "ner-conll", b"\x03" + "قال O\nسالم B-PERS\nالحداد I-PERS\n\n".encode())
    put("conll", "wikifane", b"\x04" + "سالم\tB-PER-Individual\nالحداد\tI-PER\n\n".encode())
    put("conll", "wojood", b"\x05" + "سالم B-PERS\nفي O\nالواحة B-GPE\n\n".encode())
    put("conll", "ner-empty-lines", b"\x03" + b"\n\n\n O\n")


def analyze_seeds():
    put("analyze", "article.txt", ARTICLE + "\n\n" + SECOND)
    put("analyze", "utf16le", ("\ufeff" + ARTICLE[:120]).encode("utf-16-le"))
    put("analyze", "bidi", BIDI + "\n" + ARTICLE[:80])
    put("analyze", "bad-utf8", b"\xc3\x28 \xff")
    put("analyze", "no-space", "ا" * 3000)
    put("analyze", "quotes-unclosed", "قال الحداد: \"لن نسمح " + SECOND)
    put("analyze", "crlf", ARTICLE.replace(". ", ".\r\n"))


def query_seeds():
    put("query", "words", "الحداد")
    put("query", "phrase-exclude-or", "\"جماعة الفجر\" -الواحة OR الشرق")
    put("query", "entity-field", "entity:الحداد\nالحداد\n2023-01-01\n2023-12-31")
    put("query", "latin", "Haddad")
    put("query", "operators-alone", "- OR \"\" entity:")
    put("query", "impossible-dates", "سلاح\n\n2023-13-45\n9999-99-99")
    put("query", "crash-year-0037", "سلاح\n\n0037-01-01\n")
    put("query", "bidi", BIDI)


def serve_seeds():
    put("serve", "analyze-body", b"\x00" + json.dumps({"text": ARTICLE}, ensure_ascii=False).encode())
    put("serve", "analyze-bad-json", b"\x00{\"text\": ")
    put("serve", "curation-merge", b"\x01" + json.dumps(
        {"action": "merge", "entity": "a", "into": "b", "by": "fuzz"}).encode())
    put("serve", "curation-garbage", b"\x01[1,2,3]")
    put("serve", "undo-id", b"\x02" + b"999999999999999999999")
    put("serve", "search-arabic", b"\x03" + "جماعة الفجر".encode())
    put("serve", "facets", b"\x04" + "الحداد".encode())
    put("serve", "entity", b"\x05" + "الحداد".encode())
    put("serve", "document", b"\x06" + b"../../etc/passwd")
    put("serve", "search-raw-limits", b"\x07q=x&limit=18446744073709551615&offset=-1")
    put("serve", "evidence", b"\x08doc=a&start=5&end=2")
    put("serve", "claims", b"\x09type=attacks&sort=nonsense")
    put("serve", "stories", b"\x0alimit=0")
    put("serve", "curation-history", b"\x0bentity=%FF")


if __name__ == "__main__":
    for make in (text_seeds, html_seeds, jsonl_seeds, telegram_seeds, warc_seeds, conll_seeds,
                 analyze_seeds, query_seeds, serve_seeds):
        make()
