"""The defendants of an article's case, for the words that speak of them all at once.

News tells a mass trial as one group: "A court on Tuesday jailed all 45 defendants", "All were charged
with subversion", "His 44 co-defendants were sentenced", "Tai was among 45 figures sentenced on
Tuesday", "The group must also pay damages", "All six were barred from public office" — and names the
members wherever it likes, before or after ("Among them, X shouted…", "defendant Y"). Such a phrase
cannot be resolved while the sentence is read; ``reference`` recognises it, and once the whole article
is read ``defendants`` lists the people it stands for: those the article gives a proceeding of their own
(charged, tried, convicted, sentenced, acquitted), those it calls defendants or co-accused, and those it
names as members of a group ("among them X", "including X").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from casetrail.nlp.grammar import entity_of_np, in_quote, mention_index
from casetrail.nlp.groups import NUMBERS, scan_list
from casetrail.nlp.lexicon import ROLE_NOUNS
from casetrail.nlp.records import Event

# Events that make someone a party to the article's proceedings.
PROCEEDING_TYPES = frozenset({"CHARGE", "TRIAL", "CONVICT", "SENTENCE", "ACQUIT", "FINE", "COMPENSATION_ORDER",
                              "BAIL"})
# Plural nouns that name the defendants of a case as a whole.
DEFENDANT_WORDS = frozenset("""
defendants co-defendants codefendants accused co-accused detainees prisoners suspects figures activists
democrats dissidents members leaders politicians lawmakers opposition journalists bloggers people individuals
men women protesters students critics campaigners
""".split())
CO_WORDS = frozenset({"co-defendants", "codefendants", "co-accused", "others", "rest"})
WHOLE_WORDS = frozenset({"all", "every", "each", "both"})
ROLE_WORDS = ("defendant", "co-defendant", "accused", "co-accused", "detainee")
NOT_DEFENDANTS = re.compile(r"\b(judge|justice|prosecutor|magistrate|attorney general|presiding)\b", re.I)


@dataclass(frozen=True)
class GroupReference:
    """A phrase that stands for every defendant of the article: its size (when it gives one), who it leaves
    out ("his co-defendants", "the other six") and the people it names itself ("among them X")."""

    size: int | None = None
    excluded: tuple[int, ...] = ()
    named: tuple[int, ...] = field(default=())
    whole: bool = False  # "all", "every", "each", "both": every one of them, not just those just named

    def covered_by(self, listed: list[int] | None) -> bool:
        """Whether the people just listed already are the whole group ("the accused" after a list of
        seven; "the three" after three names), so the article's other defendants are not meant."""
        if not listed:
            return False
        if self.size is not None:
            return len(listed) >= self.size
        return not self.whole


def _number(tok: Token) -> int | None:
    for t in [tok, *tok.children]:
        low = t.lower_
        if low in NUMBERS:
            return NUMBERS[low]
        if t.like_num and re.fullmatch(r"\d{1,4}", t.text):
            return int(t.text)
    return None


def reference(tok: Token, named: Iterable[int] = ()) -> GroupReference | None:
    """The group reference headed by ``tok``, if it speaks of a case's defendants as a whole.

    "all 45 defendants", "all the accused", "All were charged", "both", "each", "the group", "the
    defendants", "his 44 co-defendants", "the other six", "45 pro-democracy figures" (with "among")."""
    if in_quote(tok):
        return None
    low = tok.lower_
    kids = list(tok.children)
    whole = low in WHOLE_WORDS or any(c.lower_ in WHOLE_WORDS and c.dep_ in ("det", "predet", "amod", "nummod",
                                                                                "quantmod", "advmod")
                                        for c in kids)
    of = next((c for c in kids if c.lower_ == "of" and c.dep_ == "prep"), None) if low in WHOLE_WORDS else None
    if of is not None and any(p.dep_ == "pobj" and p.pos_ == "PRON" for p in of.children):
        return None  # "all of them": the people just named (``groups.members``), not the whole case
    whole = whole or of is not None
    definite = any(c.lower_ in ("the", "these", "those") and c.dep_ == "det" for c in kids)
    owner = next((c for c in kids if c.dep_ == "poss"), None)
    excluded: list[int] = []
    if owner is not None:
        idx = entity_of_np(owner)
        if idx is None:
            return None  # "their co-defendants": whose, the pronoun does not say here
        excluded.append(idx)
    other = any(c.lower_ in ("other", "remaining") for c in kids) or low in ("others", "rest")
    if low in ("all", "both", "each", "every") and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos"):
        size = 2 if low == "both" else _number(tok)
        return GroupReference(size, tuple(excluded), tuple(named), whole=True)
    if tok.tag_ not in ("NNS", "NNPS", "CD") and low not in ("accused", "group", "trio", "pair"):
        return None
    if low in ("group", "trio", "pair"):
        if not definite or owner is not None:
            return None
        return GroupReference(NUMBERS.get(low), (), tuple(named), whole=True)
    if low not in DEFENDANT_WORDS and low not in CO_WORDS and not (tok.tag_ == "CD" and (whole or definite)) \
            and not (tok.tag_ == "NNS" and tok.lemma_.lower() in ROLE_NOUNS):
        return None
    size = _number(tok)
    co = low in CO_WORDS or other
    counted = size is not None and size >= 3 and (low in DEFENDANT_WORDS or tok.lemma_.lower() in ROLE_NOUNS) \
        and not definite
    if not (whole or co or counted or (size is not None and named) or (definite and low in (
            "defendants", "accused", "co-accused", "co-defendants", "detainees"))
            or (definite and tok.tag_ == "CD" and size is not None and size >= 2)):  # "The five, who were …"
        return None  # ("with 45 activists convicted", "arrested 20 protesters": counted, and as many named or fewer)
    if co and owner is None and other:
        return None  # "the other six": who is left out is resolved by the caller, not here
    return GroupReference(size, tuple(excluded), tuple(named), whole=whole or co)


def members_named_in_text(doc: Doc) -> list[int]:
    """People the article names as members of a group: "Among them, X…", "one of them, X", "defendant X"."""
    cached = doc.user_data.get("casetrail_group_members")
    if cached is not None:
        return list(cached)
    out = _members_named(doc)
    doc.user_data["casetrail_group_members"] = tuple(out)
    return out


def _members_named(doc: Doc) -> list[int]:
    mindex = mention_index(doc)
    ents = doc._.casetrail_entities or []
    out: list[int] = []
    for tok in doc:
        if tok.lemma_.lower() == "include" and tok.pos_ in ("VERB", "AUX") and not in_quote(tok):
            out.extend(i for i in _included(tok) if i not in out)
            continue
        if tok.lower_ != "among" or in_quote(tok):
            continue
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if obj is None or obj.lower_ not in ("them", "those", "these"):
            continue
        verb = tok.head
        for t in verb.subtree if verb.i != tok.i else ():
            idx = mindex.get(t.i)
            if idx is not None and ents[idx].label == "PERSON" and t.dep_ in ("nsubj", "nsubjpass", "compound",
                                                                                "appos", "attr"):
                listed, _ = scan_list(doc, t.i)  # "Among them were the students A and B": all of the list
                out.extend(i for i in [idx, *listed] if i not in out)
                break
    return out


def _included(verb: Token) -> list[int]:
    """People a group is said to include: "The seven included A, B and C", "Those jailed include A and B"
    (a subject that is a number, a demonstrative or a plural of the case's people, not "a panel" or "it")."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if subj is None or obj is None:
        return []
    low = subj.lower_
    if not (subj.tag_ == "CD" or low in ("they", "those", "these") or low in DEFENDANT_WORDS or low in CO_WORDS):
        return []
    found, _ = scan_list(verb.doc, obj.left_edge.i)
    return found


def defendants(doc: Doc, subjects_by_type: dict[str, set[int]], ref: GroupReference) -> list[int]:
    """Every person the article makes a defendant of its case, in the order it first names them."""
    ents = doc._.casetrail_entities or []
    found: set[int] = set(ref.named)
    for etype in PROCEEDING_TYPES:
        found |= subjects_by_type.get(etype, set())
    for ent in ents:
        if ent.label == "PERSON" and any(any(w in r["role"].lower().split() for w in ROLE_WORDS) for r in ent.roles):
            found.add(ent.index)
    found |= set(members_named_in_text(doc))
    keep = [i for i in found if 0 <= i < len(ents) and ents[i].label == "PERSON" and i not in ref.excluded
            and not any(NOT_DEFENDANTS.search(r["role"]) for r in ents[i].roles)]
    first: dict[int, int] = {}
    for t, idx in sorted(mention_index(doc).items()):
        first.setdefault(idx, t)
    keep.sort(key=lambda i: first.get(i, 10**9))
    if ref.size is not None and (len(keep) > ref.size or (ref.size <= 3 and len(keep) != ref.size)):
        return []  # not the number the phrase counts ("both", "the three"): it is not these people
    return keep


def instantiate(doc: Doc, events: list[Event], deferred: list[tuple[Event, GroupReference]]) -> list[Event]:
    """Events told of a whole case ("jailed all 45 defendants"), one per defendant the article names."""
    if not deferred:
        return []
    by_type: dict[str, set[int]] = {}
    for ev in events:
        if ev.subject is not None and ev.subject >= 0:
            by_type.setdefault(ev.type, set()).add(ev.subject)
    ents = doc._.casetrail_entities
    out: list[Event] = []
    for template, ref in deferred:
        people = list(ref.named) + [i for i in defendants(doc, by_type, ref) if i not in ref.named]
        for idx in people:
            ev = template.happening_to(idx, ents[idx].name)
            if idx in by_type.get(template.type, ()):  # a term of one's own told too: "terms of five to nine
                ev.drop_terms()  # years for five journalists … X received nine years"
            out.append(ev)
    return out
