"""Paged documents: PDF and Word readers, page furniture, hyphens, footnote markers, the page of every
fact, and one coded line for each file that cannot be read. The files are made here (WeasyPrint,
python-docx, pypdf); every name in them is invented."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from casetrail.build import build
from casetrail.casefile.assemble import case_file, find_person
from casetrail.casefile.render import to_markdown
from casetrail.errors import CasetrailError
from casetrail.exports.tabular import export_rows
from casetrail.ingest.document import prepare
from casetrail.ingest.paged import cover_date, join_lines, page_of, paged_text, remove_furniture
from casetrail.ingest.readers import RawArticle, read_paths
from casetrail.store.store import Store
from casetrail.web.app import create_app
from tests import reportgen

# -- the mechanisms, on hand-made pages ----------------------------------------------------------------


def test_a_word_cut_at_a_line_end_is_joined_and_a_hyphenated_name_keeps_its_hyphen():
    assert join_lines(["the case of Ilse Marg\u2010", "graf and her", "son"]) == "the case of Ilse Marggraf and her son"
    # a plain hyphen at a line end is a compound's own ("well-known"), unless the document writes the word whole
    assert join_lines(["a well-", "known critic"]) == "a well-known critic"
    assert join_lines(["Ilse Marg-", "graf spoke"], {"marggraf"}) == "Ilse Marggraf spoke"
    assert join_lines(["the editor Jean-", "Luc Ferrand"]) == "the editor Jean-Luc Ferrand"
    assert join_lines(["a soft\u00ad", "ware fault"]) == "a software fault"
    assert join_lines(["charged in 2019 -", "then released"]) == "charged in 2019 - then released"


def _pages() -> list[list[list[str]]]:
    head = ["Quarterly Review of Press Cases · Issue 4"]
    return [
        [head, ["The columnist Ravi Okonjo was detained on 2 February."], ["1"]],
        [head, ["His family said he was held", "without charge for a week."], ["Page 2"]],
        [head, ["Quarterly Review of Press Cases · Issue 4 is quoted here in a sentence of the text."],
         ["A court released him on bail", "on 9 February and he"], ["3"]],
        [head, ["left the country soon after."], ["- 4 -"]],
    ]


def test_running_headers_and_page_numbers_are_furniture_and_text_is_not():
    pages, dropped = remove_furniture(_pages())
    assert ("running header", "Quarterly Review of Press Cases · Issue 4") in dropped
    assert {d[1] for d in dropped if d[0] == "page number"} == {"1", "Page 2", "3", "- 4 -"}
    flat = [ln for p in pages for para in p for ln in para]
    assert not any(ln.startswith("Quarterly Review") and len(ln) < 45 for ln in flat)
    assert any("is quoted here in a sentence" in ln for ln in flat)  # a long line is not a header


def test_the_page_map_gives_each_offset_its_page_and_a_paragraph_runs_on_over_a_break():
    pt = paged_text(_pages())
    assert "released him on bail on 9 February and he left the country soon after." in pt.text
    assert len(pt.page_starts) == 4
    for needle, page in (("Ravi Okonjo", 1), ("without charge", 2), ("on bail", 3), ("left the country", 4)):
        assert page_of(pt.page_starts, pt.text.index(needle)) == page, needle
    assert page_of(None, 10) is None


def test_a_cover_date_is_read_from_a_short_line_of_the_first_page():
    pages = [[["Country Report"], ["Published 7 October 2023"], ["The writer was arrested on 1 March 2020."]]]
    assert cover_date(pages) == (date(2023, 10, 7), True)
    assert cover_date([[["Country Report"], ["November 2022"]]]) == (date(2022, 11, 1), False)
    assert cover_date([[["The writer was arrested on 1 March 2020 by two police officers at home."]]]) == (None, False)


# -- real PDF and Word files ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return reportgen.write_report_pdf(tmp_path_factory.mktemp("pdf") / "detained-critics.pdf", filler_pages=1)


def _letters(text: str) -> str:
    """Letters only: pypdf and pdfminer differ on spaces, hyphens and footnote digits, not on words."""
    return re.sub(r"[^a-z]", "", text.lower())


def _page_texts(path: Path) -> list[str]:
    """Each page's letters as pypdf reads them (a second extractor: the check does not trust the first)."""
    return [_letters(p.extract_text()) for p in PdfReader(path).pages]


def test_a_pdf_report_is_read_with_its_metadata_and_without_its_furniture(report: Path):
    (raw,) = list(read_paths([str(report)]))
    assert isinstance(raw, RawArticle) and raw.format == "pdf"
    assert (raw.title, raw.outlet, raw.published) == ("Critics behind bars", "Press Freedom Monitor", date(2024, 3, 14))
    art = prepare(raw)
    assert reportgen.HEADER not in art.body and not re.search(r"Page \d+ of \d+", art.body)
    assert ("running header", reportgen.HEADER) in art.dropped
    assert "Vantrelli was arrested" in art.body  # the footnote marker does not stick to the name
    assert not re.search(r"Vantrelli\d", art.body)
    assert "Vant\u2010\nrelli" in raw.original  # the typesetter did cut the name at a line end ...
    assert "Vant relli" not in art.body and "Vant\u2010" not in art.body  # ... and it is whole again
    source_words = set(re.findall(r"[A-Za-z]+", re.sub(r"<[^>]+>", " ", reportgen.report_html().replace("&shy;", ""))))
    cut = [w for w in re.findall(r"[A-Za-z]+", art.body) if w not in source_words]
    assert cut == [], cut  # every word of the text is a word of the report: nothing cut, nothing glued


def test_each_paragraph_is_on_the_page_the_pdf_shows_it(report: Path):
    art = prepare(next(read_paths([str(report)])))  # type: ignore[arg-type]
    pages = _page_texts(report)
    assert art.pages is not None and len(art.pages) == len(pages)
    for needle in ("arrested on 3 May 2021", "sentenced Vantrelli to six years", "denied that Vantrelli"):
        i = art.body.index(needle)
        assert _letters(needle) in pages[art.page_of(i) - 1], needle  # type: ignore[operator]


def test_a_word_file_keeps_its_page_breaks_and_metadata(tmp_path: Path):
    (raw,) = list(read_paths([str(reportgen.write_docx(tmp_path / "submission.docx"))]))
    assert isinstance(raw, RawArticle) and raw.format == "docx"
    assert (raw.title, raw.outlet) == ("Submission on the case of Orsolya Vantrelli", "Legal Aid Collective")
    art = prepare(raw)
    for needle, page in (("arrested on 3 May", 1), ("sentenced Vantrelli", 2), ("denied that", 3)):
        assert art.page_of(art.body.index(needle)) == page


# -- what cannot be read is said, and the batch goes on ------------------------------------------------


def test_each_unreadable_file_is_one_coded_line_and_the_batch_goes_on(report: Path, tmp_path: Path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "good.pdf").write_bytes(report.read_bytes())
    reportgen.write_encrypted_pdf(report, bad / "locked.pdf")
    reportgen.write_scanned_pdf(bad / "scanned.pdf")
    reportgen.write_blank_pdf(bad / "huge.pdf", 2000)
    (bad / "truncated.pdf").write_bytes(report.read_bytes()[:400])
    (bad / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    (bad / "corrupt.docx").write_bytes(b"PK\x03\x04 not really a zip")
    got = {Path(x.path or "").name if isinstance(x, CasetrailError) else Path(x.source).name: x
           for x in read_paths([str(bad)])}
    assert isinstance(got["good.pdf"], RawArticle)
    codes = {name: x.code for name, x in got.items() if isinstance(x, CasetrailError)}
    assert codes == {"locked.pdf": "E106", "scanned.pdf": "E107", "huge.pdf": "E108", "truncated.pdf": "E105",
                     "corrupt.pdf": "E105", "corrupt.docx": "E105"}
    assert "ocrmypdf" in got["scanned.pdf"].one_line()  # type: ignore[union-attr]
    assert "2000 pages" in got["huge.pdf"].one_line()  # type: ignore[union-attr]


def test_a_page_of_a_hundred_thousand_characters_is_read_whole(tmp_path: Path):
    (raw,) = list(read_paths([str(reportgen.write_dense_page_pdf(tmp_path / "dense.pdf"))]))
    assert isinstance(raw, RawArticle) and raw.pages == [0]
    assert len(raw.text) >= 99_000 and raw.text.count("another search of a newsroom") >= 1500


# -- end to end: the case file, the exports and the web page cite the page ---------------------------------


@pytest.fixture(scope="module")
def paged_store(report: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("paged")
    (folder / "detained-critics.pdf").write_bytes(report.read_bytes())
    reportgen.write_docx(folder / "submission.docx")
    s = Store(str(folder / "paged.db"))
    said: list[str] = []
    rep = build([str(folder)], s, progress=lambda kind, n: said.append(kind))
    assert len(rep.stored) == 2 and not rep.errors
    assert "reading detained-critics.pdf: page 1 of 5" in said  # a long file shows its pages as they are read
    yield s
    s.close()


def test_every_event_quote_and_fact_of_a_pdf_knows_its_page(paged_store: Store, report: Path):
    pages = _page_texts(report)
    pdf = next(d for d in paged_store.documents() if d["format"] == "pdf")
    events = paged_store.table_rows("events", where={"doc_id": pdf["id"]})
    assert {e["type"] for e in events} >= {"ARREST", "CHARGE", "SENTENCE"}
    for e in events:
        for ev in e["evidence"]:
            assert ev["page"] and _letters(ev["sentence"][:40]) in pages[ev["page"] - 1], ev
    quotes = [q for q in paged_store.table_rows("quotes", where={"doc_id": pdf["id"]}) if q["kind"] == "speech"]
    assert quotes and all(q["page"] == 3 for q in quotes)
    case = case_file(paged_store, find_person(paged_store, "Orsolya Vantrelli")["id"])
    assert case["facts"] and all(c["page"] for f in case["facts"] for c in f["citations"])


def test_the_case_file_and_exports_cite_the_page(paged_store: Store):
    case = case_file(paged_store, find_person(paged_store, "Orsolya Vantrelli")["id"])
    md = to_markdown(case)
    timeline = md.split("## Timeline")[1].split("\n## ")[0]
    facts = [ln for ln in timeline.splitlines() if ln.startswith("- **")]
    assert facts and all(re.search(r"\[\d+, pp?\. \d+", ln) for ln in facts), facts
    n = next(s["n"] for s in case["sources"] if s["format"] == "pdf")
    assert any("sentenced Vantrelli" in ln and f"[{n}, p. 3]" in ln for ln in md.splitlines() if ln.startswith("  >"))
    assert "(PDF, " in md and "(DOCX, 3 pages)" in md
    rows = export_rows([case], "facts")
    assert all(re.search(r": pp?\. \d", r["pages"]) for r in rows)


def test_the_article_page_shows_a_pdf_page_by_page_with_the_sentence_marked(paged_store: Store):
    pdf = next(d for d in paged_store.documents() if d["format"] == "pdf")
    ev = next(e for e in paged_store.table_rows("events", where={"doc_id": pdf["id"]}) if e["type"] == "SENTENCE")
    client = TestClient(create_app(paged_store))
    data = client.get(f"/article/{pdf['id']}.json").json()["a"]
    assert data["paged"] and [s["page"] for s in data["sections"]] == list(range(1, len(pdf["pages"]) + 1))
    html = client.get(f"/article/{pdf['id']}?hl={ev['id']}").text
    page3 = html.split('id="page-3"')[1].split('id="page-4"')[0]
    assert 'class="fact selected"' in page3 and "regional court sentenced" in page3
    assert f'href="#page-{ev["evidence"][0]["page"]}"' in html
