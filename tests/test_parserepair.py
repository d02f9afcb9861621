"""The verbless parse: a long title-case subject and a date that hide the sentence's verb."""


def test_a_hidden_verb_gets_its_subject_date_term_and_object_back(annotate):
    doc = annotate("A Northern Riverlands High State Security Court on Tuesday sentenced blogger and poet "
                   "Yusuf Amari Kade to four years in prison on charges of spreading false news.")
    sentence = next(e for e in doc._.casetrail_events if e.type == "SENTENCE")
    assert (sentence.subject_text, sentence.date_text, sentence.attributes.get("duration")) == (
        "Yusuf Amari Kade", "Tuesday", "four years")
    verb = next(t for t in doc if t.lower_ == "sentenced")
    assert verb.dep_ == "ROOT" and any(c.dep_ == "nsubj" and c.text == "Court" for c in verb.children)


def test_a_real_modifier_is_left_alone(annotate):
    doc = annotate("The jailed activist Mona Reyes and her detained son, both held in the capital.")
    assert all(t.dep_ != "ROOT" for t in doc if t.lower_ in ("jailed", "detained"))
