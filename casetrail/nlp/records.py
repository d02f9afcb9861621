"""Plain records the extractors write to ``Doc._.casetrail_*``; storage and case files read them.

Offsets are character offsets into the cleaned body of the document; the store maps them back
to the original text through the document's offset map. ``to_dict`` gives the JSON-safe form that
travels between processes (Ray workers) and into the store.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from casetrail.values.names import PersonName

_SCALARS = (str, int, float, bool)


def plain(value: Any) -> Any:
    """``dataclasses.asdict`` without its cost: records to dicts, containers copied, scalars as they are
    (asdict deep-copies every string and number; this runs for every record of every document)."""
    if value is None or isinstance(value, _SCALARS):
        return value
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(plain(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    return copy.deepcopy(value)


@dataclass
class Mention:
    """A name (or a repaired name) in the text, tied to a local person or organisation."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    text: str
    label: str  # PERSON | ORG | GPE
    entity: int | None = None  # index into Doc._.casetrail_entities
    how: str = "name"  # name | pronoun | description | reference

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass
class LocalEntity:
    """One person or organisation inside one document, with every surface form it takes there."""

    index: int
    label: str
    name: str
    parsed: PersonName | None = None
    aliases: set[str] = field(default_factory=set)
    roles: list[dict[str, Any]] = field(default_factory=list)  # {"role", "affiliations", "start", "end"}
    gender: str | None = None
    mentions: list[int] = field(default_factory=list)  # indexes into Doc._.casetrail_mentions

    def to_dict(self) -> dict[str, Any]:
        parsed = self.parsed
        return {
            "index": self.index, "label": self.label, "name": self.name, "aliases": sorted(self.aliases),
            "roles": self.roles, "gender": self.gender, "mentions": self.mentions,
            "order": parsed.order if parsed else None, "titles": list(parsed.titles) if parsed else [],
        }


@dataclass
class Evidence:
    """A sentence that supports a fact, with its offsets."""

    start: int
    end: int
    sentence: str
    paragraph: int
    status: str = "asserted"  # how sure this sentence is, before merging with others
    claimed_by: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass
class Quote:
    """A quoted stretch of speech in one paragraph, with its speaker.

    A statement that runs over several paragraphs is several ``Quote`` records sharing ``group``.
    """

    start: int
    end: int
    text: str
    paragraph: int
    speaker: int | None  # local entity index
    speaker_text: str | None
    how: str  # how the speaker was found: after, before, embedded, run, paragraph, continuation, none
    group: int
    sentence: str
    role: str | None = None  # the speaker's role as given in this article
    kind: str = "speech"  # speech | charge (the wording of a charge) | title (a name of a work) | term (a scare quote)

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass
class Claim:
    """Indirect speech: who said what, with stance; denials link to what they deny."""

    start: int
    end: int
    speaker: int | None
    speaker_text: str | None
    verb: str
    content: str
    stance: str  # assert | claim | deny | admit
    sentence: str
    paragraph: int
    target: str | None = None  # text of what is denied ("Sok's claims")
    about: int | None = None  # entity whose statement is denied
    content_start: int | None = None  # offsets of the content in the body
    content_end: int | None = None
    target_claims: list[int] = field(default_factory=list)  # indexes into Doc._.casetrail_claims
    target_quotes: list[int] = field(default_factory=list)  # indexes into Doc._.casetrail_quotes
    target_events: list[int] = field(default_factory=list)  # indexes into Doc._.casetrail_events

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass
class Event:
    """A typed event with its participants, attributes, date, status and evidence."""

    type: str
    subject: int | None
    subject_text: str | None
    agent: str | None = None
    agent_entity: int | None = None
    status: str = "asserted"
    claimed_by: int | None = None
    date_text: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    trigger: str = ""
    in_quote: bool = False

    def to_dict(self) -> dict[str, Any]:
        return plain(self)

    def happening_to(self, subject: int, name: str) -> Event:
        """The same event told of another person ("sentenced A and B", "all 45 defendants"): a deep copy."""
        other = copy.copy(self)
        other.subject, other.subject_text = subject, name
        other.attributes = copy.deepcopy(self.attributes)
        other.evidence = [copy.copy(e) for e in self.evidence]
        return other

    def drop_terms(self) -> Event:
        """Without its prison term and amount: when a copy told of another person is not that person's own
        term ("along with A, the court sentenced B to four years"; a range given to a whole group)."""
        for key in ("duration", "amount"):
            self.attributes.pop(key, None)
        return self
