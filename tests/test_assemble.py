"""A person's case file from the seeds: profile, timeline, corroboration, quotes, claims, sources."""

import pytest

from casetrail.casefile.assemble import case_file, find_person
from casetrail.errors import PersonNotFound


def test_find_person_by_any_spelling(seeds_store):
    assert find_person(seeds_store, "Kim Sok")["name"] == "Kim Sok"
    assert find_person(seeds_store, "SokEy San")["name"] == "Sok Eysan"
    assert find_person(seeds_store, "mr. hun sen")["name"] == "Hun Sen"
    with pytest.raises(PersonNotFound):
        find_person(seeds_store, "Nobody Here")


def test_kim_sok_case_file(seeds_store):
    cf = case_file(seeds_store, find_person(seeds_store, "Kim Sok")["id"])
    assert cf["persecution_case"]
    types = [f["type"] for f in cf["facts"]]
    for t in ("WARRANT", "SENTENCE", "FINE", "COMPENSATION_ORDER", "FLEE", "ASYLUM_APPLY", "ASYLUM_GRANT", "HIDE"):
        assert t in types
    sentence = next(f for f in cf["facts"] if f["type"] == "SENTENCE")
    assert sentence["attributes"]["duration"] == "18 months" and len(sentence["doc_ids"]) == 2
    warrant = next(f for f in cf["facts"] if f["type"] == "WARRANT")
    assert len(warrant["doc_ids"]) == 2
    comp = next(f for f in cf["facts"] if f["type"] == "COMPENSATION_ORDER")
    assert comp["discrepancies"] == []  # "$200,000" and "800 million riel ($200,000)" agree
    abouts = sorted(d["about"] for d in cf["discrepancies"])
    assert abouts == ["charge wording", "charge wording", "fine amount"]
    assert [s["n"] for s in cf["sources"]] == [1, 2, 3]
    assert any(q["text"].startswith("I know Hun Sen will not forgive me") for q in cf["quotes_by"])
    assert any(q["speaker_name"] == "Sok Eysan" for q in cf["quotes_about"])
    denials = [c for c in cf["claims"] if c["stance"] == "deny"]
    assert denials and all(c["answers"] for c in denials if c["about_name"] == "Kim Sok")


def test_every_citation_points_at_its_sentence(seeds_store):
    cf = case_file(seeds_store, find_person(seeds_store, "Kim Sok")["id"])
    docs = {d["id"]: d for d in seeds_store.documents(with_text=True)}
    for f in cf["facts"]:
        for c in f["citations"]:
            assert docs[c["doc_id"]]["text"][c["text_start"]:c["text_end"]] == c["sentence"]


def test_ordinary_crime_is_no_persecution_case(store):
    from conftest import STYLES

    from casetrail.build import build
    build([str(STYLES / "crime_burglary.txt"), str(STYLES / "crime_embezzlement.txt"),
           str(STYLES / "afp_russia.txt")], store)
    miller = case_file(store, find_person(store, "John Miller")["id"])
    davies = case_file(store, find_person(store, "Richard Davies")["id"])
    kara = case_file(store, find_person(store, "Kara-Murza")["id"])
    assert miller["facts"] and not miller["persecution_case"]
    assert davies["facts"] and not davies["persecution_case"]
    assert kara["persecution_case"]


def test_the_seeds_three_corroborations_are_shown_with_outlet_counts(seeds_store):
    cf = case_file(seeds_store, find_person(seeds_store, "Kim Sok")["id"])
    names = {s["doc_id"]: s["name"][:3] for s in cf["sources"]}
    by_type = {c["type"]: c for c in cf["corroborations"]}
    for etype in ("SENTENCE", "WARRANT"):
        c = by_type[etype]
        assert sorted(names[d] for d in c["docs"]) == ["000", "001"] and c["independent_sources"] == 1
    amount = next(a for a in cf["amounts"] if a["value"].startswith("800,000,000 KHR"))
    assert sorted(names[d] for d in amount["docs"]) == ["000", "001", "002"]
    assert set(amount["as"]) == {"FINE", "COMPENSATION_ORDER"}


def test_every_denial_in_the_seeds_is_linked_to_what_it_denies(seeds_store):
    denials = seeds_store.table_rows("claims", where={"stance": "deny"})
    assert len(denials) >= 4
    for d in denials:
        assert d["target_claims"] or d["target_quotes"] or d["target_events"], d["sentence"]


def test_adding_an_article_updates_only_the_case_files_it_concerns(store, tmp_path):
    from casetrail.build import build

    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    c = tmp_path / "c.txt"
    a.write_text("Police arrested opposition activist Omar Haddad in March 2019, his lawyer said.", encoding="utf-8")
    b.write_text("A court sentenced journalist Ana Ruiz to two years in prison in May 2020.", encoding="utf-8")
    c.write_text("Opposition activist Omar Haddad was released on bail in April 2019.", encoding="utf-8")
    build([str(a), str(b)], store)
    ruiz = find_person(store, "Ana Ruiz")["id"]
    before = store.table_rows("facts", where={"entity_id": ruiz})
    report = build([str(c)], store)
    assert report.people_updated == 1  # Omar Haddad only
    assert store.table_rows("facts", where={"entity_id": ruiz}) == before
    haddad = case_file(store, find_person(store, "Omar Haddad")["id"])
    assert [f["type"] for f in haddad["facts"]] == ["ARREST", "BAIL", "RELEASE"]
