"""Reviewers' statuses and corrections (casetrail/review/records.py, overlay.py, identity.py, reconcile.py),
on two small invented articles: each correction shows in the case file, in the exports, survives a
re-extraction by a new extractor version, and lands in the audit log with its before and after."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from casetrail.build import build
from casetrail.casefile.assemble import case_file, find_person
from casetrail.casefile.render import to_markdown
from casetrail.errors import PermissionDenied, ReviewError
from casetrail.exports.run import export_bytes
from casetrail.nlp import extract as extractor
from casetrail.review import audit
from casetrail.review.accounts import Accounts
from casetrail.review.queue import queue
from casetrail.review.reconcile import orphans
from casetrail.review.records import Reviewer, date_value, locate
from casetrail.store.store import Store

ARTICLE_A = ("Police arrested the blogger Ana Ruiz in Lisbon on 1 March 2021, her lawyer Tomas Ortega said.\n\n"
             "Ruiz was charged with defamation on 3 March 2021. “She did nothing wrong,” Ortega told reporters.\n\n"
             "The interior ministry denied that Ruiz had been mistreated in custody.")
ARTICLE_B = ("A court in Lisbon sentenced the blogger Ana Ruiz to three years in prison on 9 June 2021 for "
             "defamation, her lawyer Tomas Ortega said.\n\n"
             "“This verdict punishes words, not crimes,” said Ivan Markov, a fellow blogger.")


@pytest.fixture
def small(tmp_path: Path) -> Iterator[tuple[Store, Path]]:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    store = Store(str(tmp_path / "r.db"))
    build([str(folder)], store)
    yield store, folder
    store.close()


def editor(store: Store, name: str = "erin") -> Reviewer:
    return Reviewer(store, Accounts(store).add(name, "editor", "a long enough password"))


def ruiz(store: Store) -> dict:
    return case_file(store, find_person(store, "Ana Ruiz")["id"])


def fact_of(case: dict, kind: str) -> dict:
    return next(f for f in case["facts"] if f["type"] == kind)


def test_a_viewer_may_not_review(small):
    store, _ = small
    viewer = Accounts(store).add("vic", "viewer", "a long enough password")
    with pytest.raises(PermissionDenied):
        Reviewer(store, viewer)


def test_verifying_every_report_of_a_fact_verifies_the_fact_and_marks_every_output(small):
    store, _ = small
    rv = editor(store)
    arrest = fact_of(ruiz(store), "ARREST")
    assert arrest["review"] is None and "machine-extracted" in to_markdown(ruiz(store))
    rv.bulk([("event", e) for e in arrest["event_ids"]], "verified")
    case = ruiz(store)
    mark = fact_of(case, "ARREST")["review"]
    assert mark["status"] == "verified" and mark["by"] == "erin"
    md = to_markdown(case)
    assert "✓ verified by erin" in md.split("Arrest", 1)[1].split("\n")[0]
    pid = case["id"]
    rows = list(csv.DictReader(io.StringIO(export_bytes(store, [pid], "csv").decode())))
    assert {r["type"]: r["review_status"] for r in rows}["ARREST"] == "verified"
    assert {r["review_status"] for r in rows if r["type"] != "ARREST"} == {"machine-extracted"}
    plover = json.loads(export_bytes(store, [pid], "plover"))
    assert any(p["casetrail_type"] == "ARREST" and p["review"]["status"] == "verified" for p in plover)
    ftm = export_bytes(store, [pid], "ftm").decode()
    assert "verified by erin" in ftm and "machine-extracted" in ftm
    assert "✓ verified by erin" in export_bytes(store, [pid], "html").decode()


def test_verified_only_keeps_what_a_reviewer_verified(small):
    store, _ = small
    rv = editor(store)
    case = ruiz(store)
    rv.set_status("fact", fact_of(case, "CHARGE")["id"], "verified")
    only = case_file(store, case["id"], verified_only=True)
    assert [f["type"] for f in only["facts"]] == ["CHARGE"] and only["verified_only"]
    assert only["quotes_by"] == [] and only["claims"] == []
    body = json.loads(export_bytes(store, [case["id"]], "json", verified_only=True))
    assert [f["type"] for f in body["facts"]] == ["CHARGE"]


def test_a_rejected_report_leaves_the_facts_and_a_disputed_one_is_marked(small):
    store, _ = small
    rv = editor(store)
    case = ruiz(store)
    sentence = fact_of(case, "SENTENCE")
    rv.set_status("event", sentence["event_ids"][0], "rejected", "a hypothetical, misread")
    assert "SENTENCE" not in {f["type"] for f in ruiz(store)["facts"]}
    charge = fact_of(ruiz(store), "CHARGE")
    rv.set_status("fact", charge["id"], "disputed", "the date is the hearing's")
    mark = fact_of(ruiz(store), "CHARGE")["review"]
    assert mark["status"] == "disputed" and mark["note"] == "the date is the hearing's"
    assert "⚠ disputed by erin" in to_markdown(ruiz(store))


def test_correcting_an_event_changes_the_fact_and_logs_before_and_after(small):
    store, _ = small
    rv = editor(store)
    charge = fact_of(ruiz(store), "CHARGE")
    eid = charge["event_ids"][0]
    assert rv.correct_event(eid, {"type": "DETAIN", "date": "February 2021", "duration": "two days"},
                            "it was a detention") == ["type", "date", "duration"]
    case = ruiz(store)
    fixed = fact_of(case, "DETAIN")
    assert (fixed["date_value"], fixed["date_precision"]) == ("2021-02", "month")
    assert fixed["attributes"]["duration"] == "two days"
    assert "corrected: type by erin" in to_markdown(case)
    log = audit.entries(store, target_id=eid)
    by_field = {e["after"]["field"]: e for e in log if e["action"] == "correct"}
    assert by_field["type"]["before"]["value"] == "CHARGE" and by_field["type"]["after"]["value"] == "DETAIN"
    assert by_field["date"]["before"]["value"]["value"] == "2021-03-03"
    rv.correct_event(eid, {"type": ""})  # an empty value takes the correction back
    assert "CHARGE" in {f["type"] for f in ruiz(store)["facts"]}


def test_bad_values_are_refused_with_a_reason(small):
    store, _ = small
    rv = editor(store)
    eid = fact_of(ruiz(store), "ARREST")["event_ids"][0]
    for changes in ({"type": "PICNIC"}, {"date": "someday"}, {"amount": "a lot"}, {"status": "maybe"}):
        with pytest.raises(ReviewError):
            rv.correct_event(eid, changes)
    with pytest.raises(ReviewError):
        rv.set_status("event", "no-such-id", "verified")


def test_dates_keep_their_precision():
    assert date_value("2017")["precision"] == "year"
    assert date_value("2017-06")["precision"] == "month"
    assert date_value("about 2017-06-12") == {"value": "2017-06-12", "precision": "day", "approximate": True,
                                             "text": "about 2017-06-12"}
    assert date_value("June 2017")["value"] == "2017-06"


def test_a_cited_sentence_is_found_with_other_quote_marks_and_spacing():
    body = "He said: “We will appeal.”  The court   adjourned."
    start, end = locate(body, 'the court adjourned.')
    assert body[start:end] == "The court   adjourned."
    with pytest.raises(ReviewError):
        locate(body, "Nothing like this")


def test_reassigning_a_quote_moves_it_to_its_real_speaker(small):
    store, _ = small
    rv = editor(store)
    markov = find_person(store, "Ivan Markov")["id"]
    ortega = find_person(store, "Tomas Ortega")["id"]
    quote = next(q for q in case_file(store, markov)["quotes_by"] if "punishes" in q["text"])
    rv.reassign_speaker(quote["id"], ortega, "Markov was quoting Ortega")
    assert quote["id"] not in {q["id"] for q in case_file(store, markov)["quotes_by"]}
    moved = next(q for q in case_file(store, ortega)["quotes_by"] if q["id"] == quote["id"])
    assert moved["reassigned_by"] == "erin"
    rows = list(csv.DictReader(io.StringIO(export_bytes(store, [ortega], "csv", "quotes").decode())))
    assert any("punishes" in r["quote"] and r["reassigned_by"] == "erin" for r in rows)


def test_merge_and_split_people_and_undo(small):
    store, _ = small
    rv = editor(store)
    ortega = find_person(store, "Tomas Ortega")["id"]
    markov = find_person(store, "Ivan Markov")["id"]
    into = rv.merge(markov, ortega, "one person under two names")
    assert into == ortega
    merged = case_file(store, markov)  # the merged record opens the surviving person's file
    assert merged["id"] == ortega and "Ivan Markov" in merged["aliases"]
    assert [m["name"] for m in merged["merged_from"]] == ["Ivan Markov"]
    assert markov not in {p["id"] for p in store.entities_of("PERSON")}
    fix = next(r for r in store.table_rows("corrections") if r["kind"] == "identity")
    rv.revoke(fix["id"], "two people after all")
    assert case_file(store, markov)["id"] == markov
    # a split: one of Ruiz's two articles is about somebody else
    pid = find_person(store, "Ana Ruiz")["id"]
    docs = [s["doc_id"] for s in ruiz(store)["sources"]]
    other = rv.split(pid, [docs[1]], "Ana Ruiz (poet)")
    assert {s["doc_id"] for s in case_file(store, other)["sources"]} >= {docs[1]}
    assert case_file(store, other)["name"] == "Ana Ruiz (poet)"
    assert docs[1] not in {s["doc_id"] for s in case_file(store, pid)["sources"]}
    with pytest.raises(ReviewError):
        rv.split(pid, docs)  # every article: that is a rename, not a split


def test_rejecting_a_merge_splits_that_article_off(small):
    store, _ = small
    rv = editor(store)
    pid = find_person(store, "Ana Ruiz")["id"]
    merges = [it for it in queue(store, pid)["items"] if it["kind"] == "merge"]
    assert len(merges) == 2  # Ruiz is known from both articles
    rv.set_status("merge", merges[1]["ref"], "rejected", "another Ana Ruiz")
    assert len(case_file(store, pid)["sources"]) == 1


def test_target_of_persecution_and_hand_added_fact(small):
    store, _ = small
    rv = editor(store)
    pid = find_person(store, "Tomas Ortega")["id"]
    doc = ruiz(store)["sources"][0]["doc_id"]
    rv.set_target(pid, True, "the lawyer was threatened too")
    fid = rv.add_fact(pid, "threaten", doc, "“She did nothing wrong,” Ortega told reporters.", date="2021-03")
    case = case_file(store, pid)
    added = fact_of(case, "THREATEN")
    assert added["persecution"] and case["persecution_case"]
    assert added["review"]["status"] == "verified" and added["event_ids"] == [fid]
    assert "added by hand by erin" in to_markdown(case)
    with pytest.raises(ReviewError):
        rv.add_fact(pid, "threaten", doc, "A sentence that is not in the article.")


def test_corrections_survive_a_new_extractor_version(small, monkeypatch):
    store, folder = small
    rv = editor(store)
    charge = fact_of(ruiz(store), "CHARGE")
    rv.correct_event(charge["event_ids"][0], {"date": "2021-03-04"}, "the charge sheet's date")
    rv.set_status("fact", fact_of(ruiz(store), "ARREST")["id"], "verified")
    monkeypatch.setattr(extractor, "EXTRACTOR_VERSION", "review-test")
    report = build([str(folder)], store)
    assert len(report.stored) == 2 and report.review["orphaned"] == 0
    case = ruiz(store)
    assert fact_of(case, "CHARGE")["date_value"] == "2021-03-04"
    assert fact_of(case, "ARREST")["review"]["status"] == "verified"
    assert {d["version"] for d in store.documents()} == {"review-test"}


def test_a_correction_whose_target_is_gone_is_listed_as_an_orphan(small, monkeypatch):
    store, folder = small
    rv = editor(store)
    eid = fact_of(ruiz(store), "ARREST")["event_ids"][0]
    rv.set_status("event", eid, "disputed", "check the date")
    rv.correct_event(eid, {"date": "2021-02-28"})
    (folder / "a.txt").write_text(ARTICLE_A.replace("Police arrested the blogger Ana Ruiz in Lisbon on 1 March 2021, "
                                                    "her lawyer Tomas Ortega said.\n\n", ""), encoding="utf-8")
    report = build([str(folder)], store)  # the edited article is a new document; the old one stays stored
    assert report.stored
    from casetrail.store import schema as t

    with store.transaction() as conn:  # the old reading is replaced by one without the arrest
        conn.execute(t.events.delete().where(t.events.c.id == eid))
    from casetrail.review.reconcile import reconcile

    assert reconcile(store)["orphaned"] == 2
    found = orphans(store)
    assert {o["record"] for o in found} == {"status", "correction"}
    assert any(o["said"].get("status") == "disputed" and "arrested" in o["anchor"]["sentence"] for o in found)
    assert any(e["action"] == "orphaned" for e in audit.entries(store))


def test_a_facts_history_holds_its_own_and_its_reports_changes(small):
    store, _ = small
    rv = editor(store)
    charge = fact_of(ruiz(store), "CHARGE")
    rv.correct_event(charge["event_ids"][0], {"duration": "two days"})
    rv.set_status("fact", charge["id"], "verified")
    log = audit.entries(store, fact_id=charge["id"])
    assert [e["action"] for e in log] == ["status", "correct"]
    assert json.loads(audit.export(store, "json", fact_id=charge["id"]))[0]["after"]["value"] == "two days"


def test_a_rebuild_with_nothing_new_recomputes_nobody_after_a_merge(small):
    store, folder = small
    rv = editor(store)
    rv.merge(find_person(store, "Ivan Markov")["id"], find_person(store, "Tomas Ortega")["id"])
    facts = store.table_rows("facts")
    report = build([str(folder)], store)
    assert report.stored == [] and report.people_updated == 0 and store.table_rows("facts") == facts
