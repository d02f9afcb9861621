"""A whole case in one phrase: "all 12 defendants", "All were charged", "his co-defendants", "among them X"."""

from conftest import events


def by_type(doc, etype):
    return sorted(s for t, s, _ in events(doc) if t == etype)


def dated(doc, etype):
    return {e.subject_text: e.date_text for e in doc._.casetrail_events if e.type == etype}


MASS_TRIAL = (
    "A provincial court on Tuesday jailed all 12 defendants convicted of sedition in the country's largest "
    "protest trial, with organiser Marta Quell receiving the longest term of nine years.\n\n"
    "Her 11 co-defendants were sentenced to shorter terms.\n\n"
    "All were charged with sedition after organising a march in 2021.\n\n"
    "Among them, the poet Ivo Brandt shouted slogans as he was led away.\n\n"
    "The mother of defendant Lena Hart held up a sign outside.\n\n"
    "Teacher Paul Ostrow received seven years and three months."
)


def test_all_the_defendants_are_everyone_the_article_names_as_one(annotate):
    doc = annotate(MASS_TRIAL)
    people = ["Ivo Brandt", "Lena Hart", "Marta Quell", "Paul Ostrow"]
    assert by_type(doc, "SENTENCE") == people
    assert by_type(doc, "CONVICT") == people
    assert by_type(doc, "CHARGE") == people
    assert set(dated(doc, "SENTENCE").values()) == {"Tuesday"}  # one verdict, one day


def test_a_court_jailing_someone_is_a_sentence(annotate):
    doc = annotate("A district court on Friday jailed the blogger Anton Varga for criticising the governor.")
    assert by_type(doc, "SENTENCE") == ["Anton Varga"]
    assert by_type(doc, "DETAIN") == []


def test_the_accused_after_a_list_are_only_those_listed(annotate):
    doc = annotate("Journalist Rana Idris was already serving a life sentence in the case.\n\n"
                   "The court sentenced Omid Farah and Sima Jalal to ten years each. It was decided to arrest the "
                   "accused.")
    assert by_type(doc, "ARREST") == ["Omid Farah", "Sima Jalal"]


def test_a_small_count_must_be_met_exactly(annotate):
    doc = annotate("Both were convicted of espionage on Monday, a court in the capital said. Their editor Bruno "
                   "Lenz was charged with fraud last year.")
    assert "Bruno Lenz" not in by_type(doc, "CONVICT")  # "both" are two people, not the one defendant named


def test_a_counted_group_is_everyone_it_is_said_to_include(annotate):
    doc = annotate("A tribunal on Monday convicted five union organisers of sedition.\n\n"
                   "The five included Rosa Vell, Anton Smid and Kiri Halme, a local councillor.\n\n"
                   "Two former deputies, Ines Varga and Olek Brun, were also convicted.")
    assert by_type(doc, "CONVICT") == ["Anton Smid", "Ines Varga", "Kiri Halme", "Olek Brun", "Rosa Vell"]
    assert set(dated(doc, "CONVICT").values()) == {"Monday"}


def test_a_group_that_includes_nothing_of_the_case_adds_no_one(annotate):
    doc = annotate("A tribunal on Monday convicted five union organisers of sedition.\n\n"
                   "The panel included Judge Rosa Vell and Anton Smid.")
    assert by_type(doc, "CONVICT") == []


def test_all_of_them_is_the_group_just_named_not_the_whole_case(annotate):
    doc = annotate("A tribunal on Monday convicted five union organisers of sedition.\n\n"
                   "The five included Rosa Vell, Anton Smid and Kiri Halme.\n\n"
                   "Police had arrested Rosa Vell and Anton Smid in March. With all of them in custody, the "
                   "governor won a third term.\n\n"
                   "Ines Varga and Olek Brun were also convicted.")
    assert by_type(doc, "DETAIN") == ["Anton Smid", "Rosa Vell"]
