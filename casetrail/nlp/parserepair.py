"""Repairs of two parse failures that hide a sentence's verb from the rules: the verbless parse, and a
reporting verb left as an auxiliary.

A long title-case subject followed by a date ("A Mansoura High Emergency State Security Court on Tuesday
sentenced researcher X to three years") can make the parser read the whole sentence as one noun phrase:
the subject noun becomes the root and the verb an adjective ("sentenced" as ``amod`` of "researcher").
Every rule that reads a clause then finds no subject, date or term. The repair is narrow: in a sentence
with no verb heading a clause, a past-tense verb read as a modifier after the root noun, with no
determiner before it, becomes the root; the old root its subject; the old root's dependents after the
verb (and its prepositions between the two, "on Tuesday") become the verb's, an apposition its object.

A confused parse of "Reacting to …, X, the group's director, said:" can leave "said" an unlemmatised
auxiliary of nothing; it becomes the verb "say" again, so that speakers are looked for.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

# Verbs that head a main or adverbial clause (a gerund in a phrase, "of spreading false news", does not)
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "csubj", "parataxis"})


def _hidden_verb(sent: Span) -> Token | None:
    """The verb a verbless parse read as a modifier, or None when the sentence parsed as a clause."""
    root = sent.root
    if root.pos_ not in ("NOUN", "PROPN"):
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ in CLAUSE_DEPS for t in sent):
        return None
    for t in sent:
        if t.i <= root.i or t.pos_ != "VERB" or t.tag_ not in ("VBD", "VBN") or t.dep_ != "amod":
            continue
        before = t.doc[t.i - 1]
        if before.pos_ in ("DET", "PRON", "ADJ", "ADV") or before.dep_ in ("poss", "det"):
            return None  # "the jailed activist", "her detained son": a real modifier
        return t
    return None


def repair(doc: Doc) -> int:
    """Re-head each verbless parse of the module docstring; returns how many sentences were repaired."""
    fixed = 0
    for sent in list(doc.sents):
        verb = _hidden_verb(sent)
        if verb is None:
            continue
        root = sent.root
        moving = [c for c in root.children if c.i > verb.i or (c.i > root.i and c.dep_ == "prep")]
        verb.head = verb
        verb.dep_ = "ROOT"
        verb.tag_ = "VBD"
        root.head = verb
        root.dep_ = "nsubj"
        for c in moving:
            c.head = verb
            if c.dep_ == "appos":
                c.dep_ = "dobj"
        fixed += 1
    return fixed


# Reporting verbs a confused parse leaves unlemmatised and calls an auxiliary ("…, Russia Director, said:").
REPORTING_FORMS = {"said": "say", "says": "say", "told": "tell", "tells": "tell", "wrote": "write"}


def repair_reporting_verbs(doc: Doc) -> int:
    """A reporting verb the tagger read as an auxiliary of nothing ("said" as ``aux`` with no verb after
    it) is a verb again, with its lemma, so the rules that look for speakers see it."""
    fixed = 0
    for t in doc:
        lemma = REPORTING_FORMS.get(t.lower_)
        if lemma is None or t.pos_ == "VERB":
            continue
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if t.pos_ == "AUX" and nxt is not None and nxt.pos_ in ("VERB", "AUX"):
            continue  # an auxiliary before a verb keeps its reading ("says" never is one, but the tagger decides)
        t.pos_ = "VERB"
        t.lemma_ = lemma
        fixed += 1
    return fixed


@Language.component("casetrail_parse_repair")
def parse_repair_component(doc: Doc) -> Doc:
    """Pipeline step after the parser: see the module docstring."""
    repair(doc)
    repair_reporting_verbs(doc)
    return doc
