"""Roles given beside a name (casetrail/nlp/roles.py): the words that describe the person, never a fragment
of the sentence around, never a role of someone else."""

from conftest import people


def test_a_role_starts_after_the_words_of_another_clause(annotate):
    doc = annotate("A tribunal sentenced poet Mara Quill to nine years in jail and union organiser Teo Brand to "
                   "life. The jailing of veteran labour lawyer and press freedom advocate Ines Dorr followed.")
    ps = people(doc)
    assert [r["role"] for r in ps["Teo Brand"].roles] == ["union organiser"]
    assert ps["Ines Dorr"].roles[0]["role"] == "veteran labour lawyer and press freedom advocate"


def test_a_role_of_someone_else_stays_theirs(annotate):
    doc = annotate("Vela's lawyer, Ana Ruiz, said the court had ignored the evidence. Former mayor Tomas Vela, a "
                   "union organiser, denies the charges.")
    ps = people(doc)
    assert [r["role"] for r in ps["Ana Ruiz"].roles] == ["Vela's lawyer"]
    roles = {r["role"] for r in ps["Tomas Vela"].roles}
    assert "union organiser" in roles and "Vela's lawyer" not in roles
