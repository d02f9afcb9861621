"""Run the pipeline on articles and turn each ``Doc`` into a plain, JSON-safe ``DocResult``.

The result is what travels from a worker (local or Ray) to the store: entities, mentions, quotes,
claims and events with offsets in the cleaned body *and* in the article text, event dates resolved
against the publication date (or against another event: "two weeks after fleeing"), and the
political context that decides whether a person's events form a persecution case.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from casetrail.domain.schema import ontology
from casetrail.errors import CasetrailError, ExtractionError, ExtractionTimeout
from casetrail.ingest.document import Article
from casetrail.nlp.grammar import TEXT_KEY, doc_text
from casetrail.nlp.windows import DEFAULT_TIME_BUDGET, DEFAULT_WINDOW_CHARS, Merger, shift_offsets, split_windows
from casetrail.values.dates import EventDate, parse_date, shift

EXTRACTOR_VERSION = "2"
_ROLE_RE = re.compile(r"\b(" + "|".join(sorted((re.escape(w) for w in ontology().political_roles), key=len,
                                                 reverse=True)) + ")")
_WORDS_RE = re.compile(r"\b(" + "|".join(sorted((re.escape(w) for w in ontology().political_words), key=len,
                                                  reverse=True)) + r")(?:s|es)?\b")  # "protests", "crackdowns"


@dataclass
class DocResult:
    """Everything extracted from one article, ready to store."""

    article: Article
    model: str
    entities: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    version: str = field(default_factory=lambda: EXTRACTOR_VERSION)  # read at run time: an upgrade re-extracts
    error: CasetrailError | None = None  # extraction failed: the article is kept, not extracted


@dataclass(frozen=True)
class Limits:
    """Bounds on one document's extraction: the parser's window and the time it may take."""

    window_chars: int = DEFAULT_WINDOW_CHARS
    time_budget: float | None = DEFAULT_TIME_BUDGET  # seconds per document; None: no budget


def _with_text_offsets(article: Article, rec: dict[str, Any]) -> dict[str, Any]:
    rec["text_start"] = article.text_offset(rec["start"])
    rec["text_end"] = article.text_offset(rec["end"])
    if article.pages:  # a paged document (PDF, Word): every record cites its page
        rec["page"] = article.page_of(rec["start"])
    return rec


def _date_dict(d: EventDate) -> dict[str, Any]:
    return {"text": d.text, "value": d.value, "precision": d.precision, "basis": d.basis,
            "approximate": d.approximate}


@lru_cache(maxsize=1)
def _verb_types() -> dict[str, str]:
    """Trigger verb -> event type ("flee" -> FLEE), for dates like "two weeks after fleeing"."""
    out: dict[str, str] = {}
    for et in ontology().event_types.values():
        for t in et.triggers:
            if t.kind == "verb":
                out.setdefault(t.words[0], et.name)
    return out


def _resolve_dates(article: Article, events: list[dict[str, Any]]) -> None:
    """Give each event a date value; "two weeks after fleeing" is placed after the flight's date."""
    parsed: list[EventDate | None] = []
    for ev in events:
        parsed.append(parse_date(ev["date_text"], article.published) if ev.get("date_text") else None)
    verbs_to_types = _verb_types()
    for i, (ev, d) in enumerate(zip(events, parsed, strict=True)):
        if d is None or d.basis != "relative-event":
            continue
        anchor: EventDate | None = None
        m = re.search(r"\b(?:after|before|following)\s+((?:\w+\s+){0,3}\w+)", d.text, re.I)
        if m:  # "after fleeing", "after he was released": the first word there that is an event's verb
            words = [w.lower() for w in m.group(1).split()]
            wanted = next((t for w in words if len(w) >= 4 for v, t in verbs_to_types.items()
                           if v.startswith(re.sub(r"(ing|ed|d)$", "", w)[:4])), None)
            for j, other in enumerate(events):
                if j != i and other["type"] == wanted and other["subject"] == ev["subject"] and parsed[j]:
                    anchor = parsed[j]
                    break
        if anchor is None:  # "two months later": after the previous dated event in the same sentence
            for j in range(i - 1, -1, -1):
                pj = parsed[j]
                if pj is not None and pj.value and events[j]["evidence"][0]["start"] == ev["evidence"][0]["start"]:
                    anchor = pj
                    break
        if anchor is not None:
            parsed[i] = shift(d, anchor)
    for ev, d in zip(events, parsed, strict=True):
        ev["date"] = _date_dict(d) if d is not None else None


def political_context(doc: Doc, entity_index: int) -> list[str]:
    """Why a person's case is political: role words, political charges, context words in the article."""
    onto = ontology()
    ents = doc._.casetrail_entities or []
    ent = ents[entity_index]
    why: list[str] = []
    roles = " ".join(r["role"].lower() for r in ent.roles)
    why += [f"role: {w}" for w in sorted(set(_ROLE_RE.findall(roles)))]
    for ev in doc._.casetrail_events or []:
        if ev.subject == entity_index:
            charges = " ".join(ev.attributes.get("charges", [])).lower()
            why += [f"charge: {c}" for c in onto.political_charges if c in charges]
    words = doc.user_data.get("casetrail_political_words")
    if words is None:  # the article's context words, found once per document
        found = set(_WORDS_RE.findall(doc_text(doc).lower()))
        words = doc.user_data["casetrail_political_words"] = [w for w in onto.political_words if w in found]
    why += [f"context: {w}" for w in words]
    seen: set[str] = set()
    return [w for w in why if not (w in seen or seen.add(w))]


def to_result(article: Article, doc: Doc, model: str, offset: int = 0, para_shift: int = 0) -> DocResult:
    """Convert an annotated ``Doc`` into a ``DocResult`` (offsets mapped to the article text); a window
    of a long document starts ``offset`` characters and ``para_shift`` paragraphs into the body."""
    res = DocResult(article=article, model=model)

    def place(rec: dict[str, Any]) -> dict[str, Any]:
        shift_offsets(rec, offset)
        if para_shift and rec.get("paragraph") is not None:
            rec["paragraph"] += para_shift
        for e in rec.get("evidence", []):
            _with_text_offsets(article, e)
        return _with_text_offsets(article, rec) if "start" in rec else rec

    for ent in doc._.casetrail_entities or []:
        rec = ent.to_dict()
        if ent.label == "PERSON":
            rec["political_context"] = political_context(doc, ent.index)
        res.entities.append(rec)
    res.mentions = [place(m.to_dict()) for m in doc._.casetrail_mentions or []]
    res.quotes = [place(q.to_dict()) for q in doc._.casetrail_quotes or []]
    res.claims = [place(c.to_dict()) for c in doc._.casetrail_claims or []]
    res.events = [place(ev.to_dict()) for ev in doc._.casetrail_events or []]
    _resolve_dates(article, res.events)
    return res


def extract(nlp: Language, articles: Iterable[Article], model: str, batch_size: int = 8,
            limits: Limits | None = None) -> Iterator[DocResult]:
    """Run the pipeline over articles in batches. A document longer than a window is read window by
    window; a document that fails or runs past its time budget is returned with its error, not extracted."""
    limits = limits or Limits()
    batch: list[Article] = []
    for art in articles:
        if len(art.body) > limits.window_chars:
            yield _run_long(nlp, art, model, limits)
            continue
        batch.append(art)
        if len(batch) >= batch_size:
            yield from _run_batch(nlp, batch, model, limits)
            batch = []
    if batch:
        yield from _run_batch(nlp, batch, model, limits)


def _failed(art: Article, model: str, exc: BaseException) -> DocResult:
    err = exc if isinstance(exc, ExtractionError) else ExtractionError(
        f"extraction failed: {exc.__class__.__name__}: {str(exc)[:300]}", path=art.source)
    err.path = err.path or art.source
    return DocResult(article=art, model=model, error=err)


def _made(nlp: Language, text: str) -> Doc:
    """The tokenised text, holding the text it was made from: the components read it whole, and spaCy
    would join every token again to give it back."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    return doc


def _run_batch(nlp: Language, batch: list[Article], model: str, limits: Limits) -> Iterator[DocResult]:
    try:
        docs = list(nlp.pipe([_made(nlp, a.body) for a in batch]))
    except Exception:
        docs = []
    if len(docs) == len(batch):
        for art, doc in zip(batch, docs, strict=True):
            try:
                yield to_result(art, doc, model)
            except Exception as exc:
                yield _failed(art, model, exc)
        return
    for art in batch:
        try:
            yield to_result(art, nlp(_made(nlp, art.body)), model)
        except Exception as exc:
            yield _failed(art, model, exc)


def _run_long(nlp: Language, art: Article, model: str, limits: Limits) -> DocResult:
    """A long document, window by window (see ``casetrail.nlp.windows``), within its time budget."""
    started = time.monotonic()
    merger = Merger()
    windows = split_windows(art.body, limits.window_chars)
    paragraphs = 0
    try:
        # two windows at a time: nlp.pipe would otherwise hold a whole batch of parsed windows in memory
        for (lo, _hi), doc in zip(windows, nlp.pipe((_made(nlp, art.body[lo:hi]) for lo, hi in windows), batch_size=2),
                                  strict=True):
            part = to_result(art, doc, model, offset=lo, para_shift=paragraphs)
            paragraphs += len(doc._.casetrail_paragraphs or [])
            merger.add(part.entities, part.mentions, part.quotes, part.claims, part.events)
            if limits.time_budget is not None and time.monotonic() - started > limits.time_budget:
                raise ExtractionTimeout(f"extraction ran past its time budget of {limits.time_budget:g}s "
                                        f"({lo:,} of {len(art.body):,} characters read)", path=art.source)
    except Exception as exc:
        return _failed(art, model, exc)
    # each window's dates were resolved with its own events ("two weeks after fleeing")
    return DocResult(article=art, model=model, entities=merger.entities, mentions=merger.mentions,
                     quotes=merger.quotes, claims=merger.claims, events=merger.events)
