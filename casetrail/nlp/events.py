"""Typed legal and persecution events: who it happened to, who acted, when, how sure the article is.

``casetrail_events`` matches the triggers of ``domain/ontology.yaml`` (``match``), then for each
(``set_annotations``) finds the subject by the trigger's mode, the agent, attributes, the date and a
status (see ``eventstatus``). Intentions are not events ("will try to jail him" is a threat by the
one who intends it, not a detention), a "warrant for X's arrest" is one warrant, not an arrest, and
two sentences about the same happening in one article become one event with both as evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from casetrail.domain.schema import Trigger, ontology
from casetrail.nlp import bearers, casegroups, eventmerge, groups, shapes
from casetrail.nlp import eventattrs as attrs
from casetrail.nlp.bearers import ISSUING_VERBS
from casetrail.nlp.eventstatus import Status, irrealis_head, status_of
from casetrail.nlp.grammar import (
    agent_token,
    entity_of_np,
    in_quote,
    np_text,
    object_token,
    paragraph_of,
    sentence_bounds,
    sentence_of,
    subject_token,
)
from casetrail.nlp.lexicon import ROLE_NOUNS
from casetrail.nlp.records import Event, Evidence
from casetrail.nlp.triggers import TriggerIndex
from casetrail.values.durations import parse_duration

NEGATIONS = frozenset({"not", "n't", "never", "no"})
# Noun events the article may tell of its person without naming them: "the sentence", "a retrial".
TOLD_ON = frozenset({"TRIAL", "SENTENCE", "CONVICT", "ACQUIT", "PARDON", "RELEASE", "BAIL"})
# Verbs that keep a decision, not make a new one: "his sentence was once again upheld".
UPHOLDING = frozenset("uphold confirm affirm maintain endorse reaffirm".split())
JUDICIAL = re.compile(r"(?i)\b(court|judge|tribunal|magistrate|justice|bench)\b")


@dataclass
class Candidate:
    """A trigger hit: the event type, the trigger and the anchor token."""

    trigger: Trigger
    anchor: int
    start: int
    end: int


class EventExtractor:
    """spaCy component: typed events (see module docstring)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.onto = ontology()
        self.index = TriggerIndex(self.onto)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    # -- match -------------------------------------------------------------------------------
    def match(self, doc: Doc) -> list[Candidate]:
        """Trigger hits, longest first; a hit inside a longer one of another trigger is dropped."""
        hits = [Candidate(h.trigger, self._anchor(doc, h.trigger, h.start, h.end), h.start, h.end)
                for h in self.index.find(doc) if not (h.trigger.kind == "noun" and _in_a_name(doc[h.start]))]
        hits += [Candidate(s.trigger, s.anchor, s.anchor if s.start is None else s.start,
                           s.anchor + 1 if s.end is None else s.end) for s in shapes.find(doc)]
        hits.sort(key=lambda c: (-(c.end - c.start), c.start))
        kept: list[Candidate] = []
        for c in hits:
            if any(k.start <= c.start and c.end <= k.end and not _also_inside(c, k) for k in kept):
                continue
            kept.append(c)
        return sorted(kept, key=lambda c: c.anchor)

    @staticmethod
    def _anchor(doc: Doc, trig: Trigger, start: int, end: int) -> int:
        if trig.kind != "phrase":
            return start
        span = doc[start:end]
        verb = next((t for t in span if t.pos_ in ("VERB", "AUX") and t.lemma_ != "be" and t.dep_ not in (
            "aux", "auxpass")), None)  # "prosecutors have accused him": the verb, not its auxiliary
        if verb is not None:
            return verb.i
        nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN")]
        heads = [t for t in nouns if not (start <= t.head.i < end) or t.head.i == t.i]
        if heads:  # the phrase's head: "deprivation" of "deprivation of political rights", "ban" of "travel ban"
            return heads[0].i
        return nouns[-1].i if nouns else start

    # -- set_annotations -----------------------------------------------------------------------
    def set_annotations(self, doc: Doc, candidates: list[Candidate]) -> None:
        """Build events from trigger hits, convert intentions to threats, merge repeats."""
        events: list[Event] = []
        anchors = {c.anchor for c in candidates}
        told: list[tuple[int, list[int]]] = []  # (sentence start, subjects) of the events so far
        deferred: list[tuple[Event, casegroups.GroupReference]] = []
        for c in candidates:
            built, ref = self._build(doc, c, anchors, told)
            if ref is not None:
                deferred.append((built[0], ref))
                built = [e for e in built if e.subject is not None and e.subject >= 0]
            events.extend(built)
            if built and not built[0].in_quote:
                told.append((sentence_of(doc[c.anchor]).start, [e.subject for e in built if e.subject is not None]))
        events.extend(casegroups.instantiate(doc, events, deferred))
        eventmerge.share_verdict_date(doc, events)
        merged = eventmerge.merge(events)
        eventmerge.drop_context(merged)
        doc._.casetrail_events = merged

    @staticmethod
    def _recent(told: list[tuple[int, list[int]]], sent_start: int) -> Callable[[int | None], list[int]]:
        """The people the article has just told about, for "they" and "the three"."""
        def recent(size: int | None) -> list[int]:
            out: list[int] = []
            sentences: list[int] = []
            for start, subjects in reversed(told):
                if start >= sent_start:
                    continue
                if start not in sentences:
                    sentences.append(start)
                if size is None and len(sentences) > 2:
                    break
                for s in subjects:
                    if s not in out:
                        out.append(s)
                if size is not None and len(out) >= size:
                    return out[:size]
            return out if size is None else []
        return recent

    def _build(self, doc: Doc, c: Candidate, anchors: set[int], told: list[tuple[int, list[int]]]
               ) -> tuple[list[Event], casegroups.GroupReference | None]:
        """The event(s) a trigger hit stands for: one per person it happens to, and the group reference
        ("all 45 defendants") when it speaks of a whole case, resolved once the article is read."""
        recent = self._recent(told, sentence_of(doc[c.anchor]).start)
        ev, tok, group = self._build_one(doc, c, anchors, recent)
        ref = None
        if ev is not None and tok is not None and ev.type != "THREATEN" and (ev.subject is None or ev.subject < 0
                                                                           or group is not None):
            ref = casegroups.reference(tok, group or ())
            if ref is not None and ref.covered_by(group):
                ref = None  # the people just listed are the whole group
        if ev is not None and ev.subject is not None and ev.subject < 0 and ref is None:
            return [], None
        if ev is None or ev.subject is None or ev.type == "THREATEN" or tok is None or ev.subject < 0:
            return ([ev] if ev is not None else []), ref
        labels = ("PERSON",) if self.onto.event_types[ev.type].subject_label == "PERSON" else ("PERSON", "ORG")
        # the group that gave the subject is reused where it was read with the same labels
        everyone = group if group is not None and labels == ("PERSON",) else groups.members(tok, labels, recent)
        out = [ev]
        ents = doc._.casetrail_entities
        out += [ev.happening_to(idx, ents[idx].name) for idx in everyone if idx != ev.subject]
        for idx in groups.along_with(doc[c.anchor], {e.subject for e in out}):
            # "pardoned on Wednesday along with the lawyer X"; "along with A, the court sentenced B to four years"
            out.append(ev.happening_to(idx, ents[idx].name).drop_terms())  # (B's term, not A's)
        for idx, duration in groups.gapped(doc[c.anchor], {e.subject for e in out}):
            other = ev.happening_to(idx, ents[idx].name)  # "sentenced A to 14 years in prison and B to 12 years"
            if duration:
                other.attributes["duration"] = duration
            out.append(other)
        return out, ref

    def _build_one(self, doc: Doc, c: Candidate, anchors: set[int], recent: Callable[[int | None], list[int]]
                   ) -> tuple[Event | None, Token | None, list[int] | None]:
        """One event for a trigger hit, the head token naming its subject, and the people that token
        stands for when the subject had to be read from a group ("the three")."""
        anchor = doc[c.anchor]
        etype = self.onto.event_types[c.trigger.event_type]
        if not self._applies(anchor, c.trigger, anchors):
            return None, None, None
        subj_idx, subj_text, subj_tok = self._subject(anchor, c.trigger, etype.subject_label)
        agent_text, agent_idx = self._agent(anchor, c.trigger)
        status = status_of(anchor, etype.name, agent_idx, self.onto)
        if status is None:
            return None, None, None
        if etype.name == "BAIL" and _refused(anchor):
            status = Status("denied", None)  # "refused to grant bail", "rejected the bail plea"
        event_type = etype.name
        attributes: dict = {}
        irrealis = irrealis_head(anchor) if status.value != "requested" else None  # (a party's request is
        if irrealis is not None and irrealis.lemma_.lower() == "expect" and irrealis.tag_ == "VBN" \
                and any(c.dep_ == "auxpass" for c in irrealis.children):
            irrealis = None  # "both men were expected to appear in court on September 30": due, not wished for
            status = Status("scheduled", status.by) if status.value == "asserted" else status
        if irrealis is not None:  # an event of its own: "the prosecution had asked to disqualify her")
            # an intention: only a coercive act intended by a named actor is kept, as a threat
            if irrealis.lemma_.lower() not in ("try", "want", "seek", "plan", "aim", "intend", "spend", "use",
                                               "plot", "vow", "pledge", "promise", "attempt") \
                    or event_type not in self.onto.coercive_types or status.value == "hypothetical":
                return None, None, None
            actor = subject_token(irrealis)
            actor_idx = entity_of_np(actor, ("PERSON", "ORG")) if actor is not None else None
            if actor_idx is None:
                return None, None, None
            attributes["threat"] = event_type.lower()
            event_type = "THREATEN"
            agent_idx = actor_idx
            agent_text = doc._.casetrail_entities[actor_idx].name
            if status.value == "asserted":
                status = Status("claimed", status.by)
        nounlike = c.trigger.kind == "noun" or (c.trigger.kind == "phrase" and anchor.pos_ == "NOUN")
        if subj_idx is None and (subj_tok is None or subj_tok.i == anchor.i) and nounlike and event_type in TOLD_ON \
                and not in_quote(anchor) and etype.subject_label == "PERSON" and _unowned(anchor):
            told = recent(None)
            if len(told) == 1:  # "The sentence will be delivered by Dec. 2", "A retrial was granted": of the
                subj_idx, subj_tok = told[0], None  # person the article has just been telling about
        if subj_idx is None and subj_tok is not None and event_type != "THREATEN":
            subj_idx = -1  # "the three", "they", "members, including X": resolved to the group by ``_build``
        if subj_idx is None and not (etype.subject_label != "PERSON" and subj_text):
            return None, None, None
        sent = sentence_of(anchor)
        date_text, _ = attrs.find_date(anchor, inherit_from=self._conj_head(anchor))
        attributes.update(self._attributes(anchor, event_type))
        if c.trigger is shapes.SENTENCE_SOUGHT:
            status = Status("requested", None) if status.value == "asserted" else status
        if c.trigger in shapes.TERM_SHAPES and "duration" not in attributes:
            attributes["duration"] = shapes.term_text(anchor)
        attributes[eventmerge.CONTEXT] = eventmerge.clause_context(anchor)
        if event_type == "DETAIN" and c.trigger.words[0] in ("jail", "imprison") and (
                attributes.get("duration") or JUDICIAL.search(agent_text or "")):
            event_type = "SENTENCE"  # "jailed for three years", "a court jailed him": a prison sentence
        elif event_type == "DETAIN" and c.trigger.kind == "verb" and c.trigger.words[0] in ("detain", "jail") \
                and _taken_into_custody(anchor):
            event_type = "ARREST"  # "police detained him in February 2013": taken into custody, at a moment
        if event_type == "THREATEN" and "threat" not in attributes:
            threat = self._threat_wording(anchor)
            if threat:
                attributes["threat"] = threat
                attributes.pop("charges", None)
        repeated_by = anchor.children if anchor.pos_ in ("VERB", "AUX") else anchor.head.children
        upheld = anchor.pos_ not in ("VERB", "AUX") and anchor.head.lemma_.lower() in UPHOLDING
        if upheld:
            attributes[eventmerge.UPHELD] = True  # the sentence a court upheld is the sentence it first passed
        if event_type != "THREATEN" and not upheld and (any(c.lower_ == "again" for c in repeated_by) or re.match(
                r"(?i)re-?(arrest|imprison|detain|jail)", anchor.text)):
            attributes["again"] = True  # "ordered his arrest again", "rearrested": another happening
        if event_type == "ASYLUM_GRANT" and agent_text is None and attributes.get("destination"):
            agent_text = attributes["destination"]
        ents = doc._.casetrail_entities
        members: list[int] | None = None
        if subj_idx == -1:
            members = groups.members(subj_tok, ("PERSON",), recent)
            if not members:
                if etype.subject_label != "PERSON" and subj_text:
                    subj_idx = None  # an organisation named only by a description ("the main opposition party")
                elif casegroups.reference(subj_tok) is None:
                    return None, None, None
                # else: "all 45 defendants", named later: the subject stays -1 until the article is read
            else:
                subj_idx = members[0]
        return Event(
            type=event_type, subject=subj_idx,
            subject_text=ents[subj_idx].name if subj_idx is not None and subj_idx >= 0 else subj_text,
            agent=agent_text, agent_entity=agent_idx, status=status.value, claimed_by=status.by,
            date_text=date_text, attributes=attributes,
            evidence=[Evidence(*sentence_bounds(sent), sent.text.strip(), paragraph_of(doc, sent.start_char),
                               status=status.value, claimed_by=status.by)],
            trigger=doc[c.start:c.end].text, in_quote=in_quote(anchor),
        ), subj_tok, members

    @staticmethod
    def _conj_head(anchor: Token) -> Token | None:
        return anchor.head if anchor.dep_ == "conj" and anchor.head.pos_ == "VERB" else None

    def _applies(self, anchor: Token, trig: Trigger, anchors: set[int]) -> bool:
        """Filters that make a trigger word not an event here."""
        lemma = trig.words[0] if trig.kind != "phrase" else anchor.lemma_.lower()
        # "a warrant for Sok's arrest", "the threat of arrest": part of the other event
        if trig.kind == "noun":
            cur = anchor
            for _ in range(3):
                if cur.dep_ == "pobj" and cur.head.lower_ in ("after", "following", "before", "since", "upon"):
                    break  # "a sentence following a 2023 conviction": two happenings, one after the other
                if cur.dep_ in ("pobj", "poss", "compound") and cur.head.i != cur.i:
                    cur = cur.head if cur.dep_ != "pobj" else cur.head.head
                    if cur.i in anchors and cur.i != anchor.i and cur.pos_ == "NOUN":
                        return False
                else:
                    break
        if trig.kind != "verb" and anchor.dep_ == "pobj" and anchor.head.lower_ in ("for", "against") and any(
                c.i in anchors and c.i != anchor.i and c.pos_ == "NOUN" and c.dep_ in ("nsubjpass", "dobj")
                for c in anchor.head.head.children):
            return False  # "a warrant was issued for his arrest": the arrest is what the warrant orders
        if trig.kind == "verb" and lemma == "hide":
            obj = next((c for c in anchor.children if c.dep_ == "dobj"), None)
            if obj is not None and not obj.lower_.endswith("self"):
                return False
        if trig.kind == "verb" and lemma == "escape":
            obj = next((c for c in anchor.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.ent_type_ not in ("GPE", "LOC", "FAC") and obj.lemma_ not in ("prison", "jail"):
                return False
        if trig.kind == "verb" and lemma == "free" and anchor.pos_ != "VERB":
            return False
        if trig.kind == "verb" and lemma == "charge" and any(c.lower_ in ("fee", "price") for c in anchor.children):
            return False
        if trig.kind == "noun" and lemma in ("sentence", "charge", "release", "trial") and anchor.dep_ == "compound" \
                and not (lemma == "trial" and anchor.head.lemma_.lower() in ("proceeding", "proceedings", "hearing")):
            return False  # ("trial proceedings against the two began": the trial)
        if trig.kind == "noun" and lemma == "term" and not _prison_term(anchor):
            return False  # "his second term", "the term of office": not a sentence
        if trig.event_type == "SENTENCE" and trig.kind != "verb" and lemma in ("sentence", "term") \
                and anchor.head.lemma_ in ("complete", "finish"):
            return False  # "completing a six-year prison term": the sentence is told elsewhere ("is serving a
            # three-year sentence" is the sentence itself, and the detention)
        if trig.event_type == "BAIL" and _applied_for(anchor):
            return False  # "sought bail", "withdrew his bail plea": an application, not a decision
        if trig.event_type == "DETAIN" and anchor.lemma_.lower() == "remand" and any(
                t.lower_ == "bail" for t in anchor.subtree):
            return False  # "remanded on bail": a bail, not custody
        if trig.event_type == "TRIAL" and any(t.lemma_ == "fail" for t in anchor.doc[max(0, anchor.i - 3):anchor.i]):
            return False  # "failing to appear in court" is a missed summons, not a trial
        return True

    # -- participants ------------------------------------------------------------------------
    def _subject(self, anchor: Token, trig: Trigger, label: str) -> tuple[int | None, str | None, Token | None]:
        """The entity an event happens to, the words naming it, and the head token of those words."""
        labels = ("PERSON",) if label == "PERSON" else ("ORG",) if label == "ORG" else ("PERSON", "ORG")
        if trig.event_type == "THREATEN" and trig.kind == "verb":
            return (*self._threat_target(anchor, labels), None)
        if trig is shapes.SENTENCE_GIVEN and shapes.given_to(anchor) is not None:
            tok = shapes.given_to(anchor)  # "the court handed him five years"
        elif trig is shapes.CASE_AGAINST:
            tok = shapes.case_against(anchor)  # "registered an FIR against X"
        elif trig is shapes.SENTENCE_SOUGHT:
            tok = shapes.sought_for(anchor)  # "prosecutors had sought 10 years for X"
        elif trig is shapes.NOT_LET_LEAVE:
            tok = shapes.not_let_bearer(anchor)  # "was not allowed to travel abroad"
        elif trig is shapes.TERM_ADDED:
            tok = shapes.added_to(anchor)  # "added 19 years to his existing terms"
        elif anchor.pos_ not in ("VERB", "AUX"):
            tok = bearers.noun_bearer(anchor, self.index.verb_lemmas)
        elif trig.subject == "object":
            tok = object_token(anchor) or bearers.surface_object(anchor) or bearers.surface_passive_subject(anchor) \
                or _quantifier_object(anchor)
        else:
            tok = subject_token(anchor)
        if tok is None:
            return None, None, None
        idx = entity_of_np(tok, labels)
        if idx is None and trig.event_type == "BAN" and tok.pos_ == "NOUN" and tok.lemma_.lower() not in ROLE_NOUNS:
            poss = next((c for c in tok.children if c.dep_ == "poss"), None)  # "her travel was banned" (not
            # "barred her lawyer from speaking": the lawyer is banned, not she)
            if poss is not None and entity_of_np(poss) is not None:
                tok, idx = poss, entity_of_np(poss)
        if idx is None and trig.event_type == "ASSAULT":
            owner = bearers.body_owner(tok)  # "beat the soles of his feet": the one whose body it is
            if owner is not None:
                tok, idx = owner, entity_of_np(owner, labels)
        if idx is None and "ORG" in labels:
            idx = bearers.organisation(tok)
        return idx, np_text(tok), tok

    def _threat_target(self, anchor: Token, labels: tuple[str, ...]) -> tuple[int | None, str | None]:
        obj = object_token(anchor)
        if obj is not None:
            idx = entity_of_np(obj, labels)
            if idx is None:  # "their safety is being threatened"
                poss = next((c for c in obj.children if c.dep_ == "poss"), None)
                idx = entity_of_np(poss, labels) if poss is not None else None
            return idx, np_text(obj)
        for c in anchor.children:
            if c.dep_ == "xcomp":
                for t in c.subtree:
                    if t.dep_ in ("dobj", "nsubj", "nsubjpass") and t.i != c.i:
                        idx = entity_of_np(t, labels)
                        if idx is not None:
                            return idx, np_text(t)
        return None, None

    def _threat_wording(self, anchor: Token) -> str | None:
        """What is threatened: "threatened to have him arrested again for defamation" -> "arrest for defamation"."""
        for t in anchor.subtree:
            if t.i == anchor.i or t.pos_ not in ("VERB", "NOUN"):
                continue
            hit = next((tr for tr in self.onto.triggers_by_key.values()
                        if tr.kind in ("verb", "noun") and tr.words[0] == t.lemma_.lower()
                        and tr.event_type != "THREATEN"), None)
            if hit is None:
                continue
            charges = attrs.find_charges(t, hit.event_type)
            return t.lemma_.lower() + (" for " + ", ".join(charges) if charges else "")
        return None

    def _agent(self, anchor: Token, trig: Trigger) -> tuple[str | None, int | None]:
        doc = anchor.doc
        tok: Token | None = None
        if trig.kind == "phrase" and "AUTHORITY" in trig.words:
            by = next((c for c in anchor.children if c.dep_ == "agent" or c.lower_ == "by"), None)
            tok = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        elif trig is shapes.ACCUSED_BY_AUTHORITY:
            tok = shapes.accuser(anchor)  # "a warrant from the prosecutor's office, which accused him of…"
        elif anchor.pos_ in ("VERB", "AUX") and trig.subject == "object":
            tok = agent_token(anchor)
        elif anchor.pos_ not in ("VERB", "AUX"):
            by = next((c for c in anchor.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            if by is not None:
                tok = next((c for c in by.children if c.dep_ == "pobj"), None)
            else:
                base = anchor.head if anchor.dep_ == "compound" else anchor  # "rejected the bail application"
                if base.head.lemma_.lower() in ISSUING_VERBS | REFUSING | GRANTING \
                        and base.dep_ in ("dobj", "nsubjpass"):
                    tok = agent_token(base.head)
        if tok is None or (in_quote(tok) and not in_quote(anchor)):
            return None, None
        tok = attrs.decision_author(tok) or tok  # "the order of the High Court dismissing his bail plea"
        idx = entity_of_np(tok, ("PERSON", "ORG"))
        if idx is not None:
            return doc._.casetrail_entities[idx].name, idx
        if tok.pos_ == "PRON":
            return None, None
        return np_text(tok), None

    def _attributes(self, anchor: Token, event_type: str) -> dict:
        out: dict = {}
        if event_type in ("SENTENCE", "DETAIN", "HOUSE_ARREST", "BAN", "EXILE"):
            d = attrs.find_duration(anchor)
            if d:
                out["duration"] = d
        if event_type in ("FINE", "COMPENSATION_ORDER", "BAIL"):
            amount = attrs.find_amount(anchor)
            if amount:
                out["amount"] = amount
        charges = attrs.find_charges(anchor, event_type)
        if charges:
            out["charges"] = charges
        out.update(attrs.find_places(anchor, event_type))
        if event_type == "COMPENSATION_ORDER":
            name, _idx = attrs.find_beneficiary(anchor)
            if name:
                out["beneficiary"] = name
        return out

def _also_inside(inner: Candidate, outer: Candidate) -> bool:
    """A hit inside a longer one that is an event of its own: the sentence in "is serving a ten-year sentence"
    (the phrase is the detention, the noun the sentence being served)."""
    return inner.trigger.event_type == "SENTENCE" and inner.trigger.kind == "noun" \
        and outer.trigger.event_type == "DETAIN" and outer.trigger.words[0] == "serve"


def _quantifier_object(verb: Token) -> Token | None:
    """ "found both guilty", "sentenced all to death": a quantifier right after the verb is its object (the
    parser reads "both" as a conjunction; the group is resolved like "the three"); "found her guilty"."""
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and nxt.lower_ in ("both", "all", "each"):
        return nxt
    for c in verb.children:  # "found her guilty": the parser makes "her" the subject of a clause "her guilty"
        if c.dep_ in ("ccomp", "oprd", "xcomp") and c.pos_ == "ADJ":
            subj = next((s for s in c.children if s.dep_ == "nsubj"), None)
            if subj is not None:
                return subj
    return None


def _in_a_name(tok: Token) -> bool:
    """A trigger noun inside a name is no event: "Amnesty International", "the Trial Chamber"."""
    return tok.ent_type_ in ("ORG", "PERSON", "WORK_OF_ART", "LAW", "FAC") and tok.text[:1].isupper()


def _of_a_term(prep: Token) -> bool:
    """ "of 40 years", "of life": a preposition that gives the term, not the one it is passed on."""
    obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
    return prep.lower_ == "of" and obj is not None and (
        obj.lower_ == "life" or parse_duration(" ".join(t.text for t in obj.subtree)) is not None)


def _unowned(noun: Token) -> bool:
    """An event noun of a clause of its own with no owner named: "The sentence will be delivered", "A civilian
    retrial was granted" (not "the trial of the 47", "a law that carries a sentence", "trials of activists")."""
    noun = noun.head if noun.dep_ == "compound" else noun  # ("a prison sentence": the phrase's head)
    if noun.tag_ == "NNS" or any(c.dep_ == "poss" or (c.dep_ == "prep" and not _of_a_term(c)) for c in noun.children):
        return False  # (the term is no owner: "a prison sentence of 40 years")
    if noun.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return False
    verb = noun.head
    if verb.tag_ == "VBG" or verb.dep_ in ("pcomp", "advcl", "acl", "relcl"):
        return False  # "After reading the sentence, the judge asked…": told on the way, not told of anyone
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() not in ("carry", "face", "risk", "call", "describe")


def _taken_into_custody(verb: Token) -> bool:
    """Whether "detained"/"jailed" tells the moment someone was taken, not a time they were held: a simple
    past ("police detained him", "she was detained at the airport") with no "since", "for two years",
    "until" or perfect tense ("has been detained since 2019", "remains jailed")."""
    if verb.tag_ not in ("VBD", "VBN") or verb.dep_ in ("amod", "acl", "compound"):
        return False
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a in ("has", "have", "had", "been", "being", "remain", "remains", "will", "would") for a in aux):
        return False
    if verb.tag_ == "VBN" and not any(a in ("was", "were", "got", "get", "is", "are") for a in aux) \
            and not any(c.dep_ == "nsubjpass" for c in verb.children):
        return False  # a bare participle: "journalists detained in the crackdown" (held, maybe still)
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("since", "until", "for", "throughout", "without"):
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if c.lower_ != "for" or (obj is not None and (parse_duration(np_text(obj)) or obj.lower_ in (
                    "years", "months", "weeks", "days"))):
                return False
    return True


def _prison_term(term: Token) -> bool:
    """ "the longest term of nine years", "a ten-year term", "a life term" (not "a second term in office")."""
    if any(c.lower_ in ("office", "parliament") for c in term.subtree) or term.head.lower_ in ("office",):
        return False
    if any(c.lower_ in ("prison", "jail", "life") for c in term.children if c.dep_ in ("compound", "amod", "nmod")):
        return True
    return attrs.find_duration(term) is not None


REFUSING = frozenset("deny refuse reject dismiss decline oppose turn".split())
APPLYING = frozenset("""
seek apply withdraw file move approach request plead challenge submit lodge adjourn defer postpone hear list
""".split())


GRANTING = frozenset("grant allow approve accept release free order".split())
BAIL_REQUESTS = frozenset("application plea petition request hearing appeal matter applications pleas".split())


def _applied_for(anchor: Token) -> bool:
    """Whether a bail the text names is only applied for: "sought bail", "withdrawing his bail plea", "reserved
    its verdict on the bail application" (a bail application no one granted or refused)."""
    cur = anchor.head if anchor.dep_ == "compound" else anchor
    if cur.dep_ in ("dobj", "pobj", "nsubjpass") and cur.head.lemma_.lower() in APPLYING:
        return True
    if cur.dep_ == "pobj" and cur.head.head.lemma_.lower() in APPLYING:
        return True
    if anchor.dep_ == "compound" and anchor.head.lemma_.lower() in BAIL_REQUESTS:
        head = cur
        for _ in range(4):  # a decision on the application: granted, allowed, refused, rejected
            if head.lemma_.lower() in GRANTING | REFUSING:
                return False
            if head.head.i == head.i:
                break
            head = head.head
        return True
    return False


def _refused(anchor: Token) -> bool:
    """Whether a bail the text names was refused: "denied bail to X", "rejected the bail plea",
    "refused to grant bail", "the bail plea was rejected", "denying him bail"."""
    cur = anchor.head if anchor.dep_ == "compound" else anchor  # "bail plea", "bail petition"
    for _ in range(4):
        if cur.lemma_.lower() in REFUSING:
            return True
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in ("xcomp", "dobj", "nsubjpass", "nsubj", "pobj", "prep", "compound", "ccomp") \
                or cur.pos_ in ("VERB", "AUX"):
            cur = cur.head
        else:
            return False
    return False


@Language.factory("casetrail_events", default_config={})
def make_events(nlp: Language, name: str) -> EventExtractor:
    """Factory for the events component."""
    return EventExtractor(nlp, name)
