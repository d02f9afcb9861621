"""Events that show in a sentence's shape rather than in a trigger word of the ontology.

A prison term is often given as a bare length: "Paul received seven years and three months", "she was
given ten years in jail", "the court handed him five years". No noun names the sentence; the shape does:
a verb of giving or receiving whose direct object is a length of years or months (not "two weeks to
leave", not "for years"). ``find`` returns such hits as triggers of their own, so the events component
reads their subject, date and status like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from casetrail.domain.schema import Trigger
from casetrail.values.durations import parse_duration

RECEIVING = frozenset({"receive", "get"})
GIVING = frozenset({"give", "hand", "award", "mete"})
TERM_UNITS = frozenset({"year", "years", "month", "months", "life"})
SENTENCE_RECEIVED = Trigger("SENTENCE", "verb", ("receive",), "actor")
SENTENCE_GIVEN = Trigger("SENTENCE", "verb", ("give",), "object")


@dataclass(frozen=True)
class ShapeHit:
    """A shape found at token ``anchor`` (the verb), standing for ``trigger``."""

    trigger: Trigger
    anchor: int


def _term_object(verb: Token) -> Token | None:
    """The verb's direct object when it is a prison term: "seven years and three months", "life"."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in TERM_UNITS), None)
    if obj is None and verb.lemma_.lower() in GIVING and any(c.dep_ == "dobj" for c in verb.children):
        # "handed the journalist Rita Vale five years": the parser reads the term as an adverbial
        obj = next((c for c in verb.children if c.dep_ == "npadvmod" and c.lower_ in TERM_UNITS), None)
    if obj is None:
        return None
    if obj.lower_ == "life":
        return obj
    if any(c.dep_ in ("acl", "relcl") or (c.dep_ == "aux" and c.lower_ == "to") for c in obj.children):
        return None  # "given two years to appeal"
    sub = list(obj.subtree)
    text = verb.doc[sub[0].i:sub[-1].i + 1].text
    d = parse_duration(text)
    return obj if d is not None and not any(t.lower_ in ("ago", "old", "later", "earlier") for t in sub) else None


def find(doc: Doc) -> list[ShapeHit]:
    """Every bare prison term received or given in the document."""
    out: list[ShapeHit] = []
    for tok in doc:
        if tok.pos_ != "VERB":
            continue
        lemma = tok.lemma_.lower()
        if lemma not in RECEIVING and lemma not in GIVING:
            continue
        if _term_object(tok) is None:
            continue
        out.append(ShapeHit(SENTENCE_RECEIVED if lemma in RECEIVING else SENTENCE_GIVEN, tok.i))
    return out


def term_text(verb: Token) -> str | None:
    """The term a shape's verb gives or receives, as written ("seven years and three months", "life")."""
    obj = _term_object(verb)
    if obj is None:
        return None
    if obj.lower_ == "life":
        return "life"
    sub = list(obj.subtree)
    d = parse_duration(verb.doc[sub[0].i:sub[-1].i + 1].text)
    return d.text if d else None


def given_to(verb: Token) -> Token | None:
    """Who a term is given to: the dative of an active "handed him five years" (None: use the object rules)."""
    dative = next((c for c in verb.children if c.dep_ == "dative"), None)
    if dative is not None:
        return next((c for c in dative.children if c.dep_ == "pobj"), dative)
    term = _term_object(verb)
    if term is not None and term.dep_ == "npadvmod":
        return next((c for c in verb.children if c.dep_ == "dobj"), None)
    return None
