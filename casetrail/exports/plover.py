"""PLOVER-style event records: one record per reported event, in the PLOVER event/mode vocabulary.

Fields follow the PLOVER specification's JSON records (``id``, ``date``, ``event``, ``mode``,
``context``, ``actor``, ``recipient``, ``location``, ``source``, ``text``) with casetrail's additions:
the CAMEO root code, the HURIDOCS act type, the status (claimed, denied…), the date precision and the
fact the record belongs to, so event-data tools and human-rights databases can both read it.
"""

from __future__ import annotations

import json
from typing import Any

from casetrail.domain.schema import ontology
from casetrail.review.overlay import events_as_reviewed
from casetrail.store.store import Store


def plover_records(store: Store, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One PLOVER record per event behind the given case files' facts."""
    onto = ontology()
    out = []
    for case in cases:
        docs = {s["doc_id"]: s for s in case["sources"]}
        for f in case["facts"]:
            with store.engine.connect() as conn:
                fact_events = events_as_reviewed(conn, f["event_ids"])
            marks = {c["event_id"]: c.get("review") for c in f.get("citations", [])}
            for eid in f["event_ids"]:
                ev = fact_events.get(eid)
                if ev is None:
                    continue
                codes = onto.plover(ev["type"])
                src = docs.get(ev["doc_id"], {})
                out.append({
                    "id": eid, "fact_id": f["id"], "date": ev["date_value"], "date_precision": ev["date_precision"],
                    "date_text": ev["date_text"], "event": codes["event"], "mode": codes["mode"],
                    "context": ["human_rights", "legal"] if f["persecution"] else ["legal"],
                    "casetrail_type": ev["type"], "cameo": codes["cameo"], "huridocs": codes["huridocs"],
                    "status": ev["status"], "actor": ev["agent"], "recipient": case["name"],
                    "location": ev["attributes"].get("place") or ev["attributes"].get("destination"),
                    "source": src.get("outlet"), "url": src.get("url"), "title": src.get("title"),
                    "text": " ".join(e["sentence"] for e in ev["evidence"]),
                    "pages": sorted({e["page"] for e in ev["evidence"] if e.get("page")}),
                    "review": marks.get(eid) or f.get("review") or {"status": "machine-extracted"},
                    "corrected": ev.get("corrected") or [], "added_by_hand": ev.get("manual"),
                })
    return out


def to_plover_json(store: Store, cases: list[dict[str, Any]]) -> str:
    return json.dumps(plover_records(store, cases), ensure_ascii=False, indent=1)
