"""Name spans: NER's spans trimmed and repaired, names it missed found, non-names refused."""

from casetrail.nlp.namespans import looks_like_name, trim


def test_trim_stops_at_a_sentence_end_and_a_parenthesis(nlp):
    doc = nlp.make_doc("Prime Minister Hun Sen. Local critics spoke of the International Organisation (IOM).")
    assert doc[trim(doc, 2, 5)[0]:trim(doc, 2, 5)[1]].text == "Hun Sen."
    org = [t.i for t in doc if t.text in ("International", "IOM")]
    s, e = trim(doc, org[0], org[1] + 1)
    assert doc[s:e].text == "International Organisation"


def test_names_take_particles_hyphens_and_nickname_marks_but_not_digits(nlp):
    for text, ok in [("Osama bin Laden", True), ("Vladimir Kara-Murza", True), ("Mohamed “Oxygen” Ibrahim", True),
                     ("Room 101", False)]:
        doc = nlp.make_doc(text)
        assert looks_like_name(doc[:]) is ok, text


def test_organisations_and_list_names_in_context(annotate):
    doc = annotate("Freedom Now Committee said the court sentenced Ayse Kaya, Mine Celik and Can Oz to prison.")
    labels = {e.name: e.label for e in doc._.casetrail_entities}
    assert labels.get("Freedom Now Committee") == "ORG"
    assert {"Ayse Kaya", "Mine Celik", "Can Oz"} <= {n for n, lab in labels.items() if lab == "PERSON"}
