"""Shared parse helpers: the per-document token arrays every scan reads instead of making Tokens."""

from casetrail.nlp.grammar import token_forms


def test_token_forms_say_what_the_tokens_say(annotate):
    doc = annotate("Mr. Oduya, a union leader, was detained on Friday — and RELEASED at dawn.\n\n"
                   "“Free them,” the seven-member panel's chair said.")
    forms = token_forms(doc)
    assert forms.texts == [t.text for t in doc]
    assert forms.lowers == [t.lower_ for t in doc]
    assert forms.lemmas == [t.lemma_.lower() for t in doc]
    assert forms.kinds == ["verb" if t.pos_ in ("VERB", "AUX") else "noun" if t.pos_ in ("NOUN", "PROPN") else None
                           for t in doc]
    assert forms.words == [not t.is_punct and not t.is_space for t in doc]
    assert token_forms(doc) is forms  # read once per document
