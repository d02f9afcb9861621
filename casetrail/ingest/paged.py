"""Paged documents as sources: PDF (pdfminer.six) and Word (python-docx), every offset tied to its page.

A report, a judgment or a UN opinion is cited by page. The readers here turn a paged file into one
``RawArticle`` whose text keeps a page map (the offset where each page starts), so every sentence an
extractor reports knows its page. Page furniture is removed per page (running headers and footers, page
numbers), words hyphenated across line ends are joined, footnote markers (small raised digits) are left
out so they do not split names, and a paragraph that runs on over a page break is one paragraph.
What cannot be read (encrypted, scanned without a text layer, corrupt, too long) is one coded error.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from statistics import median

from casetrail.errors import (
    CasetrailError,
    DocumentTooLong,
    EmptyDocument,
    EncryptedDocument,
    NoTextLayer,
    ParseError,
)

MAX_PAGES = 1500  # a 2,000-page file is split by the user first (qpdf --split-pages)
PageProgress = Callable[[str, int, int], None]  # (file, pages read, pages in all; 0 when not known)

# A line that is only a page number: "12", "Page 3", "Page 3 of 40", "- 7 -", "iv", "3 / 40".
PAGE_NUMBER = re.compile(r"^\s*(?:(?:page|p\.)\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?\s*$"
                         r"|^\s*[-–—]\s*\d{1,4}\s*[-–—]\s*$", re.I)
HYPHENS = "-\u2010\u2011\u00ad"  # hyphen-minus, hyphen, non-breaking hyphen, soft hyphen
SENTENCE_END = re.compile(r"[.!?:;”\"’)\]]\s*$")
MARKER_CHARS = set("0123456789*†‡§¶")
EDGE_PARAS = 2  # paragraphs at the top and at the bottom of a page where running headers and footers sit
MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|" \
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
DAY_DATE = re.compile(rf"\b(?:\d{{1,2}}\s+{MONTHS}\.?,?\s+\d{{4}}|{MONTHS}\.?\s+\d{{1,2}},?\s+\d{{4}}"
                      r"|\d{4}-\d{2}-\d{2})\b")
MONTH_DATE = re.compile(rf"\b{MONTHS}\s+\d{{4}}\b")


@dataclass
class Paged:
    """A paged document as read: per page, its paragraphs (each a list of lines); plus its metadata."""

    pages: list[list[list[str]]]
    raw_pages: list[str]  # the text layer verbatim, page by page
    title: str | None = None
    author: str | None = None
    created: date | None = None
    title_on_cover: str | None = None  # the largest type on the first page


@dataclass
class PagedText:
    """A paged document as one text with the offset where each page starts."""

    text: str
    page_starts: list[int]
    dropped: list[tuple[str, str]]


def page_of(page_starts: list[int] | None, offset: int) -> int | None:
    """1-based page of an offset in a paged text (None for a text without pages)."""
    if not page_starts:
        return None
    return max(1, bisect_right(page_starts, offset))


# -- furniture, hyphens and the page map ------------------------------------------------------------


def _edge_key(line: str) -> str:
    """A line as its running-header key: digits (page numbers, dates) and case do not tell pages apart."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.lower())).strip()


def _edges(paras: list[list[str]]) -> dict[int, str]:
    """The paragraphs where running headers and footers sit: short ones at the top or bottom of a page
    ({paragraph index: "top" | "bottom"}); a sentence's last line inside the page is never one."""
    out: dict[int, str] = {}
    for i in range(min(EDGE_PARAS, len(paras))):
        if len(paras[i]) <= 3:
            out[i] = "top"
    for i in range(max(0, len(paras) - EDGE_PARAS), len(paras)):
        if len(paras[i]) <= 3:
            out.setdefault(i, "bottom")
    return out


def remove_furniture(pages: list[list[list[str]]]) -> tuple[list[list[list[str]]], list[tuple[str, str]]]:
    """Drop page numbers and the running headers and footers repeated at the top or bottom of pages."""
    edges_of = [_edges(paras) for paras in pages]
    counts: dict[tuple[str, str], int] = {}
    for paras, edges in zip(pages, edges_of, strict=True):
        keys = {(where, _edge_key(ln)) for i, where in edges.items() for ln in paras[i] if ln.strip()}
        for k in keys:
            counts[k] = counts.get(k, 0) + 1
    need = max(2, int(0.4 * len(pages) + 0.5))
    repeated = {k for k, n in counts.items() if n >= need}
    dropped: list[tuple[str, str]] = []
    out: list[list[list[str]]] = []
    for paras, edges in zip(pages, edges_of, strict=True):
        kept_paras: list[list[str]] = []
        for i, p in enumerate(paras):
            kept: list[str] = []
            for ln in p:
                if i in edges and PAGE_NUMBER.match(ln):
                    dropped.append(("page number", ln.strip()))
                elif i in edges and (edges[i], _edge_key(ln)) in repeated:
                    dropped.append(("running header" if edges[i] == "top" else "running footer", ln.strip()))
                elif ln.strip():
                    kept.append(ln)
            if kept:
                kept_paras.append(kept)
        out.append(kept_paras)
    return out, dropped


def glue(out: str, s: str, words: set[str] | None = None) -> str:
    """Text ``out`` and the next line ``s`` as one. A word the typesetter cut at a line end is joined: a
    typographic hyphen (U+2010) or soft hyphen goes ("Bel‐" + "kova"); a plain "-" stays, as in "well-" +
    "known", unless the document writes the word whole elsewhere (``words``: its words, lower-cased)."""
    if not out:
        return s
    last = out[-1]
    cut = last in HYPHENS and len(out) > 1 and out[-2].isalpha()
    if cut and last != "-" and s[:1].islower():
        return out[:-1] + s  # a word the typesetter cut: "Bel‐" + "kova"
    if cut and last == "-" and s[:1].isalpha():
        head = re.search(r"[\w’'-]+$", out[:-1])
        tail = re.match(r"[\w’'-]+", s)
        whole = ((head.group(0) if head else "") + (tail.group(0) if tail else "")).lower()
        return (out[:-1] if words and whole in words and s[:1].islower() else out) + s
    if cut and s[:1].isupper():
        return out + s  # a hyphenated name cut at its hyphen: "Jean‐" + "Pierre"
    return out + " " + s


def join_lines(lines: list[str], words: set[str] | None = None) -> str:
    """One paragraph from its lines, words cut at line ends joined (``glue``); soft hyphens dropped."""
    out = ""
    for ln in lines:
        if ln.strip():
            out = glue(out, ln.strip(), words)
    return out.replace("\u00ad", "")


def document_words(pages: list[list[list[str]]]) -> set[str]:
    """Every word of a document as written within a line, lower-cased (is "Belkova" written whole?)."""
    return {w.lower() for p in pages for para in p for ln in para for w in re.findall(r"[\w’']+", ln)}


def paged_text(pages: list[list[list[str]]]) -> PagedText:
    """Pages (furniture removed) as one text, paragraphs apart by a blank line, with the page starts.
    A paragraph cut by a column or page break ("...was arrested" / "on 3 May...") runs on as one."""
    clean, dropped = remove_furniture(pages)
    words = document_words(clean)
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    open_para = False
    for paras in clean:
        page_start: int | None = None
        for p in paras:
            text = join_lines(p, words)
            if not text:
                continue
            if open_para and text[:1].islower():  # a paragraph cut by a column or page break runs on
                joined = glue(parts[-1], text, words)  # "Bel‐" | "kova" over the break is one word
                length += len(joined) - len(text) - len(parts[-1])
                parts[-1] = joined[: len(joined) - len(text)]
                sep = ""
            else:
                sep = "\n\n" if parts else ""
            if page_start is None:
                page_start = length + len(sep)
            parts.append(sep + text)
            length += len(sep) + len(text)
            open_para = not SENTENCE_END.search(text)
        starts.append(length if page_start is None else page_start)
    return PagedText(text="".join(parts), page_starts=starts, dropped=dropped)


# -- PDF ----------------------------------------------------------------------------------------------


def _line_text(line: object) -> str:
    """A text line without its footnote markers: digits and marks set small and raised above the line."""
    from pdfminer.layout import LTChar

    chars = [c for c in line if isinstance(c, LTChar)]  # type: ignore[attr-defined]
    sizes = [c.size for c in chars if c.get_text().strip()]
    if not sizes:
        return line.get_text().rstrip("\n")  # type: ignore[attr-defined]
    body = median(sizes)
    base = median(c.y0 for c in chars if c.size >= 0.9 * body) if any(c.size >= 0.9 * body for c in chars) else 0
    out = []
    for c in line:  # type: ignore[attr-defined]
        t = c.get_text()
        if isinstance(c, LTChar) and t in MARKER_CHARS and c.size < 0.95 * body and c.y0 > base + 0.25 * body:
            continue
        out.append(t)
    return "".join(out).rstrip("\n")


def _pdf_meta(doc: object) -> tuple[str | None, str | None, date | None]:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    info: dict = {}
    for d in getattr(doc, "info", []) or []:
        info.update(resolve1(d) or {})

    def field_(key: str) -> str | None:
        v = resolve1(info.get(key))
        if isinstance(v, bytes):
            v = decode_text(v)
        v = str(v).strip() if v else ""
        return v or None

    title = field_("Title")
    if title and re.match(r"(?i)^(untitled|microsoft word - .*|.*\.(docx?|pdf|html?))$", title):
        title = None
    created = None
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})", field_("CreationDate") or field_("ModDate") or "")
    if m:
        try:
            created = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            created = None
    return title, field_("Author"), created


def read_pdf(path: Path, on_page: PageProgress | None = None) -> Paged:
    """The text layer of a PDF page by page, with its metadata; coded errors for what cannot be read."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTFigure, LTImage, LTTextBox
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    where = str(path)
    with open(path, "rb") as fh:
        try:
            doc = PDFDocument(PDFParser(fh))
        except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
            raise EncryptedDocument(f"encrypted PDF ({exc.__class__.__name__}); give casetrail a copy "
                                    "without a password (qpdf --decrypt in.pdf out.pdf)", path=where) from None
        except Exception as exc:
            raise ParseError(f"not a readable PDF ({exc.__class__.__name__})", path=where) from None
        try:
            count = int(resolve1(resolve1(doc.catalog["Pages"])["Count"]))
        except Exception:
            count = 0
        if count > MAX_PAGES:
            raise DocumentTooLong(f"{count} pages, past the limit of {MAX_PAGES}; split it "
                                  "(qpdf --split-pages=500 in.pdf part.pdf)", path=where)
        title, author, created = _pdf_meta(doc)
        rsrc = PDFResourceManager()
        device = PDFPageAggregator(rsrc, laparams=LAParams())
        interp = PDFPageInterpreter(rsrc, device)
        pages: list[list[list[str]]] = []
        raw: list[str] = []
        images = 0
        cover: tuple[float, str] | None = None
        try:
            for n, page in enumerate(PDFPage.create_pages(doc), 1):
                if n > MAX_PAGES:
                    raise DocumentTooLong(f"more than {MAX_PAGES} pages; split it", path=where)
                interp.process_page(page)
                layout = device.get_result()
                paras: list[list[str]] = []
                raw_page: list[str] = []
                for el in layout:
                    if isinstance(el, LTTextBox):
                        lines = [_line_text(ln) for ln in el]
                        raw_page.append(el.get_text())
                        paras.append(lines)
                        if n == 1 and len(el.get_text().split()) <= 25:
                            sizes = [c.size for ln in el for c in ln if hasattr(c, "size")]
                            size = median(sizes) if sizes else 0
                            if cover is None or size > cover[0] + 0.5:
                                cover = (size, join_lines(lines))
                    elif isinstance(el, LTFigure | LTImage):
                        images += 1
                pages.append(paras)
                raw.append("".join(raw_page))
                if on_page:
                    on_page(where, n, count or n)
        except CasetrailError:
            raise
        except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
            raise EncryptedDocument(f"encrypted PDF ({exc.__class__.__name__})", path=where) from None
        except Exception as exc:
            if not pages:
                raise ParseError(f"not a readable PDF ({exc.__class__.__name__})", path=where) from None
            # a damaged tail: the pages read so far are kept, the damage is said
            raw.append("")
            pages.append([[f"[casetrail: the PDF could not be read past page {len(pages)} "
                           f"({exc.__class__.__name__})]"]])
    words = sum(len(ln.split()) for p in pages for para in p for ln in para)
    if words == 0:
        if images:
            raise NoTextLayer(f"scanned PDF: {len(pages)} page(s) of images, no text layer; add one with "
                              f"'ocrmypdf {path.name} {path.stem}-ocr.pdf' and build that file", path=where)
        raise EmptyDocument("PDF has no text", path=where)
    return Paged(pages=pages, raw_pages=raw, title=title, author=author, created=created,
                 title_on_cover=cover[1] if cover and len(cover[1].split()) <= 25 else None)


# -- Word ---------------------------------------------------------------------------------------------


def read_docx(path: Path, on_page: PageProgress | None = None) -> Paged:
    """A Word file's paragraphs, in pages where Word marked them (page breaks, or the breaks Word rendered)."""
    import docx

    where = str(path)
    try:
        d = docx.Document(str(path))
    except Exception as exc:  # not a zip, no document part, broken XML: one coded line
        raise ParseError(f"not a readable Word file ({exc.__class__.__name__})", path=where) from None
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rendered = any(el.tag == f"{ns}lastRenderedPageBreak" for el in d.element.body.iter())
    pages: list[list[list[str]]] = [[]]
    for para in d.paragraphs:
        line = ""
        for el in para._p.iter():
            if el.tag == f"{ns}t":
                line += el.text or ""
            elif el.tag == f"{ns}tab":
                line += "\t"
            elif (el.tag == f"{ns}br" and el.get(f"{ns}type") == "page") or \
                    (rendered and el.tag == f"{ns}lastRenderedPageBreak"):
                if line.strip():
                    pages[-1].append([line])
                line = ""
                pages.append([])
                if on_page:
                    on_page(where, len(pages) - 1, 0)
            elif el.tag == f"{ns}br":
                line += "\n"
        if line.strip():
            pages[-1].append(line.split("\n"))
        if len(pages) > MAX_PAGES:
            raise DocumentTooLong(f"more than {MAX_PAGES} pages; split it", path=where)
    if not any(pages):
        raise EmptyDocument("Word file has no text", path=where)
    props = d.core_properties
    created = props.created.date() if props.created else None
    first = next((p[0][0] for p in pages if p), None)
    return Paged(pages=pages, raw_pages=["\n".join("\n".join(p) for p in page) for page in pages],
                 title=(props.title or "").strip() or None, author=(props.author or "").strip() or None,
                 created=created, title_on_cover=first if first and len(first.split()) <= 25 else None)


# -- the reader interface -------------------------------------------------------------------------------


def cover_date(pages: list[list[list[str]]]) -> tuple[date | None, bool]:
    """A date printed on a short line of the first page (a cover's "March 2024"), and whether it names a day."""
    from casetrail.values.dates import parse_date

    for precise, pattern in ((True, DAY_DATE), (False, MONTH_DATE)):
        for para in pages[0] if pages else []:
            for ln in para:
                if len(ln.split()) > 8:
                    continue
                m = pattern.search(ln)
                d = parse_date(m.group(0)) if m else None
                if d is not None and d.value and not d.value.startswith("--"):
                    y, mo, day = (int(x) for x in (d.value + "-01-01")[:10].split("-"))
                    return date(y, mo, day), precise
    return None, False


def paged_article(paged: Paged, path: Path, fmt: str) -> Iterator[object]:
    """One ``RawArticle`` of a paged document: text with page map, the text layer as the original."""
    from casetrail.ingest.readers import RawArticle

    pt = paged_text(paged.pages)
    if not pt.text.strip():
        raise EmptyDocument("no text left after removing running headers and page numbers", path=str(path))
    on_cover, precise = cover_date(paged.pages)
    published = on_cover if precise else (paged.created or on_cover)
    art = RawArticle(name=path.stem, text=pt.text, original="\f".join(paged.raw_pages), source=str(path),
                     format=fmt, title=paged.title or paged.title_on_cover, outlet=paged.author,
                     published=published, pages=pt.page_starts)
    art.extra["pages"] = str(len(paged.pages))
    art.dropped = pt.dropped
    yield art
