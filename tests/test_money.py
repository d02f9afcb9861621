"""Money as a value type: amount + currency, number words, parenthesised equivalents, comparison."""

from casetrail.values.money import find_money, parse_money, same_money


def test_amount_with_equivalent_keeps_both():
    m = parse_money("ordered to pay 800 million riel ($200,000) in compensation")
    assert (m.amount, m.currency) == (800_000_000, "KHR")
    assert (m.equivalent.amount, m.equivalent.currency) == (200_000, "USD")
    assert m.label() == "800,000,000 KHR (200,000 USD)"


def test_number_words_and_approximations():
    m = parse_money("a fine of eight million riel ($2,000)")
    assert m.amount == 8_000_000 and m.equivalent.amount == 2_000
    m = parse_money("compensation of about $200,000")
    assert m.approximate and m.amount == 200_000
    assert parse_money("a fine of 1.5 billion rupiah").amount == 1.5e9
    assert parse_money("fined €3,000").currency == "EUR"
    assert parse_money("50,000 roubles").currency == "RUB"


def test_same_money_compares_by_value_in_a_shared_currency():
    a = parse_money("800 million riel ($200,000)")
    b = parse_money("about $200,000")
    c = parse_money("eight million riel ($2,000)")
    assert same_money(a, b)
    assert not same_money(a, c)
    assert not same_money(parse_money("$5,000"), parse_money("5,000 euros"))  # no shared currency


def test_find_money_gives_offsets():
    text = "fined $50,000 and ordered to pay $120,000"
    found = find_money(text)
    assert [text[s:e] for s, e, _ in found] == ["$50,000", "$120,000"]
