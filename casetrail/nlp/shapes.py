"""Events that show in a sentence's shape rather than in a trigger word of the ontology.

A prison term is often given as a bare length: "Paul received seven years and three months", "she was
given ten years in jail", "the court handed him five years": a verb of giving or receiving whose direct
object is a length of years or months (not "two weeks to leave", not "for years"). Detention is a person
and a place of custody: "she remains in prison", "he has spent a year in jail", "kept in solitary
confinement" (not "I will meet her in prison"). A charge is a case opened against someone: "registered
an FIR against X", "a case was filed against the three journalists". ``find`` returns such hits as
triggers of their own, so the events component reads their subject, date and status like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from casetrail.domain.schema import Trigger
from casetrail.values.durations import parse_duration

RECEIVING = frozenset({"receive", "get"})
# Verbs whose subject is where the place says: "she remains in prison", "he has spent a year in jail".
BEING_VERBS = frozenset("be remain stay spend languish die sit live rot wait lie serve".split())
# Verbs that put their object there: "kept in solitary confinement", "locked in a cell", "thrown into jail".
PUTTING_VERBS = frozenset("keep hold put throw lock place confine send return transfer move lodge".split())
CUSTODY_PLACES = frozenset("prison jail custody detention confinement cell colony camp".split())
FACILITY_NOUNS = frozenset("centre center facility compound camp colony unit ward block".split())
WRITING_VERBS = frozenset("write speak call tell send smuggle post".split())
# A case opened against someone: "registered an FIR against X", "filed a case against the journalists".
CASE_VERBS = frozenset("register file open lodge launch bring institute initiate".split())
CASE_NOUNS = frozenset("case fir complaint lawsuit proceedings proceeding charges indictment".split())
GIVING = frozenset({"give", "hand", "award", "mete", "impose"})
# A person taken by the armed hand of the state: "was taken from her home by plain-clothes officers", "taken
# away by police" (a taking by anyone else - "taken to hospital by relatives" - is no arrest).
FORCE_WORDS = frozenset("""police policeman policemen officer officers agent agents soldier soldiers troops forces
security guard guards gunmen militia militiamen men authorities intelligence""".split())
TAKEN_BY_FORCE = Trigger("ARREST", "verb", ("take",), "object")
TERM_UNITS = frozenset({"year", "years", "month", "months", "life"})
SENTENCE_RECEIVED = Trigger("SENTENCE", "verb", ("receive",), "actor")
SENTENCE_GIVEN = Trigger("SENTENCE", "verb", ("give",), "object")
HELD_THERE = Trigger("DETAIN", "verb", ("remain",), "actor")
PUT_THERE = Trigger("DETAIN", "verb", ("keep",), "object")
CASE_AGAINST = Trigger("CHARGE", "verb", ("register",), "object")
SENTENCE_SOUGHT = Trigger("SENTENCE", "verb", ("seek",), "object")
SEEKING = frozenset("seek request demand ask want".split())
# A term added to a sentence already served: "the judge added 19 years to his existing terms".
ADDING = frozenset("add extend increase lengthen".split())
TERM_HOLDERS = frozenset("term sentence sentences terms".split())
TERM_ADDED = Trigger("SENTENCE", "verb", ("add",), "object")
# An authority or its paper that accuses someone, told in a relative clause: "detained on a warrant from the
# prosecutor's office, which accused him of spreading false news" (a critic who "accused him of lying" is not).
LEGAL_NOUNS = frozenset("""
warrant indictment prosecutor prosecutors prosecution police court judge tribunal investigator investigators
authorities ministry charge-sheet chargesheet complaint order office
""".split())
# Papers of a prosecution that accuse by themselves ("the indictment accused him of…"); a person or group
# that accuses is not charging anyone.
LEGAL_PAPERS = frozenset("indictment charge-sheet chargesheet complaint warrant".split())
# A verdict worded as in Spanish, French or Portuguese: "condemned the prosecutor to four years in prison",
# "condemned to death" (not "rights groups condemned the trial").
CONDEMNED_TO = Trigger("SENTENCE", "verb", ("condemn",), "object")
# A travel ban told as a permission refused: "was not allowed to travel abroad", "is not permitted to leave
# the country", "they did not let her leave" (the anchor is the movement, whose subject is the one banned).
NOT_LET_LEAVE = Trigger("BAN", "verb", ("ban",), "actor")
LEAVING = frozenset("travel leave exit depart".split())
PERMITTING = frozenset("allow permit let".split())
ACCUSED_BY_AUTHORITY = Trigger("CHARGE", "verb", ("accuse",), "object")
TERM_SHAPES = (SENTENCE_GIVEN, SENTENCE_RECEIVED, SENTENCE_SOUGHT, TERM_ADDED)  # whose verb's object is the term


@dataclass(frozen=True)
class ShapeHit:
    """A shape found at token ``anchor`` (the verb), standing for ``trigger``."""

    trigger: Trigger
    anchor: int
    start: int | None = None  # the words the shape covers, when more than its anchor ("not allowed to leave
    end: int | None = None  # the country" covers the flight words inside it)


def _term_object(verb: Token) -> Token | None:
    """The verb's direct object when it is a prison term: "seven years and three months", "life"."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in TERM_UNITS), None)
    if obj is None and verb.lemma_.lower() in GIVING | RECEIVING:
        # "handed the blogger X a four-year prison term": a term noun whose words give the length
        # (the parser may hang the term on the person as an apposition: "handed [the cartoonist X] [a … term]")
        held = [c for c in verb.children if c.dep_ == "dobj"] + [a for c in verb.children if c.dep_ in (
            "dobj", "dative") for a in c.children if a.dep_ == "appos" and a.i > c.i]
        obj = next((c for c in held if c.lower_ in TERM_HOLDERS and c.left_edge.i < c.i
                    and (parse_duration(verb.doc[c.left_edge.i:c.i].text) is not None
                         or any(t.lower_ == "life" for t in c.lefts))), None)
    if obj is None and verb.lemma_.lower() in GIVING | SEEKING and any(c.dep_ == "dobj" for c in verb.children):
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


def _held_since(verb: Token) -> bool:
    """ "has been held since March", "was held for two years" (a passive "hold" with a time it lasts)."""
    if not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) and verb.dep_ not in ("acl", "relcl"):
        return False
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("since", "for"):
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None and (c.lower_ == "since" or parse_duration(" ".join(x.text for x in obj.subtree))):
                return True
    return False


def _custody_place(verb: Token, from_there: bool = False) -> bool:
    """Whether the verb has "in/into prison", "in custody", "in solitary confinement" among its own phrases
    (or "from his cell", "from prison" for a verb of writing or speaking)."""
    terms = [o for o in verb.children if o.dep_ == "dobj" and verb.lemma_.lower() in ("serve", "spend")]
    terms += [p for o in terms for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj"]  # "serving a total of 14 years in prison"
    for c in [*verb.children, *(c for o in terms for c in o.children)]:
        if c.dep_ == "prep" and c.lower_ in (("from",) if from_there else ("in", "into", "behind", "at")):
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is None:
                continue
            if (obj.lemma_.lower() in CUSTODY_PLACES and c.lower_ != "at") or (
                    c.lower_ == "behind" and obj.lower_ == "bars") or _custody_facility(obj):
                return True
    return False


def _custody_facility(noun: Token) -> bool:
    """A place named for custody: "the Pre-Trial Detention Centre", "a prison camp", "the detention facility"
    (a building noun one of whose modifiers is a word of custody)."""
    if noun.lemma_.lower() not in FACILITY_NOUNS:
        return False
    return any(m.dep_ in ("compound", "amod") and m.lemma_.lower() in CUSTODY_PLACES for m in noun.children)


def sought_for(verb: Token) -> Token | None:
    """Who a term is sought for: "sought 10 years for Castillo" (the parse may hang "for" on the term)."""
    obj = _term_object(verb)
    places = [o for c in verb.children if c.dep_ == "prep" and c.lower_ != "for" for o in c.children
              if o.dep_ == "pobj"]  # "sought 20 years in a special regime colony for X"
    for holder in [verb, *([obj] if obj is not None else []), *places]:
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "against"):
                return next((o for o in c.children if o.dep_ == "pobj"), None)
    return None


def case_against(verb: Token) -> Token | None:
    """Who a case is opened against: "registered an FIR against X", "a case was filed against X"."""
    nouns = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in CASE_NOUNS]
    if not nouns:
        return None
    for holder in (verb, *nouns):
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ == "against":
                return next((o for o in c.children if o.dep_ == "pobj"), None)
    return None


def added_to(verb: Token) -> Token | None:
    """Whose term a length is added to: the holder of "to his existing terms", "to her sentence"."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "to":
            obj = next((o for o in c.children if o.dep_ == "pobj" and o.lemma_.lower() in TERM_HOLDERS), None)
            if obj is not None:
                return next((p for p in obj.children if p.dep_ == "poss"), None)
    return None


def _condemned_to(verb: Token) -> bool:
    """ "condemned … to four years", "to death", "to life in prison": a "to" phrase that is a penalty."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "to":
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is None:
                continue
            text = " ".join(t.text for t in obj.subtree)
            if obj.lower_ in ("death", "life", "prison", "jail") or parse_duration(text) is not None:
                return True
    return False


def _not_let(verb: Token) -> bool:
    """A movement someone is not allowed to make: "not allowed to travel", "not permitted to leave"."""
    head = verb.head
    return verb.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in PERMITTING and any(
        c.dep_ == "neg" for c in head.children)


def not_let_bearer(verb: Token) -> Token | None:
    """Who is not allowed to go: the passive subject of "was not allowed", the object of "did not let her"."""
    head = verb.head
    found = next((c for c in head.children if c.dep_ in ("nsubjpass", "dobj")), None) or (
        next((c for c in verb.children if c.dep_ == "nsubj"), None))
    cur = head
    for _ in range(4):  # "was released but had to remain in Egypt and was not allowed to travel": up the
        if found is not None or cur.dep_ not in ("conj", "xcomp") or cur.head.i == cur.i:  # chain of verbs
            break
        cur = cur.head
        found = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return found


def _accused_by_authority(verb: Token) -> bool:
    """An active "which accused him of X" whose sentence names an authority or its paper before the clause,
    or an authority's paper that accuses: "A June 2024 indictment accused X of collecting…"."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or not any(c.dep_ == "dobj" for c in verb.children) or not any(
            c.dep_ == "prep" and c.lower_ == "of" for c in verb.children):
        return False
    if subj.lemma_.lower() in LEGAL_PAPERS:
        return True
    if verb.dep_ != "relcl" or subj.lower_ not in ("which", "that"):
        return False
    sent = verb.sent
    return any(t.lemma_.lower() in LEGAL_NOUNS for t in sent if t.i < subj.i)


def accuser(verb: Token) -> Token | None:
    """The authority or paper of ``_accused_by_authority``: the paper itself, or the last one named before
    the clause."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    if subj.lemma_.lower() in LEGAL_PAPERS:
        return subj
    return next((t for t in reversed(verb.sent[:subj.i - verb.sent.start]) if t.lemma_.lower() in LEGAL_NOUNS), None)


def find(doc: Doc) -> list[ShapeHit]:
    """Every shape of the module docstring in the document: bare prison terms received or given, a person
    held in a place of custody, a case opened against someone."""
    out: list[ShapeHit] = []
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = tok.lemma_.lower()
        if (lemma in RECEIVING or lemma in GIVING) and tok.pos_ == "VERB" and _term_object(tok) is not None:
            out.append(ShapeHit(SENTENCE_RECEIVED if lemma in RECEIVING else SENTENCE_GIVEN, tok.i))
        elif (lemma in BEING_VERBS or lemma in WRITING_VERBS) and _custody_place(tok, lemma in WRITING_VERBS):
            out.append(ShapeHit(HELD_THERE, tok.i))  # ("writing from his cell": held there)
        elif lemma == "hold" and _held_since(tok):
            out.append(ShapeHit(PUT_THERE, tok.i))  # "who has been held since March", "held for two years"
        elif lemma in PUTTING_VERBS and _custody_place(tok) and lemma != "send":
            out.append(ShapeHit(PUT_THERE, tok.i))  # ("send to prison", "hold in custody": phrases of the ontology)
        elif lemma in CASE_VERBS and case_against(tok) is not None:
            out.append(ShapeHit(CASE_AGAINST, tok.i))
        elif lemma in ADDING and _term_object(tok) is not None and added_to(tok) is not None:
            out.append(ShapeHit(TERM_ADDED, tok.i))  # "the judge added 19 years to his existing terms"
        elif lemma == "condemn" and _condemned_to(tok):
            out.append(ShapeHit(CONDEMNED_TO, tok.i))  # "condemned Laura Vidal to four years in prison"
        elif lemma in LEAVING and _not_let(tok):
            out.append(ShapeHit(NOT_LET_LEAVE, tok.i, tok.head.i, tok.right_edge.i + 1))  # "not allowed to travel"
        elif lemma == "accuse" and _accused_by_authority(tok):
            out.append(ShapeHit(ACCUSED_BY_AUTHORITY, tok.i))  # "a warrant …, which accused him of…"
        elif lemma in SEEKING and _term_object(tok) is not None and sought_for(tok) is not None:
            out.append(ShapeHit(SENTENCE_SOUGHT, tok.i))  # "prosecutors had sought 10 years for Castillo"
        elif lemma == "take" and _taken_by_force(tok):
            out.append(ShapeHit(TAKEN_BY_FORCE, tok.i))  # "was taken from her home by plain-clothes officers"
    return out


def _taken_by_force(verb: Token) -> bool:
    """A passive "take" whose agent is police, officers, agents or soldiers."""
    if not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) and verb.dep_ not in ("acl", "relcl"):
        return False
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None and obj.lower_ in FORCE_WORDS:
                return True
    return False


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
    if term is not None:  # two objects, the person and the term: "handed the blogger X a four-year term"
        if term.dep_ == "appos":
            return term.head
        other = next((c for c in verb.children if c.dep_ == "dobj" and c.i != term.i and c.i < term.i), None)
        if other is not None:
            return other
    if term is not None and verb.lemma_.lower() != "give":
        for prep in verb.children:  # "imposed 13 years on X", "handed five years to X"
            if prep.dep_ == "prep" and prep.lower_ in ("on", "upon", "to"):
                return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None
