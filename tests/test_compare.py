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
    found = charge_discrepancies([("treason", "a"), ("treason", "b"), ("incitement to violence", "a"),
                                  ("incitement to hatred", "b")])
    assert found == [{"values": [{"value": "incitement to violence", "docs": ["a"]},
                                 {"value": "incitement to hatred", "docs": ["b"]}]}]


def test_rewordings_and_conduct_are_no_discrepancy():
    assert not conflicting_wording("spreading false information", "disseminating fake news")
    assert not conflicting_wording("insulting the Turkish Republic", "insulting the Republic of Turkey")
    # a described conduct beside the charge is the case told more fully, not a second wording
    assert not conflicting_wording("treason", "meeting foreign diplomats")


def test_listed_charges_need_a_charge_in_common():
    from casetrail.casefile.compare import listed_charges_discrepancy
    told_two_ways = listed_charges_discrepancy([(["treason", "sedition"], "a"), (["treason"], "b")])
    assert [v["docs"] for v in told_two_ways] == [["a"], ["b"]]
    # nothing in common: two different cases of one person, not a contradiction
    assert listed_charges_discrepancy([(["tax evasion"], "a"), (["treason"], "b")]) == []


def test_group_values_merges_equal_meanings():
    groups = group_values("destination", [("Thailand", "a"), ("thailand", "b"), ("Finland", "c")])
    assert [(g["value"], g["docs"]) for g in groups] == [("Thailand", ["a", "b"]), ("Finland", ["c"])]


def test_a_broader_wording_of_one_act_is_no_discrepancy():
    from casetrail.casefile.compare import listed_charges_discrepancy
    assert listed_charges_discrepancy([(["spying, rape"], "a"), (["espionage, sexual assault"], "b")]) == []
    assert not conflicting_wording("indecent assault", "rape")
    # two different acts still differ
    told = listed_charges_discrepancy([(["espionage, rape"], "a"), (["espionage, fraud"], "b")])
    assert [v["docs"] for v in told] == [["a"], ["b"]]


def test_a_state_and_its_court_are_one_actor_two_courts_are_not():
    assert same_value("agent", "The Republic of Veltra", "Supreme Security Court")
    assert same_value("agent", "the Kingdom of Norvia", "Criminal Court of Karvo")
    assert not same_value("agent", "Karvo District Court", "Norvia Regional Court")
