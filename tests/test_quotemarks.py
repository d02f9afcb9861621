"""The quote scanner: every shape of quote mark web text uses, repaired without shifting later quotes."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from casetrail.nlp.quotemarks import find_quotes, quote_mask, split_paragraphs


def texts(text):
    return [(text[q.start:q.end], q.continued_from_previous, q.continues) for q in find_quotes(text) if not q.nested]


def test_curly_and_straight_marks():
    assert texts("“We will fight,” she said.") == [("We will fight,", False, False)]
    assert texts('"We will fight," she said.') == [("We will fight,", False, False)]


def test_curly_opening_closed_by_a_straight_mark():
    t = "“I have never thought about my own interests over the interests of my country.\""
    assert texts(t) == [("I have never thought about my own interests over the interests of my country.", False, False)]


def test_opening_mark_stranded_at_paragraph_end_is_dropped_and_later_quotes_unshifted():
    t = "“I will not stop,” Ruiz said. “\n\nThe court met on Monday.\n\n“It is unfair,” her lawyer said."
    assert texts(t) == [("I will not stop,", False, False), ("It is unfair,", False, False)]


def test_multi_paragraph_quote_continues_when_the_next_paragraph_reopens():
    t = ("“The first part of a long statement.\n\n“And the second part,” he said.\n\n"
         "“An unclosed quote whose next paragraph is narrative.\n\nThe minister did not respond.")
    assert texts(t) == [("The first part of a long statement.", False, True),
                        ("And the second part,", True, False),
                        ("An unclosed quote whose next paragraph is narrative.", False, False)]


def test_partial_quote_inside_reported_speech_and_nested_single_quotes():
    t = "He said his “back is against the wall” and added: “As the saying goes, ‘real words are bitter’.”"
    found = find_quotes(t)
    top = [t[q.start:q.end] for q in found if not q.nested]
    nested = [t[q.start:q.end] for q in found if q.nested]
    assert top == ["back is against the wall", "As the saying goes, ‘real words are bitter’."]
    assert nested == ["real words are bitter"]


def test_apostrophes_are_not_quotes():
    assert texts("Sok’s lawyers said the activists’ homes were searched.") == []


def test_single_quote_speech_style():
    t = "‘The court has issued the harshest sentence,’ his lawyer said. ‘We will appeal.’"
    assert [x for x, _, _ in texts(t)] == ["The court has issued the harshest sentence,", "We will appeal."]


def test_single_quote_speech_beside_double_quoted_terms():
    t = "He was convicted of \"corruption on earth\".\n\n'We will appeal within the 20 days the law allows,' he said."
    assert [x for x, _, _ in texts(t)] == ["corruption on earth",
                                           "We will appeal within the 20 days the law allows,"]


def test_opening_mark_used_as_closing_mark():
    assert texts("“We are not afraid,“ she said.") == [("We are not afraid,", False, False)]


def test_paragraphs():
    assert split_paragraphs("a\n\n\n b \n\nc") == [(0, 1), (5, 6), (9, 10)]


MARKS = st.sampled_from(["“", "”", '"', "‘", "’", "'", " ", "\n\n", "a", "B", ",", ".", "x y"])


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKS, max_size=60).map("".join))
def test_scanner_never_crashes_and_spans_are_well_formed(text):
    spans = find_quotes(text)
    top = [q for q in spans if not q.nested]
    for q in spans:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == text[q.start:q.end].strip()
    for a, b in itertools.pairwise(top):
        assert a.end <= b.start  # top-level quotes never overlap
    mask = quote_mask(text, spans)
    assert len(mask) == len(text)
    for q in top:
        assert all(mask[q.start:q.end])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="“”\"‘’' abc.,\n", max_size=80), st.text(alphabet="abc ", min_size=3, max_size=20))
def test_a_stray_mark_in_one_paragraph_never_changes_the_next(prefix, words):
    later = f"“{words.strip() or 'abc'} end,” she said."
    alone = texts(later)
    assert texts(prefix.replace("\n", " ") + "\n\nNarrative.\n\n" + later)[-len(alone):] == alone


def test_a_single_quoted_stretch_around_an_unclosed_double_mark_is_not_a_second_quote():
    spans = [q for q in find_quotes("‘B“ x yx y’") if not q.nested]  # found by the property test
    assert len(spans) == 1
