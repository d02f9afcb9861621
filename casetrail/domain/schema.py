"""The domain as data: event types, statuses and their PLOVER/CAMEO/HURIDOCS mappings.

Everything here is read from ``ontology.yaml`` so a documenter can extend the ontology without
touching extraction code; ``Trigger.pattern`` turns each trigger into a spaCy Matcher pattern.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

ONTOLOGY_PATH = Path(__file__).with_name("ontology.yaml")
SUBJECT_MODES = ("object", "actor", "possessor")
STATUS_RANK = {"asserted": 6, "scheduled": 5, "requested": 4, "claimed": 3, "hypothetical": 2, "denied": 1}


IRREGULAR = {
    "flee": ["fled"], "hide": ["hid", "hidden"], "beat": ["beaten"], "seek": ["sought"], "find": ["found"],
    "hold": ["held"], "take": ["took", "taken"], "go": ["went", "gone"], "stand": ["stood"], "leave": ["left"],
    "win": ["won"], "get": ["got", "gotten"], "give": ["gave", "given"], "put": ["put"], "plead": ["pled", "pleaded"],
    "be": ["is", "are", "was", "were", "been", "being"], "want": ["wanted"], "fail": ["failed"],
    "ask": ["asked"], "apply": ["applied", "applies"], "serve": ["served"], "free": ["freed"],
}


def inflections(lemma: str, kind: str) -> list[str]:
    """Regular English inflections of a trigger word, plus the irregular ones (lower case)."""
    w = lemma.lower()
    if kind == "noun":
        plural = w[:-1] + "ies" if w.endswith("y") and w[-2:-1] not in "aeiou" else (
            w + "es" if w.endswith(("s", "sh", "ch", "x", "z")) else w + "s")
        return sorted({w, plural})
    forms = {w, *IRREGULAR.get(w, [])}
    if w.endswith("ee"):
        forms |= {w + "s", w + "d", w + "ing"}  # flee -> flees, fleeing
    elif w.endswith("e"):
        forms |= {w + "s", w + "d", w[:-1] + "ing"}
    elif w.endswith("y") and w[-2:-1] not in "aeiou":
        forms |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    else:
        forms |= {w + ("es" if w.endswith(("s", "sh", "ch", "x", "z")) else "s"), w + "ed", w + "ing"}
        if len(w) >= 3 and w[-1] in "bdgmnprt" and w[-2] in "aeiou" and w[-3] not in "aeiou" and len(w) <= 4:
            forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # ban -> banned, banning
    return sorted(forms)


@dataclass(frozen=True)
class Trigger:
    """One way an event type shows in text: a verb, a noun or a phrase, with its subject mode."""

    event_type: str
    kind: str  # verb | noun | phrase
    words: tuple[str, ...]  # lemmas; "?x" optional, "*" any token, "?*" any or none
    subject: str

    @property
    def key(self) -> str:
        return f"{self.event_type}|{self.kind}|{' '.join(self.words)}|{self.subject}"


@dataclass(frozen=True)
class EventType:
    """One event type with its triggers and interoperability codes."""

    name: str
    plover: tuple[str, str]
    cameo: str
    huridocs: str
    persecution: bool
    triggers: tuple[Trigger, ...] = ()
    subject_label: str = "PERSON"  # PERSON | ORG | ANY
    score_as: str | None = None


@dataclass(frozen=True)
class Ontology:
    """The whole domain model."""

    event_types: dict[str, EventType]
    statuses: dict[str, str]
    roles: dict[str, str]
    authorities: tuple[str, ...]
    allegation_types: frozenset[str]
    coercive_types: frozenset[str]
    political_roles: frozenset[str]
    political_charges: tuple[str, ...]
    political_words: tuple[str, ...]
    timeline_order: tuple[str, ...] = ()
    triggers_by_key: dict[str, Trigger] = field(default_factory=dict)
    review_statuses: dict[str, str] = field(default_factory=dict)  # unreviewed, verified, disputed, rejected
    review_targets: dict[str, str] = field(default_factory=dict)  # what can be reviewed
    user_roles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role -> what it may do

    def plover(self, type_name: str) -> dict[str, str]:
        """PLOVER event/mode record (with CAMEO and HURIDOCS codes) for an event type."""
        et = self.event_types[type_name]
        return {"event": et.plover[0], "mode": et.plover[1], "cameo": et.cameo, "huridocs": et.huridocs}

    def procedural_rank(self, type_name: str) -> int:
        """Where an event type usually falls in a case (orders facts whose dates are unknown)."""
        order = self.timeline_order
        return order.index(type_name) if type_name in order else len(order)

    def scoring_type(self, type_name: str) -> str | None:
        """The reference type an event type is scored as (None: not a reference type)."""
        et = self.event_types.get(type_name)
        return et.score_as if et else None


def _parse_trigger(event_type: str, kind: str, text: str, default_subject: str) -> Trigger:
    subject = default_subject
    if "@" in text:
        text, subject = text.rsplit("@", 1)
    if subject not in SUBJECT_MODES:
        raise ValueError(f"{event_type}: unknown subject mode '{subject}' in trigger '{text}'")
    return Trigger(event_type, kind, tuple(text.split()), subject)


@lru_cache(maxsize=1)
def ontology() -> Ontology:
    """Load and cache the ontology from YAML."""
    raw = yaml.safe_load(ONTOLOGY_PATH.read_text(encoding="utf-8"))
    types: dict[str, EventType] = {}
    by_key: dict[str, Trigger] = {}
    for name, spec in raw["event_types"].items():
        triggers: list[Trigger] = []
        for v in spec.get("verbs", []):
            triggers.append(_parse_trigger(name, "verb", v, spec.get("verb_subject", "object")))
        for n in spec.get("nouns", []):
            triggers.append(_parse_trigger(name, "noun", n, "possessor"))
        for p in spec.get("phrases", []):
            triggers.append(_parse_trigger(name, "phrase", p, "actor"))
        for t in triggers:
            by_key[t.key] = t
        types[name] = EventType(
            name=name,
            plover=(spec["plover"][0], spec["plover"][1]),
            cameo=str(spec["cameo"]),
            huridocs=spec["huridocs"],
            persecution=bool(spec["persecution"]),
            triggers=tuple(triggers),
            subject_label=spec.get("subject_label", "PERSON"),
            score_as=spec["score_as"] if "score_as" in spec else name,
        )
    ctx = raw.get("political_context", {})
    return Ontology(
        event_types=types,
        statuses=dict(raw["statuses"]),
        roles=dict(raw["roles"]),
        authorities=tuple(raw.get("authorities", [])),
        allegation_types=frozenset(raw.get("allegation_types", [])),
        coercive_types=frozenset(raw.get("coercive_types", [])),
        political_roles=frozenset(ctx.get("roles", [])),
        political_charges=tuple(ctx.get("charges", [])),
        political_words=tuple(ctx.get("words", [])),
        timeline_order=tuple(raw.get("timeline_order", [])),
        triggers_by_key=by_key,
        review_statuses=dict(raw["review"]["statuses"]),
        review_targets=dict(raw["review"]["targets"]),
        user_roles={k: tuple(v) for k, v in raw["review"]["roles"].items()},
    )


EVENT_TYPES = tuple(ontology().event_types)
STATUSES = tuple(ontology().statuses)
REVIEW_STATUSES = tuple(ontology().review_statuses)
REVIEW_TARGETS = tuple(ontology().review_targets)
USER_ROLES = tuple(ontology().user_roles)
