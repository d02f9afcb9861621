"""spaCy's rule components answered faster in casetrail's pipeline: every answer is the one spaCy gives."""

import pytest
import spacy
from spacy.matcher import Matcher

from casetrail.nlp.fastrules import IndexedMatcher
from casetrail.nlp.pipeline import _load_base


@pytest.fixture(scope="module")
def bare():
    return _load_base("md")


def test_the_lemmatizer_gives_spacys_lemmas_from_its_sets(nlp, bare):
    """The rule lemmatizer's word lists are sets in casetrail's pipeline (a list is scanned for every new
    word); every lemma is the one the bare model gives."""
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in table.values())
    text = ("The wardens confiscated the inmates' notebooks, and the striking dockworkers were handcuffed, "
            "fingerprinted and bussed to remoter barracks while the ministries argued.")
    ours = {(t.text, t.pos_): t.lemma_ for t in nlp(text)}
    theirs = {(t.text, t.pos_): t.lemma_ for t in bare(text)}
    same = set(ours) & set(theirs)
    assert len(same) > 15
    assert {k: ours[k] for k in same} == {k: theirs[k] for k in same}
    assert ours[("dockworkers", "NOUN")] == "dockworker"


def _both(patterns: dict[str, list], text: str) -> tuple[list, list, bool]:
    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    for key, pats in patterns.items():
        matcher.add(key, pats)
    doc = nlp(text)
    quick = IndexedMatcher(matcher, list(patterns), nlp.vocab)
    return sorted(matcher(doc, allow_missing=True)), sorted(quick(doc, allow_missing=True)), quick.ready


def test_exact_set_and_regex_checks_match_what_spacys_matcher_matches():
    """Exact words, sets, excluded sets, regular expressions, two-token patterns, flags, and a key whose two
    patterns hit the same span (spaCy gives it once)."""
    patterns = {
        "word": [[{"LOWER": "warden"}], [{"ORTH": "warden"}]],
        "set": [[{"LOWER": {"IN": ["cell", "cells", "yard"]}}]],
        "not_set": [[{"IS_PUNCT": True}, {"LOWER": {"NOT_IN": ["the", "a"]}}]],
        "regex": [[{"LOWER": {"REGEX": "^n'?t$"}}], [{"LOWER": {"REGEX": "ing$"}, "IS_ALPHA": True}]],
        "pair": [[{"LOWER": "solitary"}, {"LOWER": "confinement"}]],
        "space": [[{"IS_SPACE": True}]],
    }
    text = ("The warden said the yard was closed; guards aren't talking.  Solitary confinement, warden, "
            "is being used in two cells.\n\nNothing else: a warden")
    theirs, ours, ready = _both(patterns, text)
    assert ready
    assert ours == theirs
    assert len(theirs) > 10


def test_a_pattern_it_cannot_read_leaves_the_answer_to_spacy():
    """An operator (``OP``) or a comparison is spaCy's to read: the quick matcher is not used, and asking
    it still gives spaCy's matches."""
    theirs, ours, ready = _both({"op": [[{"LOWER": "very", "OP": "+"}, {"LOWER": "long"}]]}, "a very very long wait")
    assert not ready and ours == theirs and theirs
    _, _, ready = _both({"length": [[{"LENGTH": {">=": 5}}]]}, "a sentence")
    assert not ready


def test_a_rule_added_later_is_indexed_too():
    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    matcher.add("first", [[{"LOWER": "detained"}]])
    quick = IndexedMatcher(matcher, ["first"], nlp.vocab)
    quick.add("second", [[{"LOWER": "released"}]])
    doc = nlp("She was detained, then released.")
    assert sorted(quick(doc, allow_missing=True)) == sorted(matcher(doc, allow_missing=True))
    assert len(quick(doc, allow_missing=True)) == 2 and "second" in quick and len(quick) == 2


def test_the_attribute_ruler_sets_what_spacys_sets(nlp, bare):
    """casetrail's pipeline gives the model's attribute ruler the index; on the same parse, the coarse parts
    of speech and morphology it sets (and the lemmas read from them) are the ones spaCy's own Matcher gives,
    contractions and dialect spellings included."""
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.matcher, IndexedMatcher)
    text = ("I ain't sayin' nothin', y' hear? The guards didn't let us sleep, and I'd have said so if they'd "
            "asked whether it was legal.  Who'd know?  Them cells, they're cold, innit.\n\nWe've been told "
            "that, whilst the court is closed, no one can visit him or her.")
    parsed = bare(text, disable=["attribute_ruler", "lemmatizer", "ner"])
    theirs, ours = parsed.copy(), parsed.copy()
    bare.get_pipe("attribute_ruler")(theirs)
    ruler(ours)
    for doc in (theirs, ours):
        bare.get_pipe("lemmatizer")(doc)
    got = [(t.pos_, str(t.morph), t.lemma_) for t in ours]
    assert got == [(t.pos_, str(t.morph), t.lemma_) for t in theirs]
    words = [t.text for t in ours]
    assert got[words.index("nothin'")][2] == "nothing"  # (a regular-expression rule's lemma)
    assert got[words.index("whether")][0] == "SCONJ"  # (a rule of a tag and a set of words)
