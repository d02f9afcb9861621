"""Many people, one event: lists, conjunctions and group nouns resolved to the people they name.

News writes one sentence for many people: "The court also sentenced A, B, C and D to 18 years",
"denied bail to Khalid and eight others - A, B, …", "the seven other defendants — A, B … — were each
sentenced", then refers back to them: "The three have been detained since 2019", "They denied the
charges", "It was decided to arrest the accused". ``members`` turns the token an extractor found as
the subject into every person it stands for; the parser's conjunction tree is used where it is whole,
and a surface scan over names and list separators where the parser broke the list.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from casetrail.nlp.grammar import doc_extension, entity_of_np, in_quote, mention_index
from casetrail.nlp.lexicon import PERSON_NOUNS, ROLE_NOUNS
from casetrail.values.durations import parse_duration

SEPARATORS = frozenset({",", "and", "&", "—", "–", "-", "‐", ";", "as", "well", "also", "both", "each", "plus"})
# Nouns that stand for several people already named: "eight others", "the accused", "co-defendants".
GROUP_NOUNS = frozenset("""
others other accused defendants co-defendants codefendants men women people activists bloggers journalists
detainees prisoners suspects members leaders students lawyers critics colleagues individuals figures two three
four five six seven eight nine ten eleven twelve both all pair trio
""".split())
NUMBERS = {"two": 2, "both": 2, "pair": 2, "three": 3, "trio": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})


def _person(doc: Doc, i: int) -> int | None:
    idx = mention_index(doc).get(i)
    ents = doc_extension(doc, "casetrail_entities") or []
    return idx if idx is not None and ents[idx].label == "PERSON" else None


def scan_list(doc: Doc, start: int, limit: int = 80) -> tuple[list[int], int]:
    """People named in the list that begins at token ``start`` and the token after it: names joined
    only by separators, numbers, group and role nouns ("Khalid and eight others - A, B and C",
    "blogger A and lawyer B"); the scan stops at anything else."""
    out: list[int] = []
    j = start
    end = min(len(doc), start + limit)
    while j < end:
        tok = doc[j]
        idx = _person(doc, j)
        if idx is not None:
            k = j
            while k < len(doc) and _person(doc, k) == idx:
                k += 1
            if k < len(doc) and doc[k].lower_ in ("'s", "’s", "'", "’"):
                break  # "Sokha's lawyer": the person named is not the one meant
            if idx not in out:
                out.append(idx)
            j = k
            continue
        low = tok.lower_
        if tok.text == "(" and out:
            close = next((k for k in range(j + 1, min(end, j + 10)) if doc[k].text == ")"), None)
            if close is not None:
                j = close + 1  # "A (13 years), B (9 years) and C": each member's own detail
                continue
        if tok.text == "," and out and _person(doc, j - 1) is not None:
            close = _described_member_end(doc, j, end)
            if close is not None:
                j = close  # "A, a 22-year-old student who spoke at rallies, B, a lecturer, and C"
                continue
        if tok.pos_ in ("ADJ", "NOUN") and tok.text.islower() and out:
            k = j
            while k < end and doc[k].pos_ in ("ADJ", "NOUN") and doc[k].text.islower() and k - j < 4:
                k += 1
            if k < end and _person(doc, k) is not None:
                j = k  # "…, political scientist B": a member's description right before the name
                continue
        if tok.is_space or low in SEPARATORS or low in GROUP_NOUNS or tok.like_num or (
                low in ROLE_NOUNS and tok.pos_ == "NOUN") or (
                low in ("the", "his", "her", "their", "fellow", "former", "rights", "human") and j > start):
            j += 1
            continue
        break
    while j > start and _person(doc, j - 1) is None:
        j -= 1
    return out, j


def _tokens_of(doc: Doc) -> dict[int, set[int]]:
    """Entity -> the token indexes of its mentions (built once per mention index)."""
    index = mention_index(doc)
    cached = doc.user_data.get("casetrail_entity_tokens")
    if cached is None or cached[0] is not index:
        by: dict[int, set[int]] = {}
        for i, e in index.items():
            by.setdefault(e, set()).add(i)
        cached = doc.user_data["casetrail_entity_tokens"] = (index, by)
    return cached[1]


DESCRIPTION_STARTS = frozenset("a an the his her their its one".split())


def _described_member_end(doc: Doc, comma: int, end: int) -> int | None:
    """The comma or semicolon that closes a member's description in a list ("A, a medical student who has
    spoken at rallies, B, …", "A, 54, president of the board; B, 41, …"), when a name or "and" and a name
    comes right after it; else None."""
    start = comma + 1
    if start >= end or not (doc[start].lower_ in DESCRIPTION_STARTS or doc[start].like_num or (
            doc[start].text.islower() and doc[start].pos_ in ("ADJ", "NOUN"))):
        return None
    owner = _person(doc, comma - 1)
    named = _tokens_of(doc).get(owner, set())
    for k in range(start, min(end, start + 20)):  # (an age and a role may follow each other: ", 41, its treasurer;")
        if _person(doc, k) is not None or doc[k].text in (".", "(", "“", "\"") or "\n" in doc[k].text:
            return None
        if doc[k].text in (",", ";") and k > start:
            after = k + 1
            if after < len(doc) and doc[after].lower_ == "and":
                after += 1
            nxt = _person(doc, after) if after < len(doc) else None
            if nxt is not None:
                # a description of the name before it: its words hang on the name or on each other ("…, a
                # critic, to eight years in jail, X said" goes on with the verb's phrase: no list)
                inside = set(range(start, k))
                ok = all(t.head.i in inside or t.head.i in named or t.dep_ == "punct" for t in doc[start:k])
                heads = [t for i in _tokens_of(doc).get(nxt, ()) if after <= i < after + 6
                         for t in [doc[i]] if t.head.i == t.i or mention_index(doc).get(t.head.i) != nxt]
                subject = any(t.dep_ in ("nsubj", "nsubjpass") for t in heads)  # "…, X said": no member
                return k if ok and not subject else None
    return None


def _conjoined(tok: Token) -> list[Token]:
    """The phrase's head and the heads conjoined with it, also through an apposition ("his lawyer,
    A, and fellow activist B": the parser hangs B on A)."""
    out = [tok, *[c for c in tok.conjuncts if c.i > tok.i]]
    for c in tok.children:
        if c.dep_ == "appos":
            if tok.tag_ in ("NNS", "NNPS"):
                out.append(c)  # "two former deputies, A and B": the plural names its members
            out.extend(x for x in c.conjuncts if x.i > c.i)
    return out


LISTING_DEPS = frozenset({"pobj", "conj", "appos", "compound", "nmod", "cc", "punct", "amod", "det", "nummod"})


def _listed_under(tok: Token, including: Token) -> bool:
    """Whether ``tok`` is one of the people an "including" phrase lists, not someone named inside a member's
    description ("including three candidates who planned to run against President X")."""
    cur = tok
    while cur.i != including.i:
        if cur.dep_ not in LISTING_DEPS or cur.head.i == cur.i:
            return False
        cur = cur.head
    return True


_PEOPLE_LEMMAS = ROLE_NOUNS | PERSON_NOUNS


def _people_noun(tok: Token) -> bool:
    """A plural noun for people ("activists", "protesters") or a group noun ("the group")."""
    return (tok.tag_ == "NNS" and tok.lemma_.lower() in _PEOPLE_LEMMAS) or tok.lower_ in GROUP_NOUNS


def _trailing_including(tok: Token) -> Token | None:
    """An "including …" list later in the sentence that the parser hung on a word of a phrase after the group
    ("arrested 13 activists for exercising their right to assembly, including A, B and C"): the group's,
    when no other noun for people comes between them."""
    for t in tok.doc[tok.right_edge.i + 1:tok.sent.end]:
        if t.lower_ == "including" and t.dep_ == "prep":
            return t
        if _people_noun(t) or t.ent_type_ in ("PERSON", "ORG") or t.text in (";", ":") or (
                t.lower_ in PLURAL_PRONOUNS and t.dep_ != "poss"):  # ("their right" owns no list)
            return None
    return None


def _group_size(tok: Token) -> int | None:
    """The number a group noun phrase gives: "the three", "seven co-defendants", "both men"."""
    for t in [tok, *tok.children]:
        low = t.lower_
        if low in NUMBERS:
            return NUMBERS[low]
        if t.like_num and re.fullmatch(r"\d+", t.text):
            return int(t.text)
    return None


def is_group_reference(tok: Token) -> bool:
    """True for "they", "the three", "the accused", "co-defendants": a back reference to a group."""
    if in_quote(tok):
        return False
    if tok.lower_ in PLURAL_PRONOUNS:
        sent = tok.sent
        # "former officials who defected had their charges dropped": the plural noun is the antecedent
        return not any(t.tag_ == "NNS" and t.lower_ not in GROUP_NOUNS and t.dep_ in ("nsubj", "nsubjpass", "dobj")
                       for t in sent if t.i < tok.i)
    if tok.lower_ in GROUP_NOUNS and tok.lower_ not in ("other", "all"):
        det = any(c.lower_ in ("the", "these", "those", "both", "all") for c in tok.children) or (tok.i > 0 and \
            tok.doc[tok.i - 1].lower_ in ("the", "these", "those"))
        return det or tok.lower_ in ("both",)
    return False


def groups_before(doc: Doc, before: int) -> list[list[int]]:
    """Lists of two or more people named before token ``before``, latest first (cached scan)."""
    return [m for i, m in reversed(_groups(doc)) if i < before]


def _groups_before_at(doc: Doc, before: int) -> list[tuple[int, list[int]]]:
    """(first token, people) of the lists named before token ``before``, latest first."""
    return [(i, m) for i, m in reversed(_groups(doc)) if i < before]


def _previous_sentence_start(doc: Doc, tok: Token) -> int:
    """First token of the sentence before ``tok``'s (or of its own, at the document's start)."""
    start = tok.sent.start
    return doc[start - 1].sent.start if start > 0 else start


def groups_after(doc: Doc, after: int, within: int = 120) -> list[list[int]]:
    """Lists of two or more people named in the ``within`` tokens after ``after``, nearest first."""
    return [m for i, m in _groups(doc) if after < i <= after + within]


def _groups(doc: Doc) -> list[tuple[int, list[int]]]:
    """Every list of two or more people in the narrative, in text order (cached)."""
    cache = doc.user_data.get("casetrail_groups")
    if cache is None:
        cache = []
        seen_end = -1
        for i in sorted(mention_index(doc)):
            if i < seen_end or _person(doc, i) is None or in_quote(doc[i]):
                continue
            found, seen_end = scan_list(doc, i)
            if len(found) >= 2:
                cache.append((i, found))
        doc.user_data["casetrail_groups"] = cache
    return cache


def _the_others(tok: Token, size: int) -> list[int]:
    """ "The other two women": of a list just written with the article's main person in it ("Along with A and
    B, C came to attention"), everyone but that person (the one the article names most)."""
    doc = tok.doc
    counts: dict[int, int] = {}
    for e in mention_index(doc).values():
        counts[e] = counts.get(e, 0) + 1
    for at, group in _groups_before_at(doc, tok.left_edge.i):
        if at < _previous_sentence_start(doc, tok):
            break
        if len(group) == size + 1:
            main = max(group, key=lambda e: counts.get(e, 0))
            return [e for e in group if e != main]
        if len(group) == size:
            return list(group)
    return []


def members(tok: Token, labels: tuple[str, ...] = ("PERSON",),
            recent: Callable[[int | None], list[int]] | None = None) -> list[int]:
    """Every entity the noun phrase headed by ``tok`` stands for (one or many, see module docstring).

    ``recent(size)`` gives the people the article has just been telling about (for "they" and "the
    three" when no list of that size was written out)."""
    doc = tok.doc
    out: list[int] = []

    def add(idx: int | None) -> None:
        if idx is not None and idx not in out:
            out.append(idx)

    def in_reading_order(found: list[int]) -> list[int]:
        """The people in the order the sentence names them."""
        first: dict[int, int] = {}
        for i, e in sorted(mention_index(doc).items()):
            if e in found and tok.sent.start <= i < tok.sent.end:
                first.setdefault(e, i)
        return sorted(found, key=lambda e: first.get(e, 10**9))

    if tok.lower_ in ("all", "both", "each"):
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if whole is not None:
            return members(whole, labels, recent)  # "all of them", "both of the journalists": the group itself
    if tok.lower_ in PLURAL_PRONOUNS and is_group_reference(tok):
        listed = _back_reference(tok, recent)
        lead = entity_of_np(tok, labels)
        if len(listed) >= 2 and (lead is None or lead in listed):
            return listed  # "A and B were arrested … them": both (the coreference keeps the one who leads;
            # "she and two fellow activists … they": she, when the group the pronoun found is not hers)
    head = tok
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "A and B, who faced the same charges": the relative clause hangs on B
    for t in _conjoined(head):
        add(entity_of_np(t, labels))
    if head.dep_ == "dobj" and head.head.pos_ == "VERB":
        for c in head.head.children:  # "arrested journalist A and party leader B": the parser hangs the second
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and c.i > head.i and not any(
                    p.dep_ == "prep" and p.lower_ in ("to", "for") and p.i > c.i and p.i - c.right_edge.i <= 1
                    and parse_duration(" ".join(x.text for x in p.subtree)) is not None
                    for p in head.head.children):  # object on the verb ("and B to 14 years" is ``gapped``)
                add(entity_of_np(c, labels) or next((entity_of_np(a, labels) for a in c.children
                                                     if a.dep_ == "appos"), None))
    if "PERSON" not in labels:
        return out
    # the surface list, from the first name or group noun of the phrase
    first = tok.left_edge.i
    for k in range(first, min(len(doc), tok.i + 2)):
        if _person(doc, k) is not None or doc[k].lower_ in GROUP_NOUNS:
            for idx in scan_list(doc, k)[0]:
                add(idx)
            break
    if tok.tag_ == "NNS" or tok.lower_ in GROUP_NOUNS:
        # "roughly 60 opposition members, including renowned attorney Theary Seng"
        # ("all defendants in the case, including A": the parser may hang it on the last noun of the phrase)
        including = next((c for holder in (tok, tok.head) for c in holder.children if c.lower_ == "including"),
                         None) or next((c for c in tok.subtree if c.lower_ == "including" and c.dep_ == "prep"), None)
        if including is None:
            including = _trailing_including(tok)
        if including is not None:
            for t in including.subtree:
                if _listed_under(t, including):
                    add(_person(doc, t.i))
    if not out and (tok.tag_ == "NNS" or tok.lower_ in GROUP_NOUNS | {"those"}) and tok.dep_ == "pobj" \
            and tok.head.lower_ == "among" and tok.head.head.lemma_ == "be":
        # "Seng was among the 60 opposition figures convicted", "Among those sentenced were A and B"
        named = next((c for c in tok.head.head.children if c.dep_ in ("nsubj", "nsubjpass", "attr")
                      and c.i != tok.head.i), None)
        if named is not None:
            return members(named, labels, recent)
    if not out and (tok.tag_ in ("NNS", "NNPS") or tok.lower_ in ("those", "these")) and tok.dep_ in (
            "nsubj", "nsubjpass", "ROOT") and tok.right_edge.i + 1 < len(doc) \
            and doc[tok.right_edge.i + 1].lemma_ == "be":
        # "The three candidates sentenced are A (13 years), B and C", "Those arrested were A and B"
        listed = scan_list(doc, tok.right_edge.i + 2)[0]
        if listed:
            return listed
    if len(out) > 1:
        return in_reading_order(out)
    size = _group_size(tok)
    if not out and size is not None and tok.tag_ == "NNS" and tok.lemma_.lower() in ROLE_NOUNS and not any(
            c.lower_ in ("the", "these", "those") for c in tok.children):
        # "two independent bloggers arrested last week" … "Abdullo Ghurbati and Daleri Imomali, who…"
        ahead = next((g for g in groups_after(doc, tok.i) if len(g) == size), None)
        if ahead is not None:
            return list(ahead)
    if not out and is_group_reference(tok):
        return _back_reference(tok, recent)
    return out


def _back_reference(tok: Token, recent: Callable[[int | None], list[int]] | None) -> list[int]:
    """The people "they", "the three", "the accused" stand for: the list of that size just written, else
    the people the article has just told about."""
    doc = tok.doc
    size = _group_size(tok)
    if size is not None and any(c.lower_ == "other" for c in tok.children):
        return _the_others(tok, size)
    fallback = recent(size) if recent is not None else []
    if size is not None and len(fallback) == size:
        return fallback
    for at, group in _groups_before_at(doc, tok.left_edge.i):
        if size is None or len(group) == size:
            near = at >= _previous_sentence_start(doc, tok)
            # a list just written ("The court sentenced A and B. … arrest the accused") is the group
            return list(group) if size is not None or near or len(group) >= len(fallback) else fallback
    return fallback if len(fallback) >= 2 else []


def gapped(anchor: Token, taken: set[int | None]) -> list[tuple[int, str | None]]:
    """People a verb's second, gapped clause names: "sentenced A to 14 years and B to 12 years" (the
    parser hangs B on the first term), each with the term that follows them."""
    if anchor.pos_ != "VERB" or anchor.lemma_.lower() not in ("sentence", "jail", "fine", "imprison"):
        return []
    doc = anchor.doc
    mindex = mention_index(doc)
    ents = doc._.casetrail_entities or []
    out: list[tuple[int, str | None]] = []
    for t in anchor.subtree:
        idx = mindex.get(t.i)
        if idx is None or idx in taken or ents[idx].label != "PERSON" or mindex.get(t.head.i) is not None:
            continue
        if t.head.dep_ == "conj" and t.head.head.i == anchor.i and t.head.pos_ != "PROPN" \
                and t.dep_ in ("dobj", "nsubj", "pobj"):
            # "…, and secessionist Joshua Wong to 56 months": the parser makes a verb of the second clause's noun
            term = next((p for p in t.head.children if p.dep_ == "prep" and p.lower_ in ("to", "for")), None)
            found = parse_duration(" ".join(x.text for x in term.subtree)) if term is not None else None
            if term is not None:
                out.append((idx, found.text if found else None))
                taken.add(idx)
                continue
        term = next((p for p in anchor.children if p.dep_ == "prep" and p.lower_ in ("to", "for") and p.i > t.i),
                    None) if t.dep_ == "conj" and t.head.i == anchor.i else None
        if term is not None:
            # "sentenced A to 12 years …, and B to 14 years": the parser hangs B on the verb itself
            found = parse_duration(" ".join(x.text for x in term.subtree))
            out.append((idx, found.text if found else None))
            taken.add(idx)
            continue
        term_head = t.head.dep_ == "conj" and t.head.lower_ in ("years", "months", "year", "month") \
            and t.dep_ in ("nmod", "compound", "nsubj")  # "… and Ben Chung six years and one month"
        if not term_head and (t.dep_ != "conj" or t.head.pos_ not in ("NOUN", "NUM")):
            continue
        if term_head:
            sub = list(t.head.subtree)
            found = parse_duration(doc[t.i + 1:sub[-1].i + 1].text)
            out.append((idx, found.text if found else None))
            taken.add(idx)
            continue
        term = next((p for p in anchor.children if p.dep_ == "prep" and p.lower_ in ("to", "for")
                     and p.i > t.i), None)
        duration = None
        if term is not None:
            sub = list(term.subtree)
            found = parse_duration(doc[sub[0].i:sub[-1].i + 1].text)
            duration = found.text if found else None
        out.append((idx, duration))
        taken.add(idx)
    return out


ALONG = re.compile(r"(?i)^(along|together|alongside|as well as)$")


def along_with(anchor: Token, taken: set[int | None]) -> list[int]:
    """People an event's clause adds to its subject: "was pardoned on Wednesday along with X", "arrested
    together with Y", "sentenced alongside Z" (a person after "along with" in the trigger's own phrases)."""
    doc = anchor.doc
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else anchor.head
    out: list[int] = []
    for c in verb.children:
        if not (c.dep_ in ("advmod", "prep") and ALONG.match(c.lower_)):
            continue
        for t in c.subtree:
            idx = _person(doc, t.i)
            if idx is not None and idx not in taken and idx not in out:
                out.append(idx)
    return out
