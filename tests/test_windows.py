"""Long documents in bounded windows: exact offsets, one person across windows, a time budget; a
document whose extraction fails is kept, searchable, shown as not extracted and retried by a new version."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from casetrail.build import build
from casetrail.errors import ExtractionTimeout
from casetrail.ingest.document import prepare
from casetrail.ingest.readers import RawArticle
from casetrail.nlp import extract as extract_mod
from casetrail.nlp.extract import Limits, extract
from casetrail.nlp.windows import split_windows

STORY = ("Police arrested the journalist Lena Petrova in Minsk on Friday, her editor said. Petrova had reported "
         "on the protests for a decade. “They came at night and took her laptop,” said her editor, Anton Belov. ")


def _article(text: str, name: str = "long") -> object:
    return prepare(RawArticle(name=name, text=text, original=text, source=f"{name}.txt", format="txt"))


def test_windows_cover_the_text_exactly_and_prefer_paragraphs_then_sentences():
    paragraphed = "\n\n".join(["One two three four five. " * 8] * 40)
    for text in (paragraphed, paragraphed.replace("\n\n", " "), "x" * 5000, ""):
        wins = split_windows(text, 1000)
        assert "".join(text[a:b] for a, b in wins) == text
        assert all(b - a <= 1000 for a, b in wins)
    assert all(paragraphed[b - 2:b] == "\n\n" for _, b in split_windows(paragraphed, 1000)[:-1])
    flat = paragraphed.replace("\n\n", " ")
    assert all(flat[:b].rstrip().endswith(".") for _, b in split_windows(flat, 1000)[:-1])


def test_a_long_unparagraphed_text_gives_one_person_with_exact_offsets(nlp):
    text = STORY * 12  # about 2,700 characters, read in windows of 1,000
    art = _article(text)
    (res,) = list(extract(nlp, [art], "md", limits=Limits(window_chars=1000)))
    assert res.error is None
    people = [e for e in res.entities if e["label"] == "PERSON"]
    assert sorted(e["name"] for e in people) == ["Anton Belov", "Lena Petrova"]
    for m in res.mentions:
        assert text[m["text_start"]:m["text_end"]] == m["text"]
    petrova = next(e["index"] for e in people if e["name"] == "Lena Petrova")
    assert sum(1 for ev in res.events if ev["type"] == "ARREST" and ev["subject"] == petrova) >= 2
    for ev in res.events:
        for e in ev["evidence"]:
            assert text[e["text_start"]:e["text_end"]].strip() == e["sentence"]
    assert all(q["speaker"] is not None for q in res.quotes)


def test_a_runaway_document_becomes_a_coded_error(nlp):
    art = _article(STORY * 12)
    (res,) = list(extract(nlp, [art], "md", limits=Limits(window_chars=1000, time_budget=1e-9)))
    assert isinstance(res.error, ExtractionTimeout) and res.error.code == "E203"
    assert res.entities == [] and res.article.body


def test_a_failed_document_is_kept_searchable_and_retried_by_a_new_version(store, tmp_path: Path, monkeypatch):
    d = tmp_path / "in"
    d.mkdir()
    (d / "bad.txt").write_text("Police arrested the blogger Ana Ruiz on Monday in Lima.", encoding="utf-8")
    (d / "good.txt").write_text("Police detained the activist Omar Haddad on Tuesday.", encoding="utf-8")
    real = extract_mod.to_result

    def failing(article, doc, model, offset=0, para_shift=0):
        if "Ruiz" in article.body:
            raise RecursionError("maximum recursion depth exceeded")
        return real(article, doc, model, offset, para_shift)

    monkeypatch.setattr(extract_mod, "to_result", failing)
    report = build([str(d)], store)
    assert [e.code for e in report.errors] == ["E202"] and "RecursionError" in report.errors[0].one_line()
    bad = next(doc for doc in store.documents() if doc["name"] == "bad")
    assert (bad["error_code"], store.document(bad["id"])["body"].startswith("Police arrested")) == ("E202", True)
    assert any(h["doc_id"] == bad["id"] for h in store.search("Ruiz"))
    # the same extractor version does not retry; a new one does, and then it succeeds
    monkeypatch.setattr(extract_mod, "to_result", real)
    assert build([str(d)], store).skipped and store.document(bad["id"])["error_code"] == "E202"
    monkeypatch.setattr("casetrail.nlp.extract.EXTRACTOR_VERSION", "test-next")
    report = build([str(d)], store)
    assert bad["id"] in report.stored and store.document(bad["id"])["error_code"] is None


def test_the_web_app_shows_a_failed_document_as_not_extracted(store, tmp_path: Path, monkeypatch):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from casetrail.web.app import create_app

    (tmp_path / "bad.txt").write_text("Police arrested the blogger Ana Ruiz on Monday in Lima.", encoding="utf-8")
    monkeypatch.setattr(extract_mod, "to_result", lambda *a, **k: (_ for _ in ()).throw(ValueError("boom")))
    build([str(tmp_path / "bad.txt")], store)
    (doc,) = store.documents()
    page = TestClient(create_app(store)).get(f"/article/{doc['id']}")
    assert page.status_code == 200 and "Not extracted" in page.text and "E202" in page.text


def test_time_grows_linearly_without_paragraphs(nlp):
    """Unparagraphed text costs about what paragraphed text costs, per character (bound, not a benchmark)."""
    one = STORY * 60  # ~13 kB
    times = []
    for text in (one.replace(". ", ".\n\n"), one):
        art = _article(text, name=f"t{len(times)}")
        start = time.perf_counter()
        (res,) = list(extract(nlp, [art], "md", limits=Limits(window_chars=4000)))
        times.append(time.perf_counter() - start)
        assert res.error is None
    assert times[1] < 3 * times[0] + 1.0
