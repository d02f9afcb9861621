"""Find quoted stretches in text, repairing the quote marks that web text gets wrong.

Pure text, no spaCy: the scanner classifies each mark as opening or closing by its shape and its
neighbours, pairs them per paragraph, and links paragraphs of one multi-paragraph statement (a
paragraph that opens a quote without closing it continues into the next paragraph when that one
opens with a quote mark). Repairs: curly opening closed by a straight mark, an opening mark used
as a closing one (``,“ he said``), an opening mark stranded at a paragraph's end, a closing mark
with no opening. A repair never shifts the quotes that follow it: each paragraph starts afresh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
DOUBLE_AMBIGUOUS = '"'
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
SINGLE_AMBIGUOUS = "'"
_OPEN_BEFORE = set(" \t\n([{—–-/")  # characters after which an ambiguous mark opens
_CLOSE_AFTER_PUNCT = set(".,;:!?…)]")


@dataclass(frozen=True)
class QuoteSpan:
    """One quoted stretch inside one paragraph (``start``/``end`` exclude the marks)."""

    start: int
    end: int
    paragraph: int
    open_mark: int  # offset of the opening mark (or paragraph start for a continued quote)
    close_mark: int | None  # offset of the closing mark; None when the paragraph ends first
    continued_from_previous: bool = False
    continues: bool = False  # runs on into the next paragraph
    nested: bool = False  # a single-quoted stretch inside a double-quoted one


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph; paragraphs are separated by blank lines."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _classify(text: str, i: int, lo: int, hi: int, single: bool) -> str:
    """'open', 'close' or 'apostrophe' for the mark at ``text[i]`` inside paragraph [lo, hi)."""
    ch = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if single:
        if ch in SINGLE_OPEN:
            return "open"
        # an apostrophe sits between letters (Sok’s, don’t) or after a plural s before a space
        if prev.isalnum() and nxt.isalnum():
            return "apostrophe"
        if ch == SINGLE_AMBIGUOUS and prev in _OPEN_BEFORE and nxt.isalnum():
            return "open"
        if prev.isalnum() or prev in _CLOSE_AFTER_PUNCT:
            return "close" if not nxt.isalnum() else "apostrophe"
        return "apostrophe"
    if ch in DOUBLE_OPEN:
        # an opening mark used as a closing one: ",“ he said" or "end.“" at paragraph end
        if prev in _CLOSE_AFTER_PUNCT and (nxt.isspace() or i + 1 >= hi) and i > lo:
            return "close?"
        return "open"
    if ch in DOUBLE_CLOSE:
        if (prev in _OPEN_BEFORE or i == lo) and nxt.isalnum():
            return "open?"
        return "close"
    if prev in _OPEN_BEFORE or i == lo:
        return "open" if not nxt.isspace() else "close?"
    return "close"


def _marks(text: str, lo: int, hi: int, single: bool) -> list[tuple[int, str]]:
    chars = (SINGLE_OPEN + SINGLE_CLOSE + SINGLE_AMBIGUOUS) if single else (
        DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_AMBIGUOUS)
    out = []
    for i in range(lo, hi):
        if text[i] in chars:
            kind = _classify(text, i, lo, hi, single)
            if kind != "apostrophe":
                out.append((i, kind))
    return out


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _scan_paragraph(text: str, p: int, lo: int, hi: int, carried: bool, single: bool) -> list[QuoteSpan]:
    """Quote spans of one paragraph; ``carried`` says a quote from the previous one runs on."""
    spans: list[QuoteSpan] = []
    marks = _marks(text, lo, hi, single)
    open_at: int | None = None
    continued = False
    if carried:
        # the continuing paragraph conventionally opens with a mark; without one it still continues
        if marks and marks[0][1].startswith("open") and text[lo:marks[0][0]].strip() == "":
            open_at = marks[0][0]
            marks = marks[1:]
        else:
            open_at = lo - 1
        continued = True
    for pos, kind in marks:
        if open_at is None:
            if kind.startswith("open") or (kind == "close?" and pos + 1 < hi):
                open_at = pos
            # a closing mark with nothing open is stray: ignore it
            continue
        if kind in ("close", "close?") or (kind == "open?" and pos > open_at + 1):
            s, e = _trimmed(text, open_at + 1, pos)
            if e > s:
                spans.append(QuoteSpan(s, e, p, open_at, pos, continued_from_previous=continued))
            open_at, continued = None, False
        elif kind == "open":
            # two opening marks in a row: the first was a slip unless it enclosed text ending a quote
            between = text[open_at + 1:pos].rstrip()
            if between and between[-1] in ".,?!…":
                s, e = _trimmed(text, open_at + 1, pos)
                spans.append(QuoteSpan(s, e, p, open_at, pos, continued_from_previous=continued))
                open_at, continued = None, False
            else:
                open_at = pos
    if open_at is not None:
        s, e = _trimmed(text, open_at + 1, hi)
        if e > s:  # an opening mark with nothing after it is stray and dropped
            spans.append(QuoteSpan(s, e, p, open_at, None, continued_from_previous=continued, continues=True))
    return spans


def _next_opens_with_quote(text: str, lo: int, hi: int, single: bool) -> bool:
    head = text[lo:min(hi, lo + 3)].lstrip()
    opens = (DOUBLE_OPEN + DOUBLE_AMBIGUOUS) if not single else (SINGLE_OPEN + SINGLE_AMBIGUOUS)
    return bool(head) and head[0] in opens


def uses_single_quotes(text: str) -> bool:
    """True for text that quotes speech with single marks (no double marks anywhere)."""
    if any(c in text for c in DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_AMBIGUOUS):
        return False
    return bool(re.search(r"(?:^|[\s(])[‘'][A-Za-z][^‘’']{10,}?[.,?!]?[’'](?=\s|$|[.,;:])", text))


def find_quotes(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """All quoted stretches in ``text``, paragraph by paragraph, with continuation links."""
    paragraphs = paragraphs if paragraphs is not None else split_paragraphs(text)
    single = uses_single_quotes(text)
    out: list[QuoteSpan] = []
    carried = False
    for p, (lo, hi) in enumerate(paragraphs):
        spans = _scan_paragraph(text, p, lo, hi, carried, single)
        carried = False
        if spans and spans[-1].continues:
            nxt = paragraphs[p + 1] if p + 1 < len(paragraphs) else None
            if nxt and _next_opens_with_quote(text, nxt[0], nxt[1], single):
                carried = True
            else:
                last = spans[-1]
                spans[-1] = QuoteSpan(last.start, last.end, last.paragraph, last.open_mark, None,
                                      last.continued_from_previous, continues=False)
        out.extend(spans)
        if not single:
            out.extend(_nested(text, spans))
            out.extend(_single_outside(text, p, lo, hi, spans))
    return sorted(out, key=lambda q: (q.start, q.nested))


def _single_outside(text: str, p: int, lo: int, hi: int, double: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single-quoted speech outside the double-quoted stretches of a paragraph ('…,' his lawyer said).

    Only stretches of four words or more count, so that scare quotes and stray apostrophes do not.
    """
    out = []
    for q in _scan_paragraph(text, p, lo, hi, False, True):
        if q.close_mark is None:
            continue
        if any(d.open_mark <= q.close_mark and q.open_mark <= (d.close_mark if d.close_mark is not None else d.end)
               for d in double):
            continue  # it overlaps a double-quoted stretch: that one is the quote (top-level quotes never overlap)
        if len(text[q.start:q.end].split()) >= 4 and text[q.start:q.start + 1].isupper():
            out.append(q)
    return out


def _nested(text: str, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single-quoted stretches inside double-quoted ones (a quote within a quote)."""
    out = []
    for q in spans:
        for inner in _scan_paragraph(text, q.paragraph, q.start, q.end, False, True):
            if inner.close_mark is not None:
                out.append(QuoteSpan(inner.start, inner.end, q.paragraph, inner.open_mark, inner.close_mark,
                                     nested=True))
    return out


def quote_intervals(spans: list[QuoteSpan]) -> list[tuple[int, int]]:
    """Sorted [start, end) character intervals of the top-level quotes, marks included."""
    out = []
    for q in spans:
        if q.nested:
            continue
        lo = max(q.open_mark, 0) if q.open_mark >= 0 else q.start
        hi = (q.close_mark + 1) if q.close_mark is not None else q.end
        out.append((lo, hi))
    return sorted(out)


def quote_mask(text: str, spans: list[QuoteSpan]) -> list[bool]:
    """Per character: True inside a (top-level) quote, marks included."""
    mask = [False] * len(text)
    for lo, hi in quote_intervals(spans):
        mask[lo:min(hi, len(text))] = [True] * (min(hi, len(text)) - lo)
    return mask
