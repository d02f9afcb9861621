"""Many people, one event: lists, conjunctions, "including", group references ("the three", "they")."""

from conftest import events


def subjects(doc, etype):
    return [s for t, s, _ in events(doc) if t == etype]


def test_a_list_of_seven_gives_seven_sentences(annotate):
    # "Mine" and "Can" are English words: the tagger misses such names inside a list
    doc = annotate("The court also sentenced Leyla Demir, Mine Aksoy, Can Yilmaz, Ozan Kaya and Selin Arslan "
                   "to 12 years in prison.")
    assert subjects(doc, "SENTENCE") == ["Leyla Demir", "Mine Aksoy", "Can Yilmaz", "Ozan Kaya", "Selin Arslan"]
    assert all(e.attributes["duration"] == "12 years" for e in doc._.casetrail_events)


def test_n_others_then_the_list(annotate):
    doc = annotate("The high court on Monday denied bail to Imran Qadir and three others - Farid Lone, Salim "
                   "Dar and Noor Baig.")
    assert subjects(doc, "BAIL") == ["Imran Qadir", "Farid Lone", "Salim Dar", "Noor Baig"]
    assert {st for t, _, st in events(doc)} == {"denied"}


def test_each_of_a_dashed_list(annotate):
    doc = annotate("The four other defendants — Arman Sadykov, Dina Omarova, Yerlan Bekov and Aigul Nurova — "
                   "were each sentenced to seven years.")
    assert subjects(doc, "SENTENCE") == ["Arman Sadykov", "Dina Omarova", "Yerlan Bekov", "Aigul Nurova"]


def test_conjunction_through_an_apposition(annotate):
    doc = annotate("The court also sentenced the activist's former lawyer, Karim Nasser, and fellow blogger "
                   "Youssef Amin to four years each.")
    assert subjects(doc, "SENTENCE") == ["Karim Nasser", "Youssef Amin"]


def test_including_under_a_plural_subject(annotate):
    doc = annotate("A court sentenced roughly 40 opposition members, including the lawyer Sophal Chan, to "
                   "prison on Tuesday.")
    assert subjects(doc, "SENTENCE") == ["Sophal Chan"]


def test_the_three_are_the_three_just_sentenced(annotate):
    doc = annotate("Activist Tarek Mansour was sentenced to five years in prison.\n\n"
                   "Blogger Hany Saleh and lawyer Amr Fouad were sentenced to four years.\n\n"
                   "The three have been detained since September 2019.")
    assert subjects(doc, "DETAIN") == ["Hany Saleh", "Amr Fouad", "Tarek Mansour"]


def test_the_accused_after_a_list(annotate):
    doc = annotate("Defendants Leyla Demir, Ozan Kaya and Selin Arslan were sentenced to 18 years in prison each. "
                   "It was decided to arrest the accused.")
    assert subjects(doc, "ARREST") == ["Leyla Demir", "Ozan Kaya", "Selin Arslan"]


def test_their_with_its_own_plural_antecedent_is_not_the_group(annotate):
    doc = annotate("Blogger Hany Saleh and lawyer Amr Fouad were sentenced to four years.\n\n"
                   "Officials who defected had their sentences suspended.")
    assert subjects(doc, "SENTENCE") == ["Hany Saleh", "Amr Fouad"]


def test_a_relative_clause_on_the_last_conjunct_covers_the_list(annotate):
    doc = annotate("Blogger Hany Saleh and lawyer Amr Fouad, who faced the same charges, were sentenced to four "
                   "years.")
    assert sorted(subjects(doc, "CHARGE")) == ["Amr Fouad", "Hany Saleh"]


def test_a_counted_plural_in_the_lede_is_the_list_named_next(annotate):
    doc = annotate("Rights groups demanded the release of two independent bloggers arrested last week. Officials "
                   "said Amir Rashidov and Daler Nazarov, who were detained on June 15, face charges.")
    assert subjects(doc, "ARREST") == ["Amir Rashidov", "Daler Nazarov"]


def test_among_a_group_names_its_member(annotate):
    """"X was among the N figures convicted": X is one of the group the event is told of."""
    doc = annotate("Lawyer Mirela Costa was among the 40 opposition figures convicted of plotting a rebellion.")
    assert subjects(doc, "CONVICT") == ["Mirela Costa"]
    doc = annotate("Among those sentenced on Friday were Tomas Varga and Ilona Brandt.")
    assert subjects(doc, "SENTENCE") == ["Tomas Varga", "Ilona Brandt"]
    doc = annotate("Mirela Costa was among the guests who attended the wedding.")
    assert events(doc) == []


def test_including_hung_on_the_last_noun_of_the_subject(annotate):
    doc = annotate("On May 2, 2021, all defendants in the case, including Tomas Varga, were acquitted.")
    assert subjects(doc, "ACQUIT") == ["Tomas Varga"]


def test_all_of_them_held_is_each_person_just_named(annotate):
    doc = annotate("Police arrested Tomas Ferro and Lidia Sandor in March. With all of them in custody, the "
                   "governor won a third term unopposed.")
    assert sorted(s for t, s, _ in events(doc) if t == "DETAIN") == ["Lidia Sandor", "Tomas Ferro"]


def test_they_after_one_named_leader_stays_with_her(annotate):
    doc = annotate("Police arrested Tomas Ferro and Lidia Sandor in March. Later, the activist Nadia Roos said "
                   "that she and two fellow activists fled because they are under constant surveillance.")
    assert sorted(s for t, s, _ in events(doc) if t == "SURVEILLANCE") == ["Nadia Roos"]


def test_those_sentenced_are_the_people_listed_after_the_copula(annotate):
    doc = annotate("The two former candidates sentenced are economist Rui Falk (11 years) and veteran trade "
                   "unionist Mona Aste (7 years), a monitor said. Those arrested were Ines Varga and Olek Brun.")
    assert sorted(s for t, s, _ in events(doc) if t == "SENTENCE") == ["Mona Aste", "Rui Falk"]
    assert sorted(s for t, s, _ in events(doc) if t == "ARREST") == ["Ines Varga", "Olek Brun"]


def test_a_person_inside_a_members_description_is_not_a_member(annotate):
    doc = annotate("The tribunal jailed four organisers on Monday, including two students who had campaigned "
                   "against Governor Piet Halm, and the printer Lotte Brandt.")
    jailed = sorted(s for t, s, _ in events(doc) if t == "SENTENCE")
    assert "Piet Halm" not in jailed and "Lotte Brandt" in jailed


def test_an_including_list_after_the_group_s_own_phrase_names_the_group(annotate):
    # the parser hangs "including" on the last noun of the phrase that says why: the list is still the group's
    doc = annotate("Police detained nine students for taking part in a march against the new law, including Tomas "
                   "Vrba and Ilse Marek.")
    assert subjects(doc, "ARREST") == ["Tomas Vrba", "Ilse Marek"]
    doc = annotate("The court jailed four journalists on Monday for spreading false news, including Dana Kiel and "
                   "Omar Fis.")
    assert subjects(doc, "SENTENCE") == ["Dana Kiel", "Omar Fis"]
    doc = annotate("Officers arrested dozens of farmers after a protest over their fields, including Rahim Osei.")
    assert subjects(doc, "ARREST") == ["Rahim Osei"]


def test_an_including_list_after_other_people_is_not_the_group_s(annotate):
    doc = annotate("Police arrested two students after they met the union leaders, including Pia Lund.")
    assert "Pia Lund" not in subjects(doc, "ARREST")
    doc = annotate("Police arrested six activists for insulting President Boro Tal, including Ane Moss.")
    assert "Ane Moss" not in subjects(doc, "ARREST")


def test_a_list_whose_members_carry_descriptions_names_them_all(annotate):
    doc = annotate("Police detained twelve students in the early hours of Thursday as they tried to block the "
                   "bridge.\n\nAmong those detained were Lina Haddad, a 22-year-old medical student who has "
                   "spoken at rallies, Sami Kurt, a member of the student council, and Adel Nasser, a first-year "
                   "student.\n\nThe twelfth, Rosa Mbah, 21, was charged with assaulting an official.")
    arrested = {s for t, s, _ in events(doc) if t == "ARREST"}
    assert {"Lina Haddad", "Sami Kurt", "Adel Nasser"} <= arrested


def test_fined_each_of_them_names_no_charge(annotate):
    doc = annotate("Reporters Lina Haddad and Sami Kurt were arrested on Monday. A court fined each of them "
                   "60,000 dinars the next day.")
    fines = [e for e in doc._.casetrail_events if e.type == "FINE"]
    assert fines and not any(e.attributes.get("charges") for e in fines)


def test_a_semicolon_list_of_described_members_names_them_all(annotate):
    doc = annotate("On 3 March 2025, agents of the police, accompanied by soldiers, detained Juan Pablo Mora, 54, "
                   "president of the water board; Ana Lucía Ruiz, 41, its treasurer; and Pedro Gil, 67, a former "
                   "mayor.")
    arrested = {s for t, s, _ in events(doc) if t == "ARREST"}
    assert arrested == {"Juan Pablo Mora", "Ana Lucía Ruiz", "Pedro Gil"}
