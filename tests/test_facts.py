"""Facts across articles: merging, corroboration counts, discrepancies side by side."""

from casetrail.casefile.facts import FactBuilder


def ev(i, doc, etype, date_value=None, precision=None, status="asserted", **attrs):
    return {"id": f"e{i}", "doc_id": doc, "idx": i, "type": etype, "status": status, "agent": attrs.pop("agent", None),
            "date_text": date_value, "date_value": date_value, "date_precision": precision, "date_basis": "absolute",
            "attributes": attrs, "evidence": [{"start": 0, "end": 5, "sentence": f"sentence {i}"}]}


DOCS = {d: {"id": d, "name": d, "outlet": o} for d, o in [("a", "Post"), ("b", "Post"), ("c", "Wire"), ("d", None)]}
LABELS = {"a": "outlet:post", "b": "outlet:post", "c": "outlet:wire", "d": "story:d"}


def build(events, persecution=True):
    return FactBuilder(DOCS, LABELS).build("p", events, persecution)


def test_same_happening_across_articles_is_one_fact_with_all_citations():
    facts = build([ev(1, "a", "ARREST", "2017-09", "month"), ev(2, "c", "ARREST", "2017-09-03", "day"),
                   ev(3, "d", "ARREST")])
    (f,) = facts
    assert f["doc_ids"] == ["a", "c", "d"] and f["independent_sources"] == 3
    assert f["date_value"] == "2017-09-03" and len(f["citations"]) == 3


def test_two_arrests_years_apart_stay_two_facts():
    facts = build([ev(1, "a", "ARREST", "2015", "year"), ev(2, "c", "ARREST", "2019", "year")])
    assert [f["date_value"] for f in facts] == ["2015", "2019"]


def test_one_outlets_articles_count_once():
    (f,) = build([ev(1, "a", "SENTENCE", duration="18 months"), ev(2, "b", "SENTENCE", duration="18 months")])
    assert (f["independent_sources"], len(f["doc_ids"])) == (1, 2)


def test_discrepancies_show_each_value_with_its_sources():
    money = lambda a, c: {"amount": a, "currency": c, "text": f"{a} {c}"}  # noqa: E731
    (f,) = build([ev(1, "a", "FINE", amount=money(8e6, "KHR")), ev(2, "c", "FINE", amount=money(800e6, "KHR"))])
    (d,) = f["discrepancies"]
    assert d["about"] == "fine amount"
    assert [(v["value"], v["docs"]) for v in d["values"]] == [("8,000,000 KHR", ["a"]), ("800,000,000 KHR", ["c"])]


def test_values_that_mean_the_same_are_no_discrepancy():
    (f,) = build([ev(1, "a", "COMPENSATION_ORDER", amount={"amount": 2e5, "currency": "USD", "approximate": True}),
                  ev(2, "c", "COMPENSATION_ORDER", amount={"amount": 8e8, "currency": "KHR",
                                                          "equivalent": {"amount": 2e5, "currency": "USD"}})])
    assert f["discrepancies"] == []


def test_charge_wording_compared_across_the_court_case():
    facts = build([ev(1, "a", "SENTENCE", charges=["intent to commit a felony"]),
                   ev(2, "c", "CONVICT", charges=["incitement to commit a felony"])])
    conv = next(f for f in facts if f["type"] == "CONVICT")
    assert [d["about"] for d in conv["discrepancies"]] == ["charge wording"]


def test_dates_a_few_days_apart_merge_with_a_date_discrepancy():
    (f,) = build([ev(1, "a", "ARREST", "2020-03-01", "day"), ev(2, "c", "ARREST", "2020-03-03", "day")])
    assert [d["about"] for d in f["discrepancies"]] == ["arrest date"]


def test_persecution_flag_and_timeline_order():
    facts = build([ev(1, "a", "RELEASE"), ev(2, "a", "ARREST")], persecution=False)
    assert [f["type"] for f in facts] == ["ARREST", "RELEASE"]  # undated: the usual order of a case
    assert not any(f["persecution"] for f in facts)


def test_custody_start_compares_an_arrest_with_detained_since():
    arrest = ev(1, "a", "ARREST", "2020-08", "month")
    detained = ev(2, "c", "DETAIN", "2020-12", "month")
    detained["evidence"][0]["sentence"] = "Lai, who has been detained since 2020-12, denied the charges."
    facts = build([arrest, detained])
    found = [d for f in facts for d in f["discrepancies"] if d["about"] == "start of custody"]
    assert [(v["value"], v["docs"]) for v in found[0]["values"]] == [("2020-08", ["a"]), ("2020-12", ["c"])]


def test_a_charge_one_article_lists_and_another_does_not():
    facts = build([ev(1, "a", "CONVICT", charges=["undermining national integrity and spreading false news"]),
                   ev(2, "c", "CONVICT", charges=["treason, undermining national integrity and spreading false news"])])
    (d,) = [d for d in facts[0]["discrepancies"] if d["about"] == "convict charges"]
    assert [v["docs"] for v in d["values"]] == [["a"], ["c"]]


def test_year_unknown_days_and_different_terms():
    facts = build([ev(1, "a", "SENTENCE", "--08-15", "day", duration="34 years"),
                   ev(2, "a", "SENTENCE", duration="six years"),
                   ev(3, "c", "SENTENCE", "--08-09", "day"),
                   ev(4, "d", "SENTENCE", duration="six years")])
    long_term = next(f for f in facts if f["attributes"].get("duration") == "34 years")
    assert sorted(long_term["doc_ids"]) == ["a", "c"]
    assert [d["about"] for d in long_term["discrepancies"]] == ["sentence date"]
    short = next(f for f in facts if f["attributes"].get("duration") == "six years")
    assert sorted(short["doc_ids"]) == ["a", "d"]


def test_described_agents_do_not_contradict_named_ones():
    (f,) = build([ev(1, "a", "SENTENCE", agent="A Nicaraguan court"),
                  ev(2, "c", "SENTENCE", agent="An emergency court")])
    assert f["discrepancies"] == []
    (f,) = build([ev(1, "a", "SENTENCE", agent="Moscow City Court"),
                  ev(2, "c", "SENTENCE", agent="Kirov Regional Court")])
    assert [d["about"] for d in f["discrepancies"]] == ["sentence who acted"]


def test_thousands_of_alike_reports_group_in_linear_time(monkeypatch):
    """A much-reported person: 6,000 articles each saying the same sentence and arrest. Grouping compares
    a happening's distinct (term, date) signatures, not every report (36 million comparisons before)."""
    from casetrail.casefile import facts as module

    calls = []
    real = module._dates_fit
    monkeypatch.setattr(module, "_dates_fit", lambda a, b: calls.append(1) or real(a, b))
    docs = {f"d{i}": {"id": f"d{i}", "name": f"d{i}", "outlet": f"o{i % 7}"} for i in range(6000)}
    labels = {d: f"outlet:{v['outlet']}" for d, v in docs.items()}
    events = [ev(2 * i, f"d{i}", "SENTENCE", "2020-03-04", "day", duration="8 years") for i in range(6000)]
    events += [ev(2 * i + 1, f"d{i}", "ARREST", "2019" if i % 2 else None, "year" if i % 2 else None)
               for i in range(6000)]
    facts = FactBuilder(docs, labels).build("p", events, True)
    assert len(calls) < 10 * len(events)
    assert sorted(f["type"] for f in facts) == ["ARREST", "SENTENCE"]
    assert {f["type"]: len(f["doc_ids"]) for f in facts} == {"ARREST": 6000, "SENTENCE": 6000}
