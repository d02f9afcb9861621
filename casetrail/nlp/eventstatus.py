"""How sure the article is that an event happened: asserted, claimed, denied, scheduled, hypothetical, requested.

Rules, in order: negated in narrative → not an event (negated in someone's words → denied by them);
inside a quotation → claimed by the speaker; under "if"/"unless" or a modal (would, could, may) →
hypothetical; "will", "set for", "awaits" → scheduled; the object of "seek"/"demand" → requested;
in the complement of a reporting verb → claimed after "claim"/"allege", denied after "deny"/"reject",
asserted after "say" except for abuse (threats, assault, surveillance) that the person reports without a
named perpetrator, which stays claimed. ``irrealis_head`` finds intentions and fears ("try to jail",
"avoid being extradited") that are not events at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from casetrail.domain.schema import Ontology
from casetrail.nlp.grammar import entity_of_np, in_quote, subject_token
from casetrail.nlp.lexicon import (
    CLAIM_VERBS,
    DENIAL_VERBS,
    IRREALIS_VERBS,
    MODAL_FUTURE,
    MODAL_HYPOTHETICAL,
    PREVENTING_VERBS,
    REALIZING_VERBS,
    REPORTING_VERBS,
    REQUEST_VERBS,
    SCHEDULE_WORDS,
    STATEMENT_NOUNS,
)

# Heads of a noun event whose negation denies the event itself ("was not granted bail", "did not face charges",
# "there was no trial"); other heads deny only themselves ("the torture has never been investigated").
NEGATABLE_HEADS = frozenset("""
be have face receive get suffer undergo grant give issue impose order hand file bring lodge serve stand pay
""".split())
SECURING_VERBS = frozenset("secure win obtain gain achieve force push negotiate".split())
FEAR_NOUNS = frozenset({"risk", "fear", "threat", "danger", "possibility", "prospect", "bid", "attempt", "plan"})
AVOID_VERBS = frozenset({"avoid", "fear", "risk", "prevent", "evade", "escape", "dodge", "resist"})
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "pcomp", "acl", "relcl", "dobj", "pobj", "prep",
                             "parataxis", "advmod", "npadvmod", "nsubj", "nsubjpass", "attr", "oprd", "mark"})


@dataclass(frozen=True)
class Status:
    """A status and, where a person holds it, that person's local entity index."""

    value: str
    by: int | None = None


def _quote_speaker(anchor: Token) -> int | None:
    doc = anchor.doc
    for q in doc._.casetrail_quotes or []:
        if q.start <= anchor.idx < q.end + 1:
            return q.speaker
    return None


def reporting_ancestor(anchor: Token) -> Token | None:
    """The reporting verb (outside quotes) whose complement holds the anchor, if any."""
    child = anchor
    for head in anchor.ancestors:
        if in_quote(head):
            child = head
            continue
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in REPORTING_VERBS and child.dep_ in (
                "ccomp", "xcomp", "advcl", "dobj", "parataxis", "conj") and head != anchor \
                and not any(c.dep_ == "relcl" for c in head.children):  # (a "verb" with a relative clause is
            # a noun the tagger misread: "charged with X, charges they deny")
            passive = any(c.dep_ == "auxpass" for c in head.children)
            if child.dep_ == "conj" and (head.lemma_.lower() not in CLAIM_VERBS | DENIAL_VERBS or passive):
                child = head
                continue
            return head
        if head.pos_ == "NOUN" and head.lemma_.lower() in STATEMENT_NOUNS and child.dep_ in ("acl", "ccomp", "relcl") \
                and child.i > head.i:  # (a noun's clause follows it: "charged with X, charges they deny" is no claim)
            return head  # "on claims that his safety is threatened"
        child = head
    return None


DECIDING_VERBS = frozenset("announce rule decide order decree declare confirm".split())


def _reported_decision(verb: Token, modal: Token) -> bool:
    """"It was announced that he would be fined": a decision reported in the past, not a hypothesis."""
    if modal.lower_ != "would":
        return False
    cur = verb
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    return cur.dep_ in ("ccomp", "csubj") and cur.head.lemma_.lower() in DECIDING_VERBS


def _conditional(anchor: Token, stop: Token | None) -> bool:
    chain = [anchor, *anchor.ancestors]
    for tok in chain:
        if stop is not None and tok == stop:
            break
        for c in tok.children:
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                return True
            if c.dep_ == "aux" and c.lower_ in MODAL_HYPOTHETICAL and not _reported_decision(tok, c):
                return True
            if c.dep_ == "advmod" and c.lower_ in ("likely", "probably", "possibly", "perhaps", "maybe"):
                return True  # "a term that will most likely keep him in prison"
        if tok.dep_ in ("ccomp", "ROOT") and tok != anchor:
            break
    return False


def _future(anchor: Token) -> bool:
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else anchor.head
    if any(c.dep_ == "aux" and c.lower_ in MODAL_FUTURE for c in verb.children):
        return True
    if anchor.pos_ == "NOUN":
        if any(c.dep_ in ("acl", "amod") and c.lemma_.lower() in SCHEDULE_WORDS for c in anchor.children):
            return True
        if anchor.dep_ in ("dobj", "pobj") and anchor.head.lemma_.lower() in ("await", "due"):
            return True
        if anchor.dep_ == "dobj" and anchor.head.lemma_.lower() == "face" and anchor.lemma_.lower() == "trial" \
                and anchor.head.tag_ != "VBD":
            return True  # "faces trial" is to come ("faced trial in May" was); "faces charges" has happened
        if any(c.lemma_.lower() in ("upcoming", "pending", "forthcoming") for c in anchor.children):
            return True
    return any(_due(c) for c in verb.children)


def _due(tok: Token) -> bool:
    """ "due to appear on Monday" schedules; "arrested due to an investigation" (because of) does not."""
    return tok.lower_ == "due" and tok.dep_ != "prep" and not any(
        c.lower_ == "to" and c.dep_ in ("pcomp", "prep") for c in tok.children)


DEMAND_NOUNS = frozenset("call calls demand demands appeal appeals plea pleas campaign push rule ruling".split())
# Heads of "… for his release" that make it something asked or waited for, not something that happened.
DEMANDING = DEMAND_NOUNS | REQUEST_VERBS | {"wait", "press", "lobby"}


def _demanded(anchor: Token) -> Token | None:
    """A demand, not an event: "must release him", "should quash the conviction and release him", "calls for
    his release"; the demanding word is returned (who demands decides whether it is a party's request)."""
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else None
    for v in (verb, verb.head if verb is not None and verb.dep_ == "conj" else None):
        if v is None:
            continue
        aux = next((c for c in v.children if c.dep_ == "aux" and c.lower_ in ("must", "should", "ought")), None)
        if aux is not None:
            return v
        if v.tag_ == "VB" and v.dep_ in ("ROOT", "conj") and not any(
                c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in v.children) and in_quote(v):
            return v  # an imperative in someone's words: "free him immediately", "release them now"
    if anchor.pos_ == "NOUN" and anchor.dep_ == "pobj" and anchor.head.lower_ == "for":
        head = anchor.head.head
        return head if head.lemma_.lower() in DEMANDING else None
    return None


def _requested(anchor: Token) -> Token | None:
    if anchor.pos_ in ("VERB", "AUX") and anchor.dep_ == "conj" and anchor.head.dep_ in ("xcomp", "ccomp") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children):
        anchor = anchor.head  # "call on them to quash her conviction and to release her": asked for, both
    head = anchor.head
    if anchor.pos_ == "NOUN" and anchor.dep_ == "dobj" and head.lemma_.lower() in REQUEST_VERBS:
        return head
    if anchor.pos_ in ("VERB", "AUX") and anchor.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in REQUEST_VERBS:
        return head
    if anchor.pos_ == "VERB" and anchor.dep_ == "conj" and head.lemma_.lower() in REQUEST_VERBS and any(
            c.dep_ == "mark" or (c.dep_ == "aux" and c.lower_ == "to") for c in anchor.children):
        return head  # "had asked to disqualify her and that she be sentenced to eight years"
    if anchor.pos_ == "VERB" and _subjunctive(anchor):  # "…, that she be sentenced to ten years": a mandate,
        return next((t for t in reversed(anchor.sent[:anchor.i - anchor.sent.start])  # asked for before it
                     if t.lemma_.lower() in REQUEST_VERBS), None)
    return None


def _subjunctive(verb: Token) -> bool:
    """ "that she be sentenced", "that he be released": a bare "be" under "that", with no modal."""
    kids = list(verb.children)
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in kids) and any(
        c.dep_ in ("auxpass", "aux") and c.lower_ == "be" for c in kids) and not any(
        c.dep_ == "aux" and c.lower_ != "be" for c in kids)


# What an advocate asks for ("must release him"); a "must" before a penalty is an order ("must pay damages").
FAVOURS = frozenset({"RELEASE", "PARDON", "ACQUIT", "BAIL", "ASYLUM_GRANT", "HOUSE_ARREST"})
# Who asks for something as a party to the case: "prosecutors sought ten years", "his lawyers sought bail".
PARTY_WORDS = frozenset("""
prosecutor prosecutors prosecution attorney attorneys state police investigator investigators defence defense
lawyer lawyers counsel advocate accused defendant defendants court judge he she they his her
""".split())


def _party_request(head: Token, anchor: Token) -> bool:
    """Whether the one asking is a party to the case (prosecution, defence, the person), not an advocate
    (a rights group, a government, a relative calling for a release): only a party's request is an event."""
    subj = _asker(head)
    if subj is None:
        return False
    words = {subj.lower_, subj.lemma_.lower()} | {c.lower_ for c in subj.children if c.dep_ in ("compound", "amod")}
    if words & PARTY_WORDS:
        return True
    ents = head.doc._.casetrail_entities or []
    idx = entity_of_np(subj, ("PERSON", "ORG"))
    return idx is not None and any(w in r["role"].lower() for r in ents[idx].roles for w in (
        "prosecutor", "lawyer", "attorney", "counsel", "defence", "defense"))


def _asker(head: Token) -> Token | None:
    """The subject of a demanding verb or the owner of a demanding noun ("the prosecution's request")."""
    if head.pos_ in ("VERB", "AUX"):
        return subject_token(head)
    poss = next((c for c in head.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    return subject_token(head.head) if head.head.pos_ in ("VERB", "AUX") else None


def status_of(anchor: Token, event_type: str, agent: int | None, onto: Ontology) -> Status | None:
    """The status of the event triggered at ``anchor``; None when the text says it did not happen."""
    reporter = reporting_ancestor(anchor)
    reporter_by = _subject_entity(reporter)
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else anchor.head
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("go", "want", "plan", "intend", "try", "mean") \
            and any(c.dep_ == "neg" for c in verb.head.children):
        return None  # "she wasn't going to go into exile": an intention denied, nothing happened
    if _prevented(verb):
        return None  # "barred from leaving the country", "forbidden to travel": the ban is the event, not a flight
    verb_negates = anchor.pos_ in ("VERB", "AUX") or verb.lemma_.lower() in NEGATABLE_HEADS
    negated = (verb_negates and any(c.dep_ == "neg" for c in verb.children)) or any(
        c.lower_ in ("no", "never") and c.dep_ in ("det", "neg") for c in anchor.children)
    if negated:
        if in_quote(anchor):
            return Status("denied", _quote_speaker(anchor))
        return Status("denied", reporter_by) if reporter is not None else None
    demand = _demanded(anchor)
    if in_quote(anchor) and demand is not None and event_type in FAVOURS and (
            demand.pos_ in ("VERB", "AUX") or not _party_request(demand, anchor)):
        return None  # "we reiterate our calls for their release", "free him now": advocacy, quoted or not
    if in_quote(anchor):
        if _conditional(anchor, None):
            return None  # speculation in someone's words ("I would win the trial") is no event
        return Status("claimed", _quote_speaker(anchor))
    if demand is not None and demand.pos_ in ("VERB", "AUX") and event_type not in FAVOURS:
        return Status("asserted", None)  # "the group must also pay damages": an obligation imposed, not a plea
    if demand is not None:  # "authorities must release him", "calls for his release": advocacy, no event,
        # unless a party to the case asks ("the defence's plea for his release")
        if demand.pos_ in ("VERB", "AUX") or not _party_request(demand, anchor):
            return None
        return Status("requested", _subject_entity(demand))
    if event_type not in FAVOURS and _obliged(anchor):
        return Status("asserted", reporter_by)  # "the group must also pay damages": what a ruling imposes
    if _conditional(anchor, reporter) or _risked(anchor, event_type):
        return Status("hypothetical", reporter_by)
    if _future(anchor):
        return Status("scheduled", None)
    req = _requested(anchor)
    if req is not None:  # "prosecutors sought a ten-year sentence"; a rights group's call is no event
        return Status("requested", _subject_entity(req)) if _party_request(req, anchor) else None
    if reporter is not None:
        lemma = reporter.lemma_.lower()
        disputed = event_type == "CHARGE" and anchor.dep_ == "dobj" and anchor.head.i == reporter.i
        if lemma in DENIAL_VERBS and disputed:
            return Status("asserted", reporter_by)  # "she denied the charges": charged, and disputes them
        if lemma in DENIAL_VERBS and _describes(anchor, reporter):
            return Status("asserted", None)  # "rejected the bail plea of X, who was arrested in 2020"
        if lemma in DENIAL_VERBS | CLAIM_VERBS and anchor.dep_ == "amod" and anchor.tag_ == "VBN" \
                and anchor.head.pos_ in ("NOUN", "PROPN"):
            return Status("asserted", None)  # "denied that the jailed blogger had been beaten": a participle
            # naming what the person is, not what is disputed
        if lemma in DENIAL_VERBS:
            return Status("denied", reporter_by)
        if lemma in CLAIM_VERBS or reporter.pos_ == "NOUN":
            return Status("claimed", reporter_by)
        if event_type in onto.allegation_types and agent is None:
            return Status("claimed", reporter_by)
        return Status("asserted", reporter_by)
    return Status("asserted", None)


def _prevented(verb: Token) -> bool:
    """An action someone is kept from: "barred from leaving", "prevented X from travelling", "forbidden to leave"."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "from" and head.head.lemma_.lower() in PREVENTING_VERBS:
        return True
    return verb.dep_ == "xcomp" and head.lemma_.lower() in PREVENTING_VERBS


def _describes(anchor: Token, reporter: Token) -> bool:
    """Whether the trigger sits in a clause that describes someone named in what is denied, not in what is
    denied: "rejected the bail application of X, who was arrested under UAPA"."""
    cur = anchor
    while cur.i != reporter.i and cur.head.i != cur.i:
        if cur.dep_ in ("relcl", "acl", "appos") and cur.head.dep_ != "ROOT":
            return True
        cur = cur.head
    return False


def _obliged(anchor: Token) -> bool:
    """ "must pay damages", "will have to pay a fine": an obligation on someone, told as imposed."""
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else anchor.head
    if verb.lemma_.lower() not in ("pay", "serve") and anchor.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ == "aux" and c.lower_ == "must" for c in verb.children)


def _risked(anchor: Token, event_type: str) -> bool:
    """ "faces a prison term of up to five years", "risks a ten-year sentence": a penalty the law allows."""
    return event_type == "SENTENCE" and anchor.pos_ == "NOUN" and anchor.dep_ == "dobj" \
        and anchor.head.lemma_.lower() in ("face", "risk")


def _subject_entity(verb: Token | None) -> int | None:
    if verb is None:
        return None
    if verb.pos_ == "NOUN":
        poss = next((c for c in verb.children if c.dep_ == "poss"), None)
        return entity_of_np(poss) if poss is not None else None
    subj = subject_token(verb)
    return entity_of_np(subj) if subj is not None else None


def irrealis_head(anchor: Token) -> Token | None:
    """The intention, attempt or fear an event depends on ("try to jail", "avoid arrest"), if any."""
    if anchor.pos_ in ("NOUN", "PROPN"):
        head = anchor.head
        if anchor.dep_ in ("dobj", "pobj") and head.lemma_.lower() in AVOID_VERBS:
            return head
        if anchor.dep_ == "dobj" and head.lemma_.lower() in SECURING_VERBS and (
                head.tag_ in ("VBG", "VB") and head.dep_ in ("pcomp", "xcomp", "advcl", "acl")):
            return head  # "ineffective in securing his release", "a campaign to win her release": an aim
        if anchor.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in FEAR_NOUNS:
            return head.head
        if anchor.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in AVOID_VERBS:
            return head.head
        return None
    cur = anchor
    for _ in range(4):
        head = cur.head
        if head == cur:
            return None
        infinitive = cur.tag_ == "VB" or any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        passive_nonfinite = cur.tag_ in ("VBN", "VBG") and cur.dep_ in ("xcomp", "ccomp", "pcomp")
        if not (infinitive or passive_nonfinite):
            return None
        lemma = head.lemma_.lower()
        if cur.dep_ in ("xcomp", "ccomp", "pcomp") and lemma in REALIZING_VERBS and lemma != "have":
            return None
        if cur.dep_ in ("xcomp", "ccomp", "pcomp", "advcl", "acl") and lemma in IRREALIS_VERBS | AVOID_VERBS:
            return head
        if cur.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            return head  # a purpose clause: "spend anything to arrest me"
        if cur.dep_ == "acl" and head.pos_ == "NOUN" and head.lemma_.lower() in FEAR_NOUNS:
            return head
        if lemma in ("have", "get") and cur.dep_ in ("ccomp", "xcomp"):
            cur = head  # causative: "threatened to have him arrested"
            continue
        if cur.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX") and lemma not in REALIZING_VERBS:
            cur = head
            continue
        return None
    return None
