"""Dates as a value type: text, value, precision and basis (absolute, publication, another event)."""

from datetime import date

from casetrail.values.dates import compatible, parse_date, shift

PUB = date(2018, 10, 3)  # a Wednesday


def test_absolute_dates_with_precision():
    assert parse_date("September 2017").value == "2017-09"
    assert parse_date("September 2017").precision == "month"
    assert parse_date("in 2015").precision == "year"
    assert parse_date("September 14", PUB).value == "2018-09-14"


def test_without_publication_date_month_and_day_are_kept_year_unknown():
    d = parse_date("September 14")
    assert (d.value, d.precision) == ("--09-14", "day")
    d = parse_date("January")
    assert (d.value, d.precision) == ("--01", "month")
    assert parse_date("last year").value is None
    assert parse_date("last year").basis == "relative-publication"


def test_relative_to_publication_date():
    assert parse_date("last year", PUB).value == "2017"
    assert parse_date("on Wednesday", PUB).value == "2018-10-03"
    d = parse_date("earlier this month", PUB)
    assert d.value.startswith("2018-10") and d.basis == "relative-publication"
    assert parse_date("last week", PUB).value < "2018-10-03"


def test_relative_to_another_event():
    d = parse_date("two weeks after fleeing to Thailand")
    assert d.basis == "relative-event" and d.value is None
    assert shift(d, parse_date("August 30", PUB)).value == "2018-09-13"
    assert shift(d, parse_date("August 30")).value == "--09-13"  # year still unknown
    assert shift(parse_date("two months later"), parse_date("September 2017")).value == "2017-11"


def test_compatible_compares_to_the_coarser_precision():
    assert compatible(parse_date("September 2017"), parse_date("September 5, 2017"))
    assert not compatible(parse_date("2015"), parse_date("2017"))
    assert compatible(parse_date("September 14"), parse_date("September 14, 2018"))
    assert compatible(parse_date(""), parse_date("2017"))


def test_immediately_is_the_time_of_the_happening_before():
    from casetrail.values.dates import shift

    d = parse_date("immediately")
    assert d.basis == "relative-event"
    assert shift(d, parse_date("in March 2020")).value == "2020-03"


def test_part_of_a_year_is_the_year_approximately():
    for text in ("late in 2021", "early 2019", "mid-2020"):
        d = parse_date(text)
        assert (d.precision, d.approximate) == ("year", True), text


def test_so_long_ago_counts_back_from_the_publication_day_at_the_unit_s_precision():
    pub = date(2026, 11, 25)
    d = parse_date("nearly 16 months ago", pub)
    assert (d.value, d.precision, d.approximate) == ("2025-07", "month", True)
    assert (parse_date("ten days ago", pub).value, parse_date("ten days ago", pub).precision) == ("2026-11-15", "day")
    assert parse_date("a week ago", pub).value == "2026-11-18"
    assert (parse_date("more than two years ago", pub).value, parse_date("two years ago", pub).precision) == (
        "2024", "year")
    assert parse_date("one and a half years ago", pub).value == "2025-05"


def test_last_and_a_month_name_is_the_latest_such_month_before_publication():
    pub = date(2026, 11, 25)
    assert (parse_date("last December", pub).value, parse_date("last December", pub).precision) == ("2025-12", "month")
    assert parse_date("last March", pub).value == "2026-03"


def test_a_month_of_last_or_this_year_is_counted_from_publication_at_its_own_precision():
    pub = date(2019, 4, 2)
    got = lambda t: (parse_date(t, pub).value, parse_date(t, pub).precision)  # noqa: E731
    assert got("October last year") == ("2018-10", "month")  # (dateparser read this year, at a day)
    assert got("in February of this year") == ("2019-02", "month")
    assert got("on 11 November last year") == ("2018-11-11", "day")
    assert got("August 3rd next year") == ("2020-08-03", "day")
    assert parse_date("April 31 last year", pub).value is None  # no such day
    assert got("Sept. 9, 2017") == ("2017-09-09", "day")


def test_time_words_tell_an_expression_of_time_from_a_taggers_slip():
    from casetrail.values.dates import TIME_WORDS

    for text in ("last week", "two days later", "the night of 12 April", "in the spring", "2019", "Eid", "dawn"):
        assert TIME_WORDS.search(text), text
    for text in ("her to", "the group", "as well"):
        assert not TIME_WORDS.search(text), text
