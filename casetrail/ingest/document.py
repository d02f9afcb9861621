"""An article ready for extraction: id, verbatim original, cleaned body and where it came from.

The id is a hash of the original bytes as read, so ingesting the same article twice yields the same
id and changes nothing. The cleaned body keeps a map back to the article text, and the article text
(for HTML, trafilatura's extraction) is stored with the verbatim original, so every offset the
extractors report can be shown in what the user gave.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from casetrail.errors import EmptyDocument
from casetrail.ingest.clean import Cleaned, OffsetMap, clean_text
from casetrail.ingest.paged import page_of
from casetrail.ingest.readers import RawArticle


def stable_id(*parts: object, length: int = 16) -> str:
    """Deterministic id: a hash of the parts (an id is a hash of what it identifies)."""
    h = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


@dataclass
class Article:
    """One article: verbatim original, extracted text, cleaned body with offset map, metadata."""

    id: str
    name: str
    source: str
    format: str
    original: str
    text: str
    body: str
    offsets: OffsetMap
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    dropped: list[tuple[str, str]] = field(default_factory=list)
    pages: list[int] | None = None  # paged documents: the offset in ``text`` where each page starts

    def text_offset(self, body_offset: int) -> int:
        """Offset in the article text of an offset in the cleaned body."""
        return self.offsets.to_original(body_offset)

    def page_of(self, body_offset: int) -> int | None:
        """The page (1-based) an offset of the cleaned body is on; None for an article without pages."""
        return page_of(self.pages, self.text_offset(body_offset))


def prepare(raw: RawArticle, *, published: date | None = None, outlet: str | None = None,
            title: str | None = None) -> Article:
    """Clean a raw article and give it its id; user-given metadata wins over what the page shows."""
    cleaned: Cleaned = clean_text(raw.text, title_hint=raw.title)
    if not cleaned.body.strip() or len(re.findall(r"\w+", cleaned.body)) < 3:
        raise EmptyDocument("no article text left after removing page furniture", path=raw.source)
    return Article(
        id=raw.content_hash,
        name=raw.name,
        source=raw.source,
        format=raw.format,
        original=raw.original,
        text=raw.text,
        body=cleaned.body,
        offsets=cleaned.offsets,
        url=raw.url,
        title=title or raw.title or cleaned.title,
        outlet=outlet or raw.outlet or cleaned.outlet,
        published=published or raw.published or cleaned.published,
        dropped=raw.dropped + cleaned.dropped,
        pages=raw.pages,
    )
