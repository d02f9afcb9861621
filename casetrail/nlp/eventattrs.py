"""Attributes of an event found around its trigger: date, duration, money, charges, places, beneficiary.

Each finder looks only inside the trigger's own clause (``clause_tokens``): the conjoined, adverbial
and complement clauses of a sentence belong to other events ("sentenced to 18 months and ordered to
pay a fine": the fine is not the sentence's). Values keep the text as written and, where a value type
exists (money, duration, date), its parsed form for comparison across articles.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import DEP, HEAD, POS
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from casetrail.nlp.grammar import doc_text, entity_of_np, in_quote, mention_index, np_text, sentence_of
from casetrail.nlp.lexicon import PREVENTING_VERBS
from casetrail.values.dates import MONTHS, TIME_WORDS, WEEKDAYS
from casetrail.values.durations import is_duration_phrase, parse_duration
from casetrail.values.money import find_money

SUBCLAUSE_DEPS = frozenset({"conj", "ccomp", "advcl", "relcl", "parataxis", "csubj"})
CHARGE_TYPES = frozenset({"CHARGE", "CONVICT", "SENTENCE", "ARREST", "DETAIN", "WARRANT", "FINE", "TRIAL",
                          "ACQUIT", "SUMMONS", "DEFAMATION_SUIT", "THREATEN"})
NOT_CHARGES = frozenset("""
questioning question year years month months week weeks day days time comment hours role part case cases
prison jail life refusal failure reason reasons lack other others people defendant defendants co-defendant
co-defendants accomplice accomplices colleague colleagues prosecution defence defense court state government
mastermind leader organiser organizer ringleader judge lawyer which that what who whom them him her it us me
""".split())
# "for as long as Putin remains alive", "for the rest of his life", "for the first time": how long or when
TIME_SPAN = re.compile(r"(?i)(as long as|as long|the rest of|the remainder of|the (first|second|third|last) time)\b")
# Words that point back to charges named elsewhere: "the same offences", "similar charges", "these counts".
CHARGE_REFERENCE = re.compile(r"(?i)^(?:the same|similar|these|those|such|other|related|identical)\b")
EVENT_NOUNS = frozenset("arrest detention release extradition warrant trial sentence conviction".split())
MOVE_TYPES = frozenset({"FLEE", "EXILE", "DEPORT", "ASYLUM_APPLY", "ASYLUM_GRANT"})
RELATIVE_DATE = re.compile(r"\b(after|before|later|earlier|following|prior)\b", re.I)


def clause_head(anchor: Token) -> Token:
    """The verb that heads the anchor's clause (the anchor itself for a verb trigger)."""
    cur = anchor
    for _ in range(10):
        if cur.pos_ in ("VERB", "AUX") or cur.head == cur:
            return cur
        cur = cur.head
    return cur


def clause_tokens(anchor: Token) -> list[Token]:
    """Tokens of the anchor's clause, sub-clauses fenced off (the anchor's own subtree is kept); cached
    per anchor, as every attribute of an event reads the same clause."""
    cache = anchor.doc.user_data.setdefault("casetrail_clause_tokens", {})
    found = cache.get(anchor.i)
    if found is None:
        found = cache[anchor.i] = _clause_tokens(anchor)
    return list(found)


def _clause_tokens(anchor: Token) -> list[Token]:
    """The anchor's clause: the tokens under its clause head, less the sub-clauses on the head that do not
    hold the anchor, less the tokens hanging from another verb below the head (unless under the anchor).
    Walked on the doc's head indexes (every event reads its clause; spaCy's subtrees cost far more)."""
    doc = anchor.doc
    head = clause_head(anchor)
    h, a = head.i, anchor.i
    heads, verbal, sub = _clause_arrays(doc)
    holding, cur = {a}, a  # the anchor and every token it hangs from
    while heads[cur] != cur:
        cur = heads[cur]
        holding.add(cur)
    keep: list[int] = []
    for i in range(head.left_edge.i, head.right_edge.i + 1):
        path = [i]  # the token and its ancestors up to the clause head
        while path[-1] != h and heads[path[-1]] != path[-1]:
            path.append(heads[path[-1]])
        if path[-1] != h:
            continue  # not under the clause head
        below = path[-2] if len(path) >= 2 else None  # the head's child this token hangs from
        if below is not None and sub[below] and below not in holding:
            continue  # a sub-clause on the head that does not hold the anchor
        if a in path or not any(verbal[j] for j in path[1:-1]):
            keep.append(i)
    return [doc[i] for i in keep]


OTHER_CLAUSE_DEPS = SUBCLAUSE_DEPS | {"xcomp", "pcomp", "acl"}
_VERB_POS = frozenset({VERB, AUX})


def _clause_arrays(doc: Doc) -> tuple[list[int], list[bool], list[bool]]:
    """Per token: its head's index, whether it is a verb opening another clause, and whether it opens a
    sub-clause (cached on the doc; every event's clause walks these)."""
    found = doc.user_data.get("casetrail_clause_arrays")
    if found is None:  # from spaCy's arrays: a Token per word only to read three numbers costs more
        strings = doc.vocab.strings
        other = {strings.add(d) for d in OTHER_CLAUSE_DEPS}
        sub = {strings.add(d) for d in SUBCLAUSE_DEPS}
        rows = doc.to_array([HEAD, POS, DEP]).astype("int64").tolist()  # HEAD: the offset to the head
        found = doc.user_data["casetrail_clause_arrays"] = (
            [i + r[0] for i, r in enumerate(rows)],
            [r[1] in _VERB_POS and r[2] in other for r in rows],
            [r[2] in sub for r in rows])
    return found


def _date_ents(doc: Doc, tokens: list[Token]) -> list[Span]:
    """Dates NER found among the tokens, and bare years it missed ("arrested in 2017"); a day and
    its year NER split ("July 29" + ", 2022") are one date."""
    idx = {t.i for t in tokens}
    dates = doc.user_data.get("casetrail_date_ents")
    if dates is None:  # doc.ents builds every span anew on each access: read it once per document
        dates = doc.user_data["casetrail_date_ents"] = [
            e for e in doc.ents if e.label_ == "DATE" and TIME_WORDS.search(e.text)] + [
            d for e in doc.ents if e.label_ == "TIME" for d in [_day_in_time(e)] if d is not None]
    lo, hi = (min(idx), max(idx)) if idx else (0, -1)
    ents = [e for e in dates if e.end > lo and e.start <= hi and any(t.i in idx for t in e)]
    covered = {i for e in ents for i in range(e.start, e.end)}
    for t in tokens:
        if t.i not in covered and re.fullmatch(r"(19|20)\d\d", t.text) and t.dep_ == "pobj" \
                and t.head.lower_ in ("in", "since", "until", "by", "from", "during"):
            ents.append(doc[t.i:t.i + 1])
        elif t.i not in covered and t.dep_ == "pobj" and t.head.lower_ in ("on", "of", "since", "until", "by", "from") \
                and (t.lower_ in WEEKDAYS or (t.pos_ == "PROPN" and t.lower_.rstrip(".") in MONTH_WORDS)):
            # a day NER left out: "in the early hours of Tuesday", "on the night of 12 April"
            lo_i = min([t.i, *(c.i for c in t.children if c.dep_ == "nummod")])
            hi_i = max([t.i, *(c.i for c in t.children if c.dep_ == "nummod" and re.fullmatch(r"(19|20)\d\d", c.text))])
            ents.append(doc[lo_i:hi_i + 1])
    out = []
    for e in sorted(ents, key=lambda e: e.start):
        if e.end + 1 < len(doc) and doc[e.end].text == "," and re.fullmatch(r"(19|20)\d\d", doc[e.end + 1].text) \
                and not re.search(r"(19|20)\d\d", e.text):
            e = doc[e.start:e.end + 2]
        out.append(e)
    return out


MONTH_WORDS = frozenset([*MONTHS, *(m[:3] for m in MONTHS), "sept"])  # whole words: "Novak" is no November


def _day_in_time(ent: Span) -> Span | None:
    """The day inside a time of day NER found: "the night of 3 May" -> "3 May", "late on Friday" -> "Friday"."""
    for i, t in enumerate(ent):
        low = t.lower_
        if low in WEEKDAYS or low == "yesterday" or re.fullmatch(r"(19|20)\d\d", t.text) or (
                low.rstrip(".") in MONTH_WORDS and t.pos_ == "PROPN") or (
                t.like_num and i + 1 < len(ent) and ent[i + 1].lower_.rstrip(".") in MONTH_WORDS):
            return ent[i:]
    return None


def _is_age(ent: Span) -> bool:
    return bool(re.search(r"\b(old|aged?)\b", ent.text, re.I)) or ent.text.endswith("-year")


MAX_DATE_HOPS = 3  # how many "when" clauses or conjoined verbs a date is looked for through


def _in_modifier(date: Span, anchor: Token) -> bool:
    """Whether a date lies in a phrase that describes someone rather than dates the event:
    "Abdel Fattah, a leading figure in the 2011 revolution," / "X, who was born in 1970,"."""
    cur = date.root
    if cur.dep_ in ("compound", "nummod", "amod", "poss") and cur.head.pos_ in ("NOUN", "PROPN") \
            and cur.head.i != anchor.i \
            and cur.head.ent_type_ not in ("DATE", "TIME") \
            and cur.head.lower_ not in ("morning", "afternoon", "evening", "night", "week", "weekend"):
        return True  # "the 2013 Gezi Park protests", "the 2011 revolution": the date names something else
    for _ in range(40):
        if cur.i == anchor.i or cur.head.i == cur.i:
            return False
        if cur.dep_ in ("appos", "relcl", "acl") and cur.head.i != anchor.i and anchor not in cur.subtree:
            return True
        if cur.dep_ == "pobj" and cur.head.lower_ in ("after", "following", "amid", "over") and cur.pos_ == "NOUN" \
                and anchor not in cur.head.subtree and date.root.i != cur.i:
            return True  # "their arrests came after an outcry over an attack last month"
        cur = cur.head
    return False


OWN_SUBCLAUSE_DEPS = frozenset({"pcomp", "acl", "relcl", "advcl", "ccomp"})


def _in_own_subclause(date: Span, anchor: Token) -> bool:
    """Whether a date below the trigger dates a clause of its own: "jailed for 10 years over organising a
    primary election in 2020", "charged after holding a poll in 2020" (the poll's year, not the event's)."""
    cur = date.root
    for _ in range(40):
        if cur.i == anchor.i or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i != anchor.i and cur.pos_ in ("VERB", "AUX") and cur.dep_ in OWN_SUBCLAUSE_DEPS \
                and anchor in cur.ancestors and not (cur.head.i == anchor.i and anchor.pos_ == "NOUN") \
                and any(c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") for c in cur.children):
            # (a clause on the event noun itself dates it: "a trial set for January"; a bare gerund with no
            # arguments of its own is part of the phrase: "failing to appear for questioning on September 14")
            return True
    return False


def find_date(anchor: Token, inherit_from: Token | None = None, _hops: int = 0) -> tuple[str | None, Span | None]:
    """The date written for the event ("on September 14", "two weeks after fleeing to Thailand").

    A date may be inherited from a "when" clause or a conjoined verb, through at most
    ``MAX_DATE_HOPS`` such steps (a clause whose "when" leads back to it ends the search)."""
    doc = anchor.doc
    tokens = clause_tokens(anchor)
    if anchor.pos_ == "NOUN" and anchor.dep_ == "pobj" and anchor.head.lower_ in ("after", "following", "before") \
            and anchor.head.head.pos_ in ("VERB", "AUX"):
        # "found guilty on February 23 after a lengthy trial": the clause's date is the verdict's; the trial
        # has only the dates of its own phrase ("after a 2023 trial")
        own = {t.i for t in anchor.head.subtree}  # (a date right after the noun is still its own, wherever the
        tokens = [t for t in tokens if t.i in own or t.i > anchor.i]  # parse hangs it: "after their arrests
        # at home on Friday")
        inherit_from = None
    ents = [e for e in _date_ents(doc, tokens) if not _is_age(e) and not in_quote(e[0]) and not _in_modifier(e, anchor)
            and not _in_own_subclause(e, anchor)]
    usable = []
    for e in ents:
        after = doc[e.end] if e.end < len(doc) else None
        relative = bool(RELATIVE_DATE.search(e.text)) or (after is not None and after.lower_ in (
            "after", "before", "later", "earlier", "ago"))
        measured_from = after.head if after is not None and after.dep_ == "mark" else after
        if after is not None and after.lower_ in ("after", "before") and measured_from is not None and \
                measured_from.left_edge.i <= anchor.i <= measured_from.right_edge.i:
            continue  # "two days after he was released, X was arrested again": the arrest's time, not the release's
        if is_duration_phrase(e.text) and not relative:
            continue  # "18 months" is a length, not a point in time
        if re.fullmatch(r"(?i)(decades?|years?|months?|weeks?|days?)", e.text.strip()):
            continue
        if re.fullmatch(r"\d{1,3}", e.text.strip()):
            continue  # "John Miller, 34,": an age, not a date
        if e.root.dep_ == "pobj" and e.root.head.lower_ in ("until", "till") and e.root.head.head.i != e.root.i:
            continue  # "remanded in custody until November 18": when it is to end, not when it happened
        usable.append(e)
    if not usable and anchor.pos_ in ("VERB", "AUX"):
        for c in anchor.children:  # "fled two weeks after he was released": a time measured from another event
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("after", "before") for m in c.children):
                dur = next((n for n in c.children if n.dep_ == "npadvmod" and n.i < c.i
                            and is_duration_phrase(doc[n.left_edge.i:n.i + 1].text)), None)
                if dur is not None:
                    return doc[dur.left_edge.i:c.right_edge.i + 1].text.strip(" ,."), None
    if not usable and _hops < MAX_DATE_HOPS and anchor.lemma_.lower() in PREVENTING_VERBS:
        # "barred from leaving the country since 2021": the time of the action kept from is the ban's
        kept = [pc for c in anchor.children if c.dep_ == "prep" and c.lower_ == "from" for pc in c.children
                if pc.dep_ == "pcomp"] + [c for c in anchor.children if c.dep_ == "xcomp"]
        for pc in kept:
            found = find_date(pc, _hops=_hops + 1)
            if found[0]:
                return found
    if not usable and _hops < MAX_DATE_HOPS:
        # "arrested when the army seized power in February 2021": a "when" clause shares the time
        head = clause_head(anchor)
        for c in head.children:
            if c.dep_ == "advcl" and c.i != anchor.i and any(
                    m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as", "while") for m in c.children):
                found = find_date(c, _hops=_hops + 1)
                if found[0]:
                    return found
    if not usable and _hops == 0:
        head = clause_head(anchor)
        if head.dep_ == "acl" and head.head.lemma_.lower() in DECISION_NOUNS:
            dated = decision_date(head.head)  # "the August 2, 2022, order of the court dismissing his bail plea"
            if dated:
                return dated, None
        relative = _relative_phrase(anchor)
        if relative is not None:
            return relative, None
    if not usable and inherit_from is not None and inherit_from != anchor and _hops < MAX_DATE_HOPS:
        return find_date(inherit_from, _hops=_hops + 1)
    if not usable and _hops < MAX_DATE_HOPS:
        head = clause_head(anchor)
        if head.dep_ == "advcl" and any(m.lower_ in ("when", "as", "while") for m in head.children) \
                and head.head.i != head.i:
            return find_date(head.head, _hops=_hops + 1)  # "visiting in January 2021 when police arrested her"
        if anchor.pos_ == "NOUN" and head.dep_ in ("xcomp", "ccomp") and head.head.pos_ in ("VERB", "AUX"):
            return find_date(head.head, _hops=_hops + 1)  # "on Tuesday refused to grant bail"
    if not usable:
        return None, None
    best = min(usable, key=lambda e: abs(e.start - anchor.i))
    if best.start >= 2 and doc[best.start - 1].lower_ == "in" and doc[best.start - 2].lower_ in (
            "late", "early", "mid", "later", "earlier"):
        best = doc[best.start - 2:best.end]  # "late in 2021": the part of the year is the date's precision
    text = best.text
    head_part = re.match(r"(?i)^(.+?)\s+to\s+(.+)$", text)
    if head_part and is_duration_phrase(head_part.group(2)):
        text = head_part.group(1)  # the tagger's "2021 to five years": the date, then the term
    nxt = doc[best.end] if best.end < len(doc) else None
    if nxt is not None and nxt.lower_ in ("later", "earlier", "ago") and is_duration_phrase(text):
        text = doc[best.start:best.end + 1].text  # "less than two weeks later": a point in time after all
    elif nxt is not None and nxt.lower_ in ("after", "before") and nxt.dep_ == "prep" and is_duration_phrase(text):
        # "two weeks after fleeing to Thailand" (not "on Tuesday after being convicted": Tuesday)
        sub = list(nxt.subtree)
        text = doc[best.start:sub[-1].i + 1].text
    return text.strip(" ,."), best


# Nouns of a decision whose words date and sign what a clause hung on them tells: "the August 2 order of
# the High Court dismissing his bail application", "Monday's ruling upholding the sentence".
DECISION_NOUNS = frozenset("order ruling decision judgment judgement verdict decree".split())
_MONTHS = "|".join(MONTHS + [m[:3] for m in MONTHS])
_DAY_WORDS = re.compile(rf"(?i)^(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?|"
                        rf"\d{{1,2}}\s+(?:{_MONTHS})(?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d|"
                        rf"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday)(?:'s|’s)?)$")


def decision_date(noun: Token) -> str | None:
    """The date written as a modifier of a decision noun: "the August 2, 2022, order", "Monday's ruling"."""
    doc = noun.doc
    for c in noun.children:
        if c.i < noun.i and c.dep_ in ("nmod", "compound", "poss", "npadvmod", "amod"):
            sub = [t for t in c.subtree if t.i < noun.i and t.dep_ != "det"]
            text = doc[sub[0].i:sub[-1].i + 1].text.strip(" ,") if sub else ""
            if _DAY_WORDS.match(text):
                return re.sub(r"(?:'s|’s)$", "", text)
    return None


def decision_author(noun: Token) -> Token | None:
    """Who made a decision: "the order of the High Court", "the court's ruling", "a decision by the judge"."""
    if noun.lemma_.lower() not in DECISION_NOUNS:
        return None
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "by"):
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("PROPN", "NOUN") and not DATE_LIKE_WORD.match(obj.text):
                return obj
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN") and not _DAY_WORDS.match(c.text):
            return c
    return None


DATE_LIKE_WORD = re.compile(rf"(?i)^(?:{_MONTHS}|(?:19|20)\d\d)$")


# Adverbs that date an event by the one told before it: "was immediately arrested", "was later released".
RELATIVE_ADVERBS = frozenset("immediately later soon shortly subsequently promptly instantly".split())
# Nouns of happenings that date what follows them: "following the decision", "after their arrests".
HAPPENING_NOUNS = frozenset("""
decision verdict ruling judgment judgement sentencing hearing trial arrest release conviction detention raid
acquittal hearing
""".split())


def _relative_phrase(anchor: Token) -> str | None:
    """A time given relative to another happening, in the trigger's own clause: "immediately", "later",
    "shortly after", "following the decision", "after their arrests", "at the time" (also at the head of the
    sentence that reports it: "Following their arrests, HRW said they were kept in detention")."""
    head = clause_head(anchor)
    holders = [anchor, head] if anchor.i != head.i else [head]
    if head.dep_ == "ccomp" and head.head.pos_ in ("VERB", "AUX"):
        holders.append(head.head)
    for holder in holders:
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ == "at" and c.i < holder.i and not in_quote(c):
                obj = next((o for o in c.children if o.dep_ == "pobj"), None)
                if obj is not None and obj.lower_ == "time" and any(d.lower_ in ("the", "that") for d in obj.children):
                    return anchor.doc[c.i:obj.i + 1].text  # "At the time, he was accused of…"
    for holder in holders:
        own = holder.i == anchor.i or (anchor.pos_ in ("VERB", "AUX") and holder.i == head.i)
        for c in holder.children:
            if c.dep_ == "advmod" and c.lower_ in RELATIVE_ADVERBS and not in_quote(c) and own:
                # (an adverb of the clause that reports a noun event is the report's time: "Later, Wong said
                # the timing of his arrest…")
                sub = list(c.subtree)
                return anchor.doc[sub[0].i:sub[-1].i + 1].text if len(sub) <= 6 else c.text
            if c.dep_ == "prep" and c.lower_ in ("after", "following", "upon") and not in_quote(c):
                obj = next((o for o in c.children if o.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() in HAPPENING_NOUNS:
                    sub = list(c.subtree)
                    if len(sub) <= 6:
                        return anchor.doc[sub[0].i:sub[-1].i + 1].text
    return None


def find_duration(anchor: Token) -> str | None:
    """A prison term or length given with the event ("to 18 months in prison", "a five-year sentence")."""
    doc = anchor.doc
    head = clause_head(anchor)
    if anchor.pos_ == "NOUN" and anchor.dep_ == "conj":
        own = _own_length(anchor)  # "to 12 years imprisonment and 3 years deprivation of rights": 3 years
        if own:
            return own
    for t in clause_tokens(anchor):
        if t.dep_ == "prep" and (t.lower_ in ("to", "for") or (t.lower_ == "of" and anchor.pos_ == "NOUN") or (
                t.lower_ == "by" and head.lemma_.lower() in ("extend", "increase", "lengthen"))) \
                and t.head.i in (anchor.i, head.i):  # ("a term of nine years", "extended by 19 years")
            sub = list(t.subtree)
            text = doc[sub[0].i:sub[-1].i + 1].text
            if re.search(r"\blife\b", text, re.I) and not re.search(r"\bold\b", text):
                return "life"
            if re.fullmatch(r"(?i)to\s+death", text.strip()):
                return "death"
            d = parse_duration(text)
            if d is not None and not re.search(r"\bold\b", text):
                return d.text
    return _own_length(anchor)


def _own_length(anchor: Token) -> str | None:
    """A length written as the noun's own modifier: "a five-year sentence", "3 years deprivation"."""
    doc = anchor.doc
    for c in anchor.children:
        if c.dep_ in ("compound", "amod", "nummod", "npadvmod"):
            sub = list(c.subtree)
            text = doc[sub[0].i:sub[-1].i + 1].text
            if c.lower_ == "life":
                return "life"
            d = parse_duration(text)
            if d is not None and not re.search(r"\bold\b", text):
                return d.text
    return None


def find_amount(anchor: Token) -> dict[str, Any] | None:
    """The money given with a fine or compensation order, as written and as a value."""
    doc = anchor.doc
    tokens = clause_tokens(anchor)
    if not tokens:
        return None
    lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    sent = sentence_of(anchor)
    found = [(s + sent.start_char, e + sent.start_char, m) for s, e, m in find_money(sent.text)]
    inside = [f for f in found if f[0] >= lo - 1 and f[1] <= hi + 2]
    if not inside:
        return None
    best = min(inside, key=lambda f: abs(f[0] - anchor.idx))
    return best[2].to_attribute(doc_text(doc)[best[0]:best[1]])


def _split_charges(text: str) -> list[str]:
    """Split a list of charges ("intent to commit a felony and public defamation") into charges.

    A list of verbs sharing one object ("making, storing and disseminating materials") is one charge.
    """
    text = re.sub(r"^[\s“”\"'‘’]+|[\s“”\"'‘’.,;:]+$", "", text)
    text = re.sub(r"^(?:the\s+)?(?:charges?|counts?|crimes?|offen[cs]es?)\s+of\s+", "", text, flags=re.I)
    parts = [p.strip(" “”\"'‘’.,") for p in re.split(r",\s*(?:and\s+)?|\s+and\s+(?!to\b)", text) if p.strip()]
    if any(len(p.split()) == 1 and p.lower().endswith("ing") for p in parts[:-1]):
        return [text.strip(" “”\"'‘’.,")]
    return [p for p in parts if len(p) > 2]


def find_charges(anchor: Token, event_type: str) -> list[str]:
    """Charges in their own wording: "for “intent to commit a felony…”", "with treason", "of X and Y"."""
    if event_type not in CHARGE_TYPES:
        return []
    doc = anchor.doc
    quote_spans = [q for q in (doc._.casetrail_quote_spans or []) if not q.nested]
    out: list[str] = []
    taken: set[int] = set()
    tokens = clause_tokens(anchor)
    guilty = [c for c in anchor.children if c.lower_ == "guilty" and c.dep_ == "ccomp"]  # "found both guilty of X"
    tokens += [t for g in guilty for t in g.subtree if t not in tokens]
    for t in tokens:
        is_prep = t.dep_ == "prep" or (t.dep_ == "conj" and t.pos_ == "ADP" and t.head.dep_ == "prep")
        if not is_prep or t.lower_ not in ("for", "of", "with", "on") or t.i in taken:
            continue
        if t.lower_ == "with" and event_type not in ("CHARGE", "ARREST"):
            continue  # "jailed all 45, with “mastermind” Tai receiving…": charged with, not jailed with
        taken.update(x.i for x in t.subtree)  # "treason for attempting to…": the reason is not a charge
        head = t.head if t.dep_ == "prep" else t.head.head
        named = next((c for c in t.children if c.dep_ == "pobj"), None)
        if head.ent_type_ in ("ORG", "FAC", "WORK_OF_ART", "LAW") and head.text[:1].isupper() and head.i != anchor.i \
                and named is not None and named.text[:1].isupper():
            continue  # "the Coordinating Council for the Transfer of Power": a name's words, not a charge
        legal_of = head.lemma_.lower() in ("guilty", "convict", "accuse", "charge", "conviction", "count", "suspicion")
        if t.lower_ == "of" and not legal_of and not (head.dep_ == "dobj" and head.head.i == anchor.i):
            continue  # "convicted Salehi of …" hangs "of" off the object
        objs = [c for c in t.children if c.dep_ in ("pobj", "pcomp")]
        if not objs:
            continue
        obj = objs[0]
        if obj.lemma_.lower() in NOT_CHARGES or obj.ent_type_ in ("DATE", "MONEY", "PERSON", "CARDINAL") \
                or mention_index(doc).get(obj.i) is not None:
            continue  # "sentences for Kavala and his co-defendants": people, not charges
        if t.lower_ == "on" and obj.lemma_.lower() not in ("charge", "count", "suspicion", "allegation", "accusation"):
            continue  # "a crackdown on prosecutors, judges": not what anyone is charged with
        if obj.lemma_.lower() in EVENT_NOUNS or any(c.dep_ == "poss" for c in obj.children):
            continue  # "a warrant for Sok's arrest": the arrest, not a charge
        if obj.lemma_.lower() in ("charge", "count", "suspicion", "allegation"):
            inner = next((p for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"), None)
            if inner is None:
                mods = [c for c in obj.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")]
                if mods:  # "on treason charges"
                    out.append(doc[mods[0].left_edge.i:mods[-1].i + 1].text)
                continue
            obj = next((c for c in inner.children if c.dep_ in ("pobj", "pcomp")), obj)
        quoted = next((q for q in quote_spans if q.start <= obj.idx < q.end + 1), None)
        if quoted is not None and quoted.open_mark >= t.idx + len(t.text) and \
                doc_text(doc)[t.idx + len(t.text):quoted.open_mark].strip() == "":
            tail = _tail_after_quote(doc, quoted, obj)
            out.extend(_split_charges(doc_text(doc)[quoted.start:quoted.end]))
            out.extend(tail)
            continue
        if obj.dep_ == "pcomp":
            sub = list(obj.subtree)
            out.extend(_split_charges(doc[sub[0].i:sub[-1].i + 1].text))
            continue
        heads = [obj, *[c for c in obj.children if c.dep_ == "conj"]]
        for h in heads:
            q = next((q for q in quote_spans if q.start <= h.idx < q.end), None)
            if q is not None:
                out.extend(_split_charges(doc_text(doc)[q.start:q.end]))
            else:
                out.append(_charge_np(h))
        out.extend(_listed_on(doc, max(h.right_edge.i for h in heads) + 1))
    seen: set[str] = set()
    clean = []
    for c in out:
        key = c.lower()
        if c and key not in seen and key not in NOT_CHARGES and not TIME_SPAN.match(c) \
                and not CHARGE_REFERENCE.match(c):
            seen.add(key)
            clean.append(c)
    return clean


def _listed_on(doc: Doc, i: int) -> list[str]:
    """Charges a list goes on with after the parser broke it off: "convicted of treason, undermining national
    integrity and spreading false news, among other charges" (gerund phrases after ", " or " and ")."""
    out: list[str] = []
    while i + 1 < len(doc) and doc[i].lower_ in (",", "and") and doc[i + 1].tag_ == "VBG":
        j = i + 1
        while j < len(doc) and not (doc[j].lower_ in (",", ";", ".", "among", "including") or (
                doc[j].lower_ == "and" and j + 1 < len(doc) and doc[j + 1].tag_ == "VBG")):
            j += 1
        if j - (i + 1) > 6:
            break
        out.append(doc[i + 1:j].text)
        i = j
        if i < len(doc) and doc[i].lower_ == "," and i + 1 < len(doc) and doc[i + 1].lower_ == "and":
            i += 1
    return out


def _tail_after_quote(doc: Doc, quoted: Any, obj: Token) -> list[str]:
    """Charges conjoined after a quoted one: "of “incitement…” and defamation of the ruling party"."""
    out = []
    for c in obj.subtree:
        if c.dep_ == "conj" and c.idx > quoted.end:
            out.append(_charge_np(c))
    for c in obj.children:
        if c.dep_ == "conj" and c.idx > quoted.end and _charge_np(c) not in out:
            out.append(_charge_np(c))
    return out


def _charge_np(tok: Token) -> str:
    """A charge's noun phrase without trailing conjuncts, reasons or relative clauses."""
    skip: set[int] = set()
    for c in tok.children:
        if c.dep_ in ("conj", "cc", "relcl", "acl", "punct", "appos") or (c.dep_ == "prep" and c.lower_ != "of"):
            skip.update(x.i for x in c.subtree)
    for t in tok.subtree:  # "of subverting state authority following closed-door trials": when, not what
        if t.i > tok.i and t.lower_ in TIME_PREPS and (t.dep_ in ("prep", "mark") or t.tag_ == "VBG"):
            skip.update(x.i for x in t.subtree)
    toks = [t for t in tok.subtree if t.i not in skip]
    if toks:
        toks = toks[:next((k for k in range(1, len(toks)) if toks[k].i != toks[k - 1].i + 1), len(toks))]
    text = tok.doc[toks[0].i:toks[-1].i + 1].text if toks else tok.text
    return text.strip(" “”\"'‘’.,")


TIME_PREPS = frozenset("following after before during since until amid".split())


def find_places(anchor: Token, event_type: str) -> dict[str, str]:
    """Destination and origin of a flight, exile or asylum; the place of other events."""
    out: dict[str, str] = {}
    for t in clause_tokens(anchor):
        if (t.dep_ == "prep" and t.head.i in (anchor.i, clause_head(anchor).i)) or (
                t.dep_ == "prep" and t.head.head.i == anchor.i):
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if obj is None or obj.ent_type_ not in ("GPE", "LOC", "FAC"):
                continue
            place = np_text(obj)
            if event_type in MOVE_TYPES and t.lower_ in ("to", "into", "for") and "destination" not in out:
                out["destination"] = place
            elif event_type in MOVE_TYPES and t.lower_ == "from" and "origin" not in out:
                out["origin"] = place
            elif event_type == "ASYLUM_GRANT" and t.lower_ == "in" and "destination" not in out:
                out["destination"] = place
            elif t.lower_ in ("in", "at") and "place" not in out:
                out["place"] = place
        if event_type == "FLEE" and t.dep_ == "dobj" and t.head.i == anchor.i and t.ent_type_ == "GPE":
            out.setdefault("origin", np_text(t))
    return out


def find_beneficiary(anchor: Token) -> tuple[str | None, int | None]:
    """Who is to be paid: "pay Hun Sen compensation", "compensation to Hun Sen"."""
    head = clause_head(anchor)
    candidates = [c for c in head.children if c.dep_ == "dative"]
    for t in [*anchor.children, *head.children]:
        if t.dep_ == "prep" and t.lower_ == "to":
            candidates.extend(c for c in t.children if c.dep_ == "pobj")
    if head.lemma_ == "pay":
        candidates.extend(c for c in head.children if c.dep_ == "dobj" and c != anchor and c.ent_type_ == "PERSON")
    for c in candidates:
        idx = entity_of_np(c, ("PERSON", "ORG"))
        if idx is not None:
            return anchor.doc._.casetrail_entities[idx].name, idx
    return None, None
