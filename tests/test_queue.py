"""The review queue (casetrail/review/queue.py): a person's items in timeline order, reviewed ones leaving it,
each item's sentence highlighted (and escaped) in its article."""

from __future__ import annotations

from test_records import editor, small  # noqa: F401  (the fixture)

from casetrail.casefile.assemble import find_person
from casetrail.review.queue import context, queue


def test_items_come_in_timeline_order_and_reviewed_ones_leave(small):  # noqa: F811
    store, _ = small
    pid = find_person(store, "Ana Ruiz")["id"]
    q = queue(store, pid)
    kinds = [it["kind"] for it in q["items"]]
    assert kinds[0] == "person" and kinds[1:3] == ["merge", "merge"]
    events = [it for it in q["items"] if it["kind"] == "event"]
    dates = [it["event"]["date_value"] for it in events if it["event"]["date_value"]]
    assert dates == sorted(dates) and [it["event"]["type"] for it in events][:2] == ["ARREST", "CHARGE"]
    assert q["unreviewed"] == q["total"] == len(q["items"])
    editor(store).bulk([(it["kind"], it["ref"]) for it in q["items"][:3]], "verified")
    after = queue(store, pid)
    assert after["unreviewed"] == q["total"] - 3 and len(after["items"]) == q["total"] - 3
    everything = queue(store, pid, include_reviewed=True)
    assert len(everything["items"]) == q["total"]
    assert [it["status"] for it in everything["items"]][:3] == ["verified"] * 3


def test_the_sentence_is_highlighted_in_its_article(small):  # noqa: F811
    store, _ = small
    pid = find_person(store, "Ana Ruiz")["id"]
    item = next(it for it in queue(store, pid)["items"] if it["kind"] == "event")
    html = str(context(store, item))
    assert '<mark id="current">Police arrested the blogger Ana Ruiz' in html
    merge = next(it for it in queue(store, pid)["items"] if it["kind"] == "merge")
    assert '<mark id="current">' in str(context(store, merge))  # the person's first mention in that article
