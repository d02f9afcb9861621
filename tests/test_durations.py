"""Durations as a value type: "18 months" equals "a year and a half" in days, bounds are kept."""

from casetrail.values.durations import is_duration_phrase, parse_duration, same_duration


def test_parse_numbers_and_number_words():
    assert parse_duration("sentenced to 18 months in prison").label() == "18 months"
    assert parse_duration("five months").label() == "5 months"
    assert parse_duration("a five-year sentence").label() == "5 years"
    assert parse_duration("faces up to 30 years").bound == "up to"


def test_same_duration_across_units():
    assert same_duration(parse_duration("18 months"), parse_duration("1.5 years"))
    assert not same_duration(parse_duration("18 months"), parse_duration("two years"))


def test_length_is_not_a_point_in_time():
    assert is_duration_phrase("five months")
    assert is_duration_phrase("for two years")
    assert not is_duration_phrase("two months later")
    assert not is_duration_phrase("September 14")


def test_compound_terms_are_one_length():
    d = parse_duration("given seven years and nine months in jail")
    assert d.text == "seven years and nine months" and same_duration(d, parse_duration("93 months"))
    assert parse_duration("six years, one month").days == 6 * 365 + 30
    assert parse_duration("eight and a half years").value == 8.5
    assert parse_duration("a year and a half").value == 1.5
    assert is_duration_phrase("four years and two months")
    assert not is_duration_phrase("five years and 2021")


def test_a_length_with_a_bound_or_cut_by_ner_is_still_a_length():
    from casetrail.values.durations import is_duration_phrase
    assert is_duration_phrase("just over 30 years") and is_duration_phrase("less than two weeks")
    assert is_duration_phrase("five years and")  # NER stops before "eight months"
    assert not is_duration_phrase("less than two weeks later") and not is_duration_phrase("September 2022")
