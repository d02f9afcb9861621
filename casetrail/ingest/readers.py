"""Read articles from files: .txt, .html, .jsonl, .warc/.warc.gz, and paged .pdf and .docx (``paged``).

Each reader yields ``RawArticle`` records that keep the verbatim original text; a file that cannot
be read yields a ``CasetrailError`` in its place so the batch goes on with the others.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from casetrail.errors import (
    CasetrailError,
    EmptyDocument,
    InputNotFound,
    ParseError,
    UnreadableInput,
    UnsupportedFormat,
)
from casetrail.ingest.paged import PageProgress

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc.gz"}
MAX_BYTES = 32 * 1024 * 1024  # a 300-page report is about 1 MB of text; memory grows linearly (windows)
PAGED_SUFFIXES = {".pdf", ".docx"}
MAX_PAGED_BYTES = 256 * 1024 * 1024  # a PDF's images weigh more than its text; the page limit bounds the work


@dataclass
class RawArticle:
    """One article as read, before cleaning."""

    name: str  # stable name: file stem, or stem + record number for multi-article files
    text: str  # verbatim text of the article (for HTML: the extracted main text)
    original: str  # verbatim original as given (HTML markup included)
    source: str  # path (and record) it came from
    format: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    extra: dict[str, str] = field(default_factory=dict)
    pages: list[int] | None = None  # paged documents: the offset in ``text`` where each page starts
    dropped: list[tuple[str, str]] = field(default_factory=list)  # furniture the reader removed (page headers)

    @property
    def content_hash(self) -> str:
        """Hash of the original: re-ingesting the same article yields the same id."""
        return hashlib.sha256(self.original.encode("utf-8")).hexdigest()[:16]


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    for s in (".warc.gz", ".arc.gz"):
        if name.endswith(s):
            return s
    return path.suffix.lower()


def decode(data: bytes, path: str) -> str:
    """Decode bytes as UTF-8 (BOM aware), then common legacy encodings; reject binary data."""
    if not data.strip():
        raise EmptyDocument("file is empty", path=path)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableInput("binary file, not text", path=path)
    for enc in ("utf-8-sig", "utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def parse_date_field(value: object) -> date | None:
    """A publication date from user input or metadata (ISO or common formats), else None."""
    if not value:
        return None
    text = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    import dateparser

    d = dateparser.parse(text, settings={"PREFER_DATES_FROM": "past"})
    return d.date() if d else None


def html_to_article(html: str, name: str, source: str, url: str | None = None) -> RawArticle:
    """Main text and metadata of an HTML page through trafilatura (dates from meta tags only)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        raise ParseError("no article text found in HTML", path=source)
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if not text:
        raise EmptyDocument("HTML has no article text", path=source)
    return RawArticle(
        name=name, text=text, original=html, source=source, format="html",
        url=data.get("url") or url, title=data.get("title"), outlet=data.get("sitename"),
        published=parse_date_field(data.get("date")),
    )


def read_text_file(path: Path) -> Iterator[RawArticle | CasetrailError]:
    text = decode(path.read_bytes(), str(path))
    if not text.strip():
        raise EmptyDocument("file is empty", path=str(path))
    yield RawArticle(name=path.stem, text=text, original=text, source=str(path), format="txt")


def read_html_file(path: Path) -> Iterator[RawArticle | CasetrailError]:
    html = decode(path.read_bytes(), str(path))
    yield html_to_article(html, path.stem, str(path))


def read_jsonl_file(path: Path) -> Iterator[RawArticle | CasetrailError]:
    """One article per line, read line by line so that large files stream."""
    with open(path, "rb") as fh:
        for n, raw_line in enumerate(fh, 1):
            if not raw_line.strip():
                continue
            where = f"{path}:{n}"
            try:
                line = decode(raw_line, where)
            except CasetrailError as err:
                yield err
                continue
            yield from _jsonl_record(path, n, where, line)


def _jsonl_record(path: Path, n: int, where: str, line: str) -> Iterator[RawArticle | CasetrailError]:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        yield ParseError(f"invalid JSON ({exc.msg})", path=where)
        return
    if not isinstance(rec, dict):
        yield ParseError("a JSONL line must be an object", path=where)
        return
    body = rec.get("text") or rec.get("body") or rec.get("content")
    html = rec.get("html")
    name = str(rec.get("id") or rec.get("name") or f"{path.stem}-{n}")
    try:
        if not body and html:
            art = html_to_article(str(html), name, where, rec.get("url"))
        elif not body or not str(body).strip():
            yield EmptyDocument("record has no 'text'", path=where)
            return
        else:
            art = RawArticle(name=name, text=str(body), original=str(body), source=where, format="jsonl")
    except CasetrailError as err:
        yield err
        return
    text_field = lambda v: str(v) if v not in (None, "") else None  # noqa: E731 - JSON may hold numbers
    art.url = text_field(rec.get("url")) or art.url
    art.title = text_field(rec.get("title")) or art.title
    art.outlet = text_field(rec.get("outlet")) or text_field(rec.get("source")) or art.outlet
    art.published = parse_date_field(rec.get("date") or rec.get("published")) or art.published
    yield art


def read_warc_file(path: Path) -> Iterator[RawArticle | CasetrailError]:
    from warcio.archiveiterator import ArchiveIterator

    opener = gzip.open if path.name.lower().endswith(".gz") else open
    records = 0
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            for n, record in enumerate(ArchiveIterator(fh), 1):
                if record.format != "warc" or not (record.rec_headers.get_header("WARC-Type") or ""):
                    continue  # warcio reads any text as a legacy ARC line; only real WARC records count
                records += 1
                if record.rec_type != "response":
                    continue
                ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
                if "html" not in ctype.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{path}#{n}"
                try:
                    html = decode(record.content_stream().read(), where)
                    yield html_to_article(html, f"{path.stem.split('.')[0]}-{n}", where, url)
                except CasetrailError as err:
                    yield err
    except Exception as exc:
        yield ParseError(f"not a readable WARC file ({exc.__class__.__name__})", path=str(path))
        return
    if records == 0:
        yield ParseError("no WARC records in the file", path=str(path))


def read_pdf_file(path: Path, on_page: PageProgress | None = None) -> Iterator[RawArticle | CasetrailError]:
    from casetrail.ingest.paged import paged_article, read_pdf

    yield from paged_article(read_pdf(path, on_page), path, "pdf")  # type: ignore[misc]


def read_docx_file(path: Path, on_page: PageProgress | None = None) -> Iterator[RawArticle | CasetrailError]:
    from casetrail.ingest.paged import paged_article, read_docx

    yield from paged_article(read_docx(path, on_page), path, "docx")  # type: ignore[misc]


READERS = {**{s: read_text_file for s in TEXT_SUFFIXES}, **{s: read_html_file for s in HTML_SUFFIXES},
           **{s: read_jsonl_file for s in JSONL_SUFFIXES}, **{s: read_warc_file for s in WARC_SUFFIXES},
           ".pdf": read_pdf_file, ".docx": read_docx_file}


def discover(paths: list[str]) -> Iterator[Path | CasetrailError]:
    """Expand files and folders into the files casetrail can read, in a stable order."""
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            yield InputNotFound("no such file or folder", path=raw)
        elif p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and suffix_of(f) in READERS)
        else:
            yield p


def read_paths(paths: list[str], on_page: PageProgress | None = None) -> Iterator[RawArticle | CasetrailError]:
    """Every article under the given paths; unreadable inputs come as errors, not exceptions. ``on_page``
    hears of each page a paged document (PDF, Word) has read, for a long file's progress."""
    for item in discover(paths):
        if isinstance(item, CasetrailError):
            yield item
            continue
        reader = READERS.get(suffix_of(item))
        if reader is None:
            yield UnsupportedFormat(f"unsupported file type '{suffix_of(item) or '(none)'}'", path=str(item))
            continue
        try:
            limit = MAX_PAGED_BYTES if suffix_of(item) in PAGED_SUFFIXES else MAX_BYTES
            if item.stat().st_size > limit and reader not in (read_warc_file, read_jsonl_file):
                yield UnreadableInput(f"file larger than {limit // 2**20} MB; split it", path=str(item))
                continue
            yield from (reader(item, on_page) if suffix_of(item) in PAGED_SUFFIXES else reader(item))
        except CasetrailError as err:
            yield err
        except (OSError, UnicodeError) as exc:
            yield UnreadableInput(str(exc), path=str(item))
