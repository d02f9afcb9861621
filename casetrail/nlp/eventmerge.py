"""One happening, one record; one verdict, one date.

``merge`` joins the reports of one happening in an article (same type and subject, compatible date and
attributes) into one event with every sentence as evidence. ``share_verdict_date`` gives the article's
verdict day to the verdict events the article tells without a date of their own: co-defendants the
court "also" sentenced, those sentenced "on the same charges", the defendants of a whole case, and the
sentence or conviction a later sentence dates ("Monday's verdict was a travesty"). Background —
someone's earlier sentence, a sentence told in a clause describing another person — keeps no date.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from casetrail.domain.schema import STATUS_RANK
from casetrail.nlp.grammar import in_quote
from casetrail.nlp.records import Event
from casetrail.values.dates import compatible, parse_date
from casetrail.values.durations import parse_duration

_MONTH_DAY = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
                        r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_WEEKDAY = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
_RELATIVE_DAY = re.compile(r"(?i)^(?:yesterday|today|tonight|this (?:morning|week|month)|last (?:week|month)|recently)")
# Types a court decides at one hearing: they share the verdict's day.
VERDICT_TYPES = frozenset({"SENTENCE", "CONVICT", "ACQUIT", "FINE", "COMPENSATION_ORDER", "BAIL"})
# Verbs by which a court gives its verdict (a verdict "reserved", "awaited" or "expected" is not given yet).
VERDICT_GIVING = frozenset("announce deliver give hand pronounce issue read return reach uphold confirm".split())
# Nouns that name a hearing's outcome; a day given to one ("Monday's verdict", "handed prison terms on
# Friday") dates the verdict.
VERDICT_NOUNS = frozenset("""
verdict ruling sentencing judgment judgement decision hearing sentence conviction term
""".split())
# Words that tie a clause to a verdict told before: "also sentenced", "on the same charges", "along with".
SHARING = re.compile(r"(?i)\b(also|as well|same|along with|together with|alongside|each|both)\b")
# Words that make a verdict an earlier one: "was first sentenced", "had previously been jailed".
EARLIER = frozenset("previously earlier first originally initially already once formerly".split())
# What a court decides at its hearing beside the verdict: "It was decided to arrest the accused".
DECIDED_TYPES = frozenset({"ARREST", "DETAIN", "HOUSE_ARREST", "RELEASE", "BAN", "WARRANT"})
CONTEXT = "_context"  # a private attribute: how an event's clause ties it to the verdict (dropped after use)
UPHELD = "_upheld"  # a private attribute: the event is a decision upheld on appeal (dated by the appeal)


def day_specificity(text: str) -> int | None:
    """How exactly a date as written names its day: 3 a month and day, 2 a weekday, 1 "yesterday"."""
    if _MONTH_DAY.search(text):
        return 3
    if _WEEKDAY.search(text):
        return 2
    return 1 if _RELATIVE_DAY.match(text.strip()) else None


def vaguer(have: str, other: str) -> bool:
    """Whether a date as written says less than another for the same happening: "yesterday" beside
    "on Thursday morning", "Monday" beside "August 15"."""
    h, o = day_specificity(have), day_specificity(other)
    return h is not None and o is not None and o > h


def same_happening(a: Event, b: Event) -> bool:
    """Whether two reports in one article are of one happening."""
    if a.attributes.get("again") or b.attributes.get("again") or (a.status == "denied") != (b.status == "denied"):
        return False  # a second arrest, or a refusal beside a grant
    if (a.status == "requested") != (b.status == "requested"):
        return False  # what the prosecution asked for is not what the court decided
    upheld = bool(a.attributes.get(UPHELD) or b.attributes.get(UPHELD))
    if (a.attributes.get(CONTEXT) == "earlier") != (b.attributes.get(CONTEXT) == "earlier") and a.type == b.type \
            and a.date_text and b.date_text and a.date_text.lower() != b.date_text.lower() and not upheld:
        return False  # "was first sentenced in 2014" is not "on Monday sentenced"
    if a.type != b.type or (a.subject, a.subject_text if a.subject is None else None) != (
            b.subject, b.subject_text if b.subject is None else None):
        return False
    if a.date_text and b.date_text and not upheld and not compatible(parse_date(a.date_text), parse_date(b.date_text)):
        return False  # (the appeal's date is not the sentence's: "upheld on 7 January 2013" the 2011 sentence)
    if a.date_text and b.date_text and (_this_week_and_dated(a.date_text, b.date_text)
                                        or _this_week_and_dated(b.date_text, a.date_text)):
        return False  # "walked free Thursday" is not "was released in December 2021"
    if a.date_text and b.date_text and a.date_text.lower() != b.date_text.lower() and (
            _sequenced(a.date_text) or _sequenced(b.date_text)):
        return False  # "was immediately arrested", "was later released": after another happening, not it
    if _other_courts(a.agent, b.agent):
        return False  # refused by "a Mathura court", then by "the Allahabad high court": two decisions
    da, db = a.attributes.get("duration"), b.attributes.get("duration")
    if da and db:
        pa, pb = parse_duration(da), parse_duration(db)
        if pa and pb and pa.days != pb.days:
            return False
    ma, mb = a.attributes.get("amount"), b.attributes.get("amount")
    if ma and mb and ma.get("currency") == mb.get("currency") and ma.get("amount") != mb.get("amount"):
        return False
    return True


_NAMED = re.compile(r"\b[A-Z][\w’'-]+")
_COURT = re.compile(r"(?i)\b(court|bench|tribunal|judge|magistrate)\b")
_GENERIC = frozenset("""
The A An Court High Supreme Judge Justice Police Criminal Municipal District Regional Appeals Appeal Federal State
National Special Emergency Security Military Constitutional Provincial City Bench Civil Revolutionary Magistrates
Magistrate Tribunal Peoples People's Intermediate Higher Lower First Second Third
""".split())


_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")


def _this_week_and_dated(a: str, b: str) -> bool:
    """A bare weekday ("Thursday", "yesterday") is of the article's week; a date written with its year
    ("December 2021") is, by newsroom style, of another year: two times, even when no publication date
    lets either be resolved."""
    bare_day = (bool(_WEEKDAY.search(a)) or bool(_RELATIVE_DAY.match(a.strip()))) and not _MONTH_DAY.search(a) \
        and not _YEAR.search(a)
    return bare_day and bool(_YEAR.search(b)) and not _WEEKDAY.search(b)


def _other_courts(a: str | None, b: str | None) -> bool:
    """Whether two agents are named authorities with no name in common ("a Mathura court" / "the Lucknow
    bench of Allahabad high court"); a generic "the court" agrees with any."""
    if not a or not b or not (_COURT.search(a) and _COURT.search(b)):
        return False
    na = {w for w in _NAMED.findall(a) if w not in _GENERIC}
    nb = {w for w in _NAMED.findall(b) if w not in _GENERIC}
    return bool(na) and bool(nb) and not na & nb


_SEQUENCED = re.compile(r"(?i)^(immediately|later|soon|shortly|subsequently|promptly|instantly)\b")


def _sequenced(date_text: str) -> bool:
    return bool(_SEQUENCED.match(date_text.strip()))


def merge(events: list[Event]) -> list[Event]:
    """One event per happening: same type and subject, compatible date and attributes."""
    merged: list[Event] = []
    for ev in events:
        target = next((m for m in merged if same_happening(m, ev)), None)
        if target is None:
            merged.append(ev)
            continue
        target.evidence.extend(e for e in ev.evidence if all(e.start != x.start for x in target.evidence))
        if STATUS_RANK.get(ev.status, 0) > STATUS_RANK.get(target.status, 0):
            target.status, target.claimed_by = ev.status, ev.claimed_by
        if not target.date_text or (ev.date_text and vaguer(target.date_text, ev.date_text)):
            target.date_text = ev.date_text  # "on Thursday morning" over "yesterday", "August 15" over "Monday"
        target.agent = target.agent or ev.agent
        target.agent_entity = target.agent_entity if target.agent_entity is not None else ev.agent_entity
        for k, v in ev.attributes.items():
            if k == "charges":
                have = target.attributes.setdefault("charges", [])
                have.extend(c for c in v if c.lower() not in {h.lower() for h in have})
            elif k == CONTEXT:
                target.attributes[k] = _stronger(target.attributes.get(k), v)
            else:
                target.attributes.setdefault(k, v)
        target.in_quote = target.in_quote and ev.in_quote
    return merged


def _stronger(a: str | None, b: str | None) -> str | None:
    """Of two reports' ties to the verdict, the one that decides: earlier > shared > main."""
    order = {"earlier": 3, "background": 3, "shared": 2, "main": 1, None: 0}
    return a if order.get(a, 0) >= order.get(b, 0) else b


def clause_context(anchor: Token) -> str:
    """How a trigger's clause ties its event to the article's verdict: "earlier" (first, previously, a past
    perfect), "background" (a clause describing someone else: "X, who was jailed in…"), "shared" ("also",
    "the same charges", "along with") or "main"."""
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else anchor.head
    words = {c.lower_ for c in verb.children} | {c.lower_ for c in anchor.children}
    if words & EARLIER or any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
        return "earlier"
    cur = anchor
    for _ in range(8):
        if cur.dep_ in ("relcl", "acl", "appos") and cur.head.pos_ == "PROPN":
            return "background"
        if cur.head.i == cur.i or cur.dep_ in ("ROOT", "ccomp"):
            break
        cur = cur.head
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in ("decide", "order", "rule"):
        return "decided"  # "it was decided to arrest the accused", "the court ordered her detained"
    clause = list(verb.subtree)
    cur = verb
    while cur.dep_ in ("ccomp", "conj", "xcomp") and cur.head.i != cur.i and cur.head.pos_ in ("VERB", "AUX"):
        cur = cur.head  # "it was also announced that he would be fined and stripped of his citizenship"
        clause += [c for c in cur.children if c.dep_ in ("advmod", "prep", "npadvmod")]
    if SHARING.search(" ".join(t.text for t in clause)):
        return "shared"
    return "main"


def _verdict_day(doc: Doc, events: list[Event]) -> str | None:
    """The day the article's verdict was given: the first day-dated verdict event of the main proceeding,
    or a day a sentence gives a verdict noun ("Monday's verdict", "the ruling on Tuesday")."""
    for ev in sorted(events, key=lambda e: e.evidence[0].start if e.evidence else 0):
        if ev.type in VERDICT_TYPES and ev.date_text and day_specificity(ev.date_text) is not None \
                and ev.attributes.get(CONTEXT) in ("main", "shared") and _decided(ev):
            return ev.date_text
    from casetrail.nlp.eventattrs import find_date

    for tok in doc:
        if tok.lemma_.lower() not in VERDICT_NOUNS or tok.pos_ != "NOUN" or in_quote(tok):
            continue
        for c in tok.children:
            if c.dep_ == "poss" and c.ent_type_ == "DATE" and day_specificity(c.text) is not None:
                return c.text  # "Monday's verdict"
        future = any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "’ll", "would")
                     for c in tok.head.children)
        if tok.dep_ in ("dobj", "nsubjpass", "nsubj") and tok.head.lemma_.lower() in VERDICT_GIVING and not future:
            found, _ = find_date(tok.head)
            if found and day_specificity(found) is not None:
                return found  # "It announced its verdict on Wednesday" (not "reserved its verdict on Tuesday")
        for c in tok.children:  # "the sentencing, which was handed down on Friday"
            if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in VERDICT_GIVING:
                found, _ = find_date(c)
                if found and day_specificity(found) is not None:
                    return found
    return _court_verb_day(doc)


# Verbs by which a court passes a verdict on someone the sentence need not name ("a journalist").
VERDICT_VERBS = frozenset("sentence jail imprison convict".split())
COURT_WORDS = frozenset("court judge tribunal bench magistrate".split())


def _court_verb_day(doc: Doc) -> str | None:
    """The day of a court's verdict told of someone not yet named: "An Ethiopian court on Friday jailed a
    journalist for 18 years" (a headline-like retelling of the lede), from a main clause only."""
    from casetrail.nlp.eventattrs import find_date
    from casetrail.nlp.grammar import subject_token

    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in VERDICT_VERBS or in_quote(tok):
            continue
        subj = subject_token(tok)
        if subj is None or subj.lemma_.lower() not in COURT_WORDS or clause_context(tok) != "main":
            continue
        if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "may", "might") for c in tok.children):
            continue
        found, _ = find_date(tok)
        if found and day_specificity(found) is not None:
            return found
    return None


def share_verdict_date(doc: Doc, events: list[Event]) -> None:
    """Date the verdict events told without a day by the article's verdict day (see module docstring).

    Run before ``merge``, so that a report dated this way is not taken for an earlier happening."""
    day = _verdict_day(doc, events)
    if day is None:
        return
    for ev in events:
        context = ev.attributes.get(CONTEXT)
        if ev.date_text or not _decided(ev):
            continue
        if (ev.type in VERDICT_TYPES and context in ("shared", "main", "decided")) or (
                ev.type == "BAN" and context == "shared") \
                or (context == "decided" and ev.type in DECIDED_TYPES):
            ev.date_text = day  # (a ban "also" announced at the hearing; "it was decided to arrest the accused")


def _decided(ev: Event) -> bool:
    """A verdict as the article states it: a sentence or conviction asserted, a bail granted or refused."""
    return ev.status == "asserted" or (ev.type == "BAIL" and ev.status == "denied")


def drop_context(events: list[Event]) -> None:
    """Remove the private context attribute once dates are shared and reports merged."""
    for ev in events:
        ev.attributes.pop(CONTEXT, None)
        ev.attributes.pop(UPHELD, None)
