"""The pipeline casetrail builds on a spaCy model: its components in order, and spaCy's own parts unchanged."""

from casetrail.nlp.pipeline import _load_base


def test_the_lemmatizer_gives_spacys_lemmas_from_its_sets(nlp):
    """The rule lemmatizer's word lists are sets in casetrail's pipeline (a list is scanned for every new
    word); every lemma is the one the bare model gives."""
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in table.values())
    bare = _load_base("md")
    text = ("The wardens confiscated the inmates' notebooks, and the striking dockworkers were handcuffed, "
            "fingerprinted and bussed to remoter barracks while the ministries argued.")
    ours = {(t.text, t.pos_): t.lemma_ for t in nlp(text)}
    theirs = {(t.text, t.pos_): t.lemma_ for t in bare(text)}
    same = set(ours) & set(theirs)
    assert len(same) > 15
    assert {k: ours[k] for k in same} == {k: theirs[k] for k in same}
    assert ours[("dockworkers", "NOUN")] == "dockworker"
