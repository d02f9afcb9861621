"""Bad input: every kind of file a crawl throws at casetrail gets a one-line error or is processed."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from casetrail.build import build
from casetrail.values.dates import parse_date
from casetrail.values.money import find_money, same_money


def _warc(path: Path) -> None:
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for url, ctype, body in [("https://x.org/robots.txt", "text/plain", b"User-agent: *"),
                                 ("https://x.org/menu", "text/html", b"<html><body><nav>Home</nav></body></html>"),
                                 ("https://x.org/story", "text/html",
                                  b"<html><body><article><p>Police arrested the journalist Lena Petrova in Minsk on "
                                  b"Friday, her editor said, after she reported on the protests.</p></article>"
                                  b"</body></html>")]:
            hdrs = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=hdrs))


def test_a_crawl_of_bad_input_is_processed_or_reported_line_by_line(store, tmp_path: Path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "huge.txt").write_bytes(b"word " * (10 * 1024 * 1024))  # 50 MB
    (d / "cp1252.txt").write_bytes("Police arrested the critic José Núñez on Monday, his lawyer said – "
                                   "“it is political”.".encode("cp1252"))
    (d / "khmer.txt").write_text("ប៉ូលិសបានចាប់ខ្លួនសកម្មជន Kem Sokha នៅថ្ងៃច័ន្ទ។\n\nPolice arrested activist "
                                 "Kem Sokha on Monday.", encoding="utf-8")
    (d / "broken.html").write_text("<html><body><p>Police <b>arrested <i>the blogger Ana Ruiz on Monday, her "
                                   "lawyer said.<script>alert(1)</script><div></p></span>", encoding="utf-8")
    (d / "mixed.jsonl").write_text("\n".join([json.dumps({"text": "Police arrested activist Omar Haddad."}),
                                              json.dumps({"title": 5}), json.dumps([1, 2]), "{", json.dumps(
                                                  {"text": "Omar Haddad was released.", "outlet": 7})]),
                                   encoding="utf-8")
    _warc(d / "crawl.warc.gz")
    report = build([str(d)], store)
    lines = [e.one_line() for e in report.errors]
    assert all("\n" not in line for line in lines)
    codes = sorted(e.code for e in report.errors)
    assert codes.count("E104") >= 2 and "E103" in codes and "E105" in codes
    assert any("huge.txt" in line and "MB" in line for line in lines)
    names = {doc["name"] for doc in store.documents()}
    assert {"cp1252", "khmer", "broken", "mixed-1", "mixed-5"} <= names
    assert any(n.startswith("crawl") for n in names)
    assert not any("alert(1)" in (store.document(doc["id"]) or {})["body"] for doc in store.documents())


def test_large_jsonl_streams(store, tmp_path: Path):
    p = tmp_path / "many.jsonl"
    with open(p, "w", encoding="utf-8") as fh:
        for i in range(300):
            fh.write(json.dumps({"id": f"a{i}", "text": f"Police arrested activist number {i} on Monday. " * 3,
                                 "date": "2022-03-02"}) + "\n")
    report = build([str(p)], store)
    assert len(report.stored) == 300 and not report.errors


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_money_parser_never_crashes_and_values_are_positive(text):
    for s, e, m in find_money(text):
        assert 0 <= s < e <= len(text) and m.amount >= 0
        assert same_money(m, m)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.none() | st.dates(min_value=date(1950, 1, 1), max_value=date(2040, 1, 1)))
def test_date_parser_never_crashes_and_precision_is_consistent(text, published):
    d = parse_date(text, published)
    if d.value is None:
        assert d.precision in ("unknown", "day", "month", "year")
    else:
        digits = d.value.lstrip("-")
        assert {"day": 10, "month": 7, "year": 4}.get(d.precision) in (len(digits), len(d.value), None) or \
            d.value.startswith("--")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["eight million riel", "$200,000", "800 million riel ($200,000)", "1.5 billion rupiah",
                        "€3,000", "50,000 roubles", "about $5"]), st.text(alphabet=" ,.;()", max_size=5))
def test_money_in_any_surroundings(amount, junk):
    found = find_money(f"fined{junk} {amount}{junk} yesterday")
    assert found and found[0][2].amount > 0


# -- real text in hostile shapes: no exception, and a bound on time per kilobyte -------------------------
import re as _re  # noqa: E402
import time as _time  # noqa: E402

from conftest import SHARED  # noqa: E402

from casetrail.ingest.clean import _CONTROLS  # noqa: E402
from casetrail.ingest.document import prepare  # noqa: E402
from casetrail.ingest.readers import RawArticle  # noqa: E402
from casetrail.nlp.extract import Limits, extract  # noqa: E402

_CORPUS = sorted((SHARED / "corpus").rglob("*.txt"))
_SENTENCES = [s for f in _CORPUS for s in _re.split(r"(?<=[.!?])\s+", f.read_text("utf-8")) if 6 < len(s.split()) < 60]
_NAMES = sorted({m for f in _CORPUS for m in _re.findall(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", f.read_text("utf-8"))})
SECONDS_PER_KB = 0.5  # about 0.04 s/kB measured; the bound catches anything that grows faster than the text


def _shapes():
    article = st.sampled_from(_CORPUS).map(lambda p: p.read_text("utf-8"))
    sentence = st.sampled_from(_SENTENCES)
    return st.one_of(
        article.map(lambda t: _re.sub(r"\s+", " ", t)),  # paragraph breaks removed
        st.tuples(sentence, st.integers(100, 400)).map(lambda s: " ".join([s[0]] * s[1])),  # repeated
        st.tuples(article, st.lists(st.sampled_from(list("“”\"'‘’()[]{}«»")), min_size=5, max_size=60),
                  st.randoms()).map(lambda a: _scatter(a[0], a[1], a[2])),  # stray and unbalanced marks
        st.tuples(article, st.text(alphabet="ប៉ូលិសបាន中文字符кириллицаعربيहिन्दी", min_size=20, max_size=200)).map(
            lambda a: a[0][: len(a[0]) // 2] + a[1] + a[0][len(a[0]) // 2:]),  # mixed scripts
        st.lists(st.sampled_from(_NAMES), min_size=50, max_size=50).map(
            lambda ns: "The court sentenced " + ", ".join(ns[:-1]) + " and " + ns[-1] + " to ten years."),
        st.lists(sentence, min_size=200, max_size=200).map(
            lambda ss: " ".join(s.rstrip(".!?") for s in ss)[:40000] + "."),  # one sentence of 5,000 words
        st.tuples(article, st.lists(st.sampled_from("\x00\x01\x07\x0b\x0c\x1b\x7f"), min_size=3, max_size=40),
                  st.randoms()).map(lambda a: _scatter(a[0], a[1], a[2])),  # NUL and control characters
    )


def _scatter(text: str, marks: list[str], rnd) -> str:
    chars = list(text)
    for m in marks:
        chars.insert(rnd.randint(0, len(chars)), m)
    return "".join(chars)


@settings(max_examples=14, deadline=None)
@given(_shapes())
def test_real_text_in_hostile_shapes_never_fails_and_stays_linear(nlp, text):
    art = prepare(RawArticle(name="shape", text=text, original=text, source="shape.txt", format="txt"))
    started = _time.perf_counter()
    (res,) = list(extract(nlp, [art], "md", limits=Limits(window_chars=12_000, time_budget=None)))
    elapsed = _time.perf_counter() - started
    assert res.error is None, res.error.one_line()
    assert elapsed <= 2.0 + SECONDS_PER_KB * len(text) / 1000, (elapsed, len(text))
    # control characters read as spaces, one for one ("Thear\x01y" is "Thear y"), and so does a line break
    # inside a hard-wrapped sentence ("Hopewell\nChin’ono"), which the cleaner unwraps
    fold = {**_CONTROLS, 10: " ", 13: " "}
    for m in res.mentions:
        assert text[m["text_start"]:m["text_end"]].translate(fold) == m["text"].translate(fold)
