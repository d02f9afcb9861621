"""The review queue on the large store: page time (median of 5) through the web app, logged in as an editor.

    .venv/bin/python benchmarks/review_queue.py [--store-size 100000] [--db /tmp/big.db] [--out benchmarks/review.json]

The store is the one ``bench.py`` builds (real extraction results bulk-inserted under new ids and names),
plus one person kept under one name in every tenth round, so that they are reported in thousands of articles;
an existing ``--db`` is reused, and an interrupted fill resumes. Measured: the queue page (HTML) and its
JSON, a person page, a status write, a bulk verify of ten items and an event correction,
each with the case file rebuilt.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench import fill_store  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from casetrail.casefile.assemble import find_person  # noqa: E402
from casetrail.review.accounts import Accounts  # noqa: E402
from casetrail.store import schema as t  # noqa: E402
from casetrail.store.store import Store  # noqa: E402
from casetrail.web.app import create_app  # noqa: E402


def timed(fn, runs: int = 5) -> float:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return round(statistics.median(out), 4)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store-size", type=int, default=100_000)
    ap.add_argument("--db", default="/tmp/casetrail-bench-review.db")
    ap.add_argument("--model", default="md")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "review.json"))
    args = ap.parse_args()
    store = Store(args.db)
    t0 = time.perf_counter()
    fill_store(store, args.store_size, args.model, heavy=True)  # no-op when full, a resume when interrupted
    fill = round(time.perf_counter() - t0)
    accounts = Accounts(store)
    if accounts.get("bench-editor") is None:
        accounts.add("bench-editor", "editor", "bench-password-1")
    client = TestClient(create_app(store))
    page = client.get("/login")
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    client.post("/login", data={"name": "bench-editor", "password": "bench-password-1", "csrf": csrf,
                                "next": "/"}, follow_redirects=False)
    session_csrf = client.get("/review").text.split('name="csrf" value="')[1].split('"')[0]
    pid = find_person(store, "Omar Haddad 00001")["id"]
    queue = client.get(f"/review/person/{pid}.json?all=1").json()
    events = [it for it in queue["items"] if it["kind"] == "event"]
    results = {
        "queue_page_html": timed(lambda: client.get(f"/review/person/{pid}?i=3")),
        "queue_page_json": timed(lambda: client.get(f"/review/person/{pid}.json")),
        "person_page": timed(lambda: client.get(f"/person/{pid}")),
        "verify_one_item": timed(lambda: client.post("/review/status", data={
            "csrf": session_csrf, "kind": "event", "ref": events[0]["ref"], "status": "verified"},
            follow_redirects=False)),
        "bulk_verify_10": timed(lambda: client.post("/review/bulk", data={
            "csrf": session_csrf, "status": "verified",
            "items": [f"{it['kind']}|{it['ref']}" for it in queue["items"][:10]]}, follow_redirects=False)),
        "correct_event_date": timed(lambda: client.post(f"/review/event/{events[1]['ref']}", data={
            "csrf": session_csrf, "date": "2017-05"}, follow_redirects=False)),
    }
    # the most-reported person of the store: the queue must stay usable for them too
    with store.engine.connect() as conn:
        docs = func.count(t.local_entities.c.doc_id.distinct())
        heavy, n_docs = conn.execute(select(t.local_entities.c.entity_id, docs).join(
            t.entities, t.entities.c.id == t.local_entities.c.entity_id).where(t.entities.c.type == "PERSON")
            .group_by(t.local_entities.c.entity_id).order_by(docs.desc()).limit(1)).one()
    heavy_items = client.get(f"/review/person/{heavy}.json?all=1").json()["total"]
    results["most_reported_person_queue_html"] = timed(lambda: client.get(f"/review/person/{heavy}?i=3"))
    results["most_reported_person_queue_json"] = timed(lambda: client.get(f"/review/person/{heavy}.json"))
    results["most_reported_person_page"] = timed(lambda: client.get(f"/person/{heavy}"))
    counts = store.counts()
    out = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "store_articles": counts["documents"],
           "store_events": counts["events"], "store_entities": counts["entities"], "fill_seconds_this_run": fill,
           "queue_items": queue["total"],
           "most_reported_person": {"articles": n_docs, "queue_items": heavy_items}, "seconds_median_of_5": results}
    Path(args.out).write_text(json.dumps(out, indent=1), encoding="utf-8")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
