"""The roles an article gives a person beside their name: "CPP spokesman X", "X, a spokesman for Y", "an
analyst, X", "a lawyer named X" — words that describe the person, never a fragment of the sentence around
("years in prison and opposition member X" gives "opposition member"), and never a role of someone else
("Seng's lawyer X" is X's role; "former lawmaker Y" beside X is Y's)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from casetrail.nlp.lexicon import ROLE_NOUNS
from casetrail.nlp.namespans import is_honorific
from casetrail.nlp.records import LocalEntity, Mention


def name_owners(doc: Doc, mentions: list[Mention]) -> tuple[dict[int, int], set[int]]:
    """Token -> person of the name it is in, and the tokens of possessive names ("El-Baker's defense
    lawyer"): what tells a role of someone else from a role of one's own."""
    mindex = {i: mm.entity for mm in mentions for i in range(mm.tok_start, mm.tok_end)
              if mm.entity is not None and mm.label == "PERSON"}
    owned = {i for mm in mentions for i in range(mm.tok_start, mm.tok_end) if mm.tok_end < len(doc)
             and doc[mm.tok_end].lower_ in ("'s", "’s", "'", "’")}
    return mindex, owned


def add_roles(doc: Doc, mentions: list[Mention], ent: LocalEntity, owners: tuple[dict[int, int], set[int]]) -> None:
    """Roles given next to a name: "CPP spokesman X", "X, a spokesman for Y", "an analyst, X"
    (``owners``: ``name_owners`` of the mentions)."""
    mindex, owned = owners
    seen: set[str] = set()
    for mi in ent.mentions:
        m = mentions[mi]
        span = doc[m.tok_start:m.tok_end]
        found: list[Span] = []
        # left modifiers: "Council of Ministers spokesman Phay Siphan"
        h = span.start
        while h < span.end - 1 and is_honorific(doc[h]):
            h += 1
        k = span.start - 1
        while k >= 0 and not doc[k].is_sent_start and (
                doc[k].pos_ in ("NOUN", "PROPN", "ADJ", "ADP", "PART", "CCONJ")
                or (doc[k].pos_ == "VERB" and doc[k].dep_ == "amod")) \
                and doc[k].dep_ not in ("nsubj",) \
                and doc[k].lower_ not in ("said", "told", "by", "to", "from", "with") \
                and h - k <= 9:
            k -= 1
        if k >= 0 and doc[k].is_sent_start and doc[k].pos_ in ("NOUN", "PROPN", "ADJ"):
            k -= 1
        for j in range(h - 2, k, -1):  # "sentenced X to 18 years in prison and opposition member Y": a
            if doc[j].pos_ == "CCONJ" and not any(t.lower_ in ROLE_NOUNS for t in doc[k + 1:j]):
                k = j  # part before "and" that names no role is no role ("lawyer and defender X" is two)
                break
        left = doc[k + 1:h]
        while len(left) and left[0].pos_ in ("ADP", "CCONJ", "PART", "VERB"):
            left = left[1:]
        if len(left) and any(t.lower_ in ROLE_NOUNS for t in left):
            found.append(left)
        root = span.root
        for c in root.children:
            if c.dep_ == "appos" and c.i >= span.end:
                found.append(doc[c.left_edge.i:c.right_edge.i + 1])
        head = root.head
        if root.dep_ == "appos" and head.lower_ in ROLE_NOUNS:
            found.append(doc[head.left_edge.i:head.i + 1])
        if root.dep_ == "oprd" and head.lower_ in ("named", "called") and head.head.lower_ in ROLE_NOUNS:
            found.append(doc[head.head.left_edge.i:head.i])
        for r in found:
            if any(mindex.get(t.i) not in (None, ent.index) and t.i not in owned for t in r):
                continue  # "former lawmaker Au Nok-hin" is Au Nok-hin's role ("Seng's lawyer" keeps its owner)
            text = re.sub(r"^(a|an|the|another)\s+", "", r.text.strip(" ,"), flags=re.I)
            text = re.sub(r"\s+", " ", text)
            if not text or text.lower() in seen or not any(t.lower_ in ROLE_NOUNS for t in r):
                continue
            seen.add(text.lower())
            orgs = [e.text for e in r.ents if e.label_ in ("ORG", "NORP", "GPE")]
            ent.roles.append({"role": text, "affiliations": orgs, "start": r.start_char, "end": r.end_char})
