"""What counts as the same value across outlets, and what is a discrepancy."""

from casetrail.casefile.compare import charge_discrepancies, conflicting_wording, group_values, same_value


def _money(amount, currency, eq=None):
    v = {"amount": amount, "currency": currency, "text": ""}
    if eq:
        v["equivalent"] = {"amount": eq[0], "currency": eq[1]}
    return v


def test_money_compares_by_value():
    assert same_value("amount", _money(800e6, "KHR", (200e3, "USD")), _money(200e3, "USD"))
    assert not same_value("amount", _money(8e6, "KHR", (2e3, "USD")), _money(800e6, "KHR", (200e3, "USD")))


def test_durations_compare_by_length():
    assert same_value("duration", "18 months", "1.5 years")
    assert not same_value("duration", "18 months", "two years")


def test_charge_wordings():
    assert conflicting_wording("intent to commit a felony", "incitement to commit a felony")
    assert conflicting_wording("public defamation", "defamation of the ruling party")
    assert not conflicting_wording("defamation", "public defamation")  # more specific, not contradictory
    assert not conflicting_wording("defaming the government", "defamation of the government")


def test_charge_discrepancies_group_documents_per_wording():
    found = charge_discrepancies([("treason", "a"), ("treason", "b"), ("spreading false information", "a"),
                                  ("spreading fake news", "b")])
    assert found == [{"values": [{"value": "spreading false information", "docs": ["a"]},
                                 {"value": "spreading fake news", "docs": ["b"]}]}]


def test_group_values_merges_equal_meanings():
    groups = group_values("destination", [("Thailand", "a"), ("thailand", "b"), ("Finland", "c")])
    assert [(g["value"], g["docs"]) for g in groups] == [("Thailand", ["a", "b"]), ("Finland", ["c"])]
