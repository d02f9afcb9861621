"""Reading files: .txt, .html, .jsonl and .warc(.gz); bad input becomes one error, not a crash."""

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from casetrail.errors import CasetrailError, EmptyDocument, ParseError, UnreadableInput, UnsupportedFormat
from casetrail.ingest.readers import RawArticle, read_paths

HTML = """<html><head><title>Editor detained | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2023-05-04T10:00:00Z">
</head><body><nav>Home | World | Sports</nav>
<article><h1>Editor detained</h1><p>Police detained the newspaper editor Maria Lopez on Thursday,
her colleagues said, after she published a report on corruption in the ministry.</p>
<p>"We demand her immediate release," said the press union's chair, Tomas Ortega.</p></article>
<aside>MOST READ: Weather warning for the weekend</aside></body></html>"""


def _all(paths):
    return list(read_paths([str(p) for p in paths]))


def test_txt_and_html(tmp_path: Path):
    (tmp_path / "a.txt").write_text("A court jailed a blogger on Monday.\n\nShe will appeal.", encoding="utf-8")
    (tmp_path / "b.html").write_text(HTML, encoding="utf-8")
    arts = [a for a in _all([tmp_path]) if isinstance(a, RawArticle)]
    txt, html = sorted(arts, key=lambda a: a.format, reverse=True)
    assert txt.text == txt.original and txt.name == "a"
    assert "Maria Lopez" in html.text and "Weather warning" not in html.text
    assert html.original == HTML
    assert html.published.isoformat() == "2023-05-04"
    assert html.outlet == "Example News"


def test_jsonl_with_metadata_and_bad_lines(tmp_path: Path):
    lines = [json.dumps({"id": "x1", "text": "Police arrested the activist on Friday.", "outlet": "The Wire",
                         "date": "2022-01-07", "url": "https://example.org/x1"}),
             "{not json",
             json.dumps({"title": "no text here"}),
             json.dumps({"html": HTML, "url": "https://example.org/x2"})]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    out = _all([tmp_path / "batch.jsonl"])
    arts = [a for a in out if isinstance(a, RawArticle)]
    errs = [e for e in out if isinstance(e, CasetrailError)]
    assert [a.name for a in arts] == ["x1", "batch-4"]
    assert arts[0].outlet == "The Wire" and arts[0].published.isoformat() == "2022-01-07"
    assert {type(e) for e in errs} == {ParseError, EmptyDocument}
    assert all(":" in e.path for e in errs)  # file and line number


def test_warc_reads_html_responses_only(tmp_path: Path):
    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, ctype, body in [("https://example.org/a", "text/html", HTML.encode()),
                                 ("https://example.org/logo.png", "image/png", b"\x89PNG\x00\x00")]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    arts = [a for a in _all([path]) if isinstance(a, RawArticle)]
    assert len(arts) == 1 and arts[0].url == "https://example.org/a"
    assert "Maria Lopez" in arts[0].text


def test_bad_inputs_give_one_line_errors(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (tmp_path / "notes.docx").write_bytes(b"PK")  # a Word file that is no zip: a parse error
    (tmp_path / "notes.odt").write_bytes(b"PK")  # a format casetrail does not read
    (tmp_path / "latin1.txt").write_bytes("Le journaliste a été arrêté à Paris.".encode("latin-1"))
    (tmp_path / "broken.warc").write_bytes(b"this is not a warc file at all")
    out = _all([tmp_path, tmp_path / "missing.txt", tmp_path / "notes.odt"])
    kinds = {type(e).__name__ for e in out if isinstance(e, CasetrailError)}
    assert {"EmptyDocument", "UnreadableInput", "UnsupportedFormat", "InputNotFound", "ParseError"} <= kinds
    latin = next(a for a in out if isinstance(a, RawArticle))
    assert "été arrêté" in latin.text
    for e in out:
        if isinstance(e, CasetrailError):
            line = e.one_line()
            assert "\n" not in line and line.startswith("[E")


def test_gzip_text_is_not_mistaken_for_text(tmp_path: Path):
    (tmp_path / "x.txt").write_bytes(gzip.compress(b"hello " * 100))
    out = _all([tmp_path / "x.txt"])
    assert isinstance(out[0], (UnreadableInput, RawArticle))
    assert isinstance(UnsupportedFormat("x"), CasetrailError)
