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


def test_an_extension_read_directly_is_the_one_spacy_gives(annotate):
    from casetrail.nlp.grammar import doc_extension

    doc = annotate("Police arrested the blogger Ana Ruiz on Monday. She was released on Friday.")
    for name in ("casetrail_entities", "casetrail_coref", "casetrail_events", "casetrail_mentions"):
        assert doc_extension(doc, name) is getattr(doc._, name)
    assert doc_extension(doc, "casetrail_no_such_extension") is None
