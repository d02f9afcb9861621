"""One verdict, one date: co-defendants "also" sentenced, "Monday's verdict", earlier sentences kept apart."""

from conftest import events

from casetrail.nlp.eventmerge import day_specificity, vaguer


def dates(doc, etype):
    return {e.subject_text: e.date_text for e in doc._.casetrail_events if e.type == etype}


def test_co_defendants_also_sentenced_share_the_verdict_day(annotate):
    doc = annotate("A regional court sentenced the union leader Tomas Herrle to life in prison on March 3.\n\n"
                   "The court also sentenced Ada Wirth and Jon Pell to 12 years for aiding him. It decided to acquit "
                   "Herrle of espionage.")
    assert dates(doc, "SENTENCE") == {"Tomas Herrle": "March 3", "Ada Wirth": "March 3", "Jon Pell": "March 3"}
    assert dates(doc, "ACQUIT") == {"Tomas Herrle": "March 3"}


def test_a_verdict_noun_dates_the_verdict(annotate):
    doc = annotate("A court has sentenced the blogger Nadia Farouk to three years in prison after convicting her "
                   "of spreading false news.\n\nRights groups said Monday's verdict was a travesty.")
    assert dates(doc, "SENTENCE") == {"Nadia Farouk": "Monday"}
    assert dates(doc, "CONVICT") == {"Nadia Farouk": "Monday"}


def test_an_earlier_sentence_is_another_happening_with_its_own_date(annotate):
    doc = annotate("A court on Monday sentenced the activist Karim Saad to five years in prison.\n\n"
                   "Saad was first sentenced in 2014 for taking part in a protest.")
    assert sorted(e.date_text for e in doc._.casetrail_events if e.type == "SENTENCE") == ["2014", "Monday"]


def test_background_about_someone_else_takes_no_verdict_day(annotate):
    doc = annotate("A court on Monday upheld a prison sentence of the poet Lina Moss.\n\n"
                   "She had criticised the jailing of Omar Tal, an economist who was sentenced to ten years.")
    assert dates(doc, "SENTENCE").get("Omar Tal") is None


def test_immediately_arrested_is_dated_by_what_came_before(annotate):
    doc = annotate("Erkin Sala was cleared of the charges in February 2020, but was immediately arrested on new "
                   "charges.")
    assert dates(doc, "ARREST") == {"Erkin Sala": "immediately"}
    assert dates(doc, "ACQUIT") == {"Erkin Sala": "February 2020"}


def test_a_date_inside_a_clause_of_its_own_is_not_the_event_s(annotate):
    doc = annotate("Pro-democracy activist Ray Chu has been jailed for ten years over organising an unofficial "
                   "vote in 2020.")
    assert dates(doc, "SENTENCE") == {"Ray Chu": None}


def test_day_specificity_orders_ways_of_writing_a_day():
    assert day_specificity("August 15") == 3 and day_specificity("on Monday") == 2
    assert day_specificity("yesterday") == 1 and day_specificity("2019") is None
    assert vaguer("yesterday", "on Thursday morning") and not vaguer("August 15", "Monday")


def test_events_of_a_mass_verdict_are_one_per_person(annotate):
    doc = annotate("A court in the capital on Monday sentenced Ivan Petrov to 14 years in prison and Olga Sirko "
                   "to 12 years. Both were convicted of treason.")
    assert [(t, s) for t, s, _ in events(doc)] == [("SENTENCE", "Ivan Petrov"), ("SENTENCE", "Olga Sirko"),
                                                  ("CONVICT", "Ivan Petrov"), ("CONVICT", "Olga Sirko")]
    assert {e.attributes["duration"] for e in doc._.casetrail_events if e.type == "SENTENCE"} == {"14 years",
                                                                                                "12 years"}


def test_an_upheld_sentence_is_the_sentence_first_passed(annotate):
    doc = annotate("On 7 January 2013 the appeal court upheld the sentences of 13 activists, including the rights "
                   "defender Karim Haddad.\n\nHe was originally sentenced on 22 June 2011 by a military court.")
    assert [(e.type, e.subject_text) for e in doc._.casetrail_events if e.type == "SENTENCE"] == [
        ("SENTENCE", "Karim Haddad")]


def test_the_time_of_a_report_is_not_the_time_of_what_it_reports(annotate):
    doc = annotate("Ana Lopes was arrested on Oct. 5 during a protest. Later, speaking outside the police station, "
                   "Lopes said she believed the timing of her arrest was political.")
    assert [(e.type, e.date_text) for e in doc._.casetrail_events if e.type == "ARREST"] == [("ARREST", "Oct. 5")]


def test_the_day_of_a_sentencing_handed_down_and_what_the_court_decided_with_it(annotate):
    doc = annotate("A court has extended the opposition leader Ivan Sobol's prison sentence by 19 years.\n\n"
                   "Sobol attended the sentencing, which was handed down on Friday in a closed hearing.")
    assert dates(doc, "SENTENCE") == {"Ivan Sobol": "Friday"}


def test_a_court_verdict_on_someone_unnamed_gives_the_day(annotate):
    doc = annotate("A court sentenced the cartoonist Lena Harrow to nine years in prison.\n\n"
                   "The court on Thursday jailed a cartoonist for nine years after a two-day trial.")
    sentence = next(e for e in doc._.casetrail_events if e.type == "SENTENCE")
    assert sentence.date_text == "Thursday"


def test_a_court_handing_terms_to_a_group_dates_each_member_s_own_sentence(annotate):
    """The lede gives the verdict's day for the whole group ("handed prison terms … on Friday"); the terms
    told one by one after it are that verdict's, and a range of terms is nobody's own."""
    doc = annotate("The city court on Friday handed prison terms of between five and nine years to four "
                   "journalists of the news site.\n\nThe site's director, Omar Rida, received nine years. Editor "
                   "Lina Haddad was given eight years, while reporters Sami Kurt and Adel Nasser were each "
                   "sentenced to five years.")
    sentences = [(e.subject_text, e.date_text, e.attributes.get("duration")) for e in doc._.casetrail_events
                 if e.type == "SENTENCE"]
    assert sorted(sentences) == [("Adel Nasser", "Friday", "five years"), ("Lina Haddad", "Friday", "eight years"),
                                 ("Omar Rida", "Friday", "nine years"), ("Sami Kurt", "Friday", "five years")]
