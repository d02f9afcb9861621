"""Reviewers' work applied when case files are read: corrected events feed the facts, statuses mark every
line (verified by whom, or machine-extracted), rejected items drop out, reassigned quotes move to their
real speaker, and a case file can be limited to verified facts.

Nothing here writes extraction rows: corrections are read from their own table and laid over the
machine's reading, so they survive re-extraction (``reconcile`` keeps their targets in step).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, select

from casetrail.store import schema as t
from casetrail.store.store import Store

CHUNK = 900


def _rows_in(conn: Connection, table: Table, column: str, ids: list[str], *where: Any) -> list[dict[str, Any]]:
    """Rows whose ``column`` is one of ``ids`` (read in chunks, under the database's parameter limit)."""
    ids = sorted({i for i in ids if i})
    return [dict(r) for s in range(0, len(ids), CHUNK) for r in conn.execute(
        select(table).where(table.c[column].in_(ids[s:s + CHUNK]), *where)).mappings()]


def reviews(conn: Connection, kind: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Target id -> its current review (orphans left out: they are listed apart)."""
    return {r["target_id"]: r for r in _rows_in(conn, t.reviews, "target_id", ids, t.reviews.c.target_kind == kind,
                                                 t.reviews.c.orphan.is_(False))}


def corrections(conn: Connection, kind: str, ids: list[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """Target id -> field -> the active correction."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for r in _rows_in(conn, t.corrections, "target_id", ids, t.corrections.c.kind == kind,
                      t.corrections.c.active.is_(True), t.corrections.c.orphan.is_(False)):
        out.setdefault(r["target_id"], {})[r["field"]] = r
    return out


def _incoming_quotes(conn: Connection, pid: str) -> list[tuple[str, str]]:
    """(quote id, reviewer) of the quotes reviewers gave to this person."""
    return [(r[0], r[1]) for r in conn.execute(select(t.corrections.c.target_id, t.corrections.c.author).where(
        t.corrections.c.kind == "quote", t.corrections.c.field == "speaker", t.corrections.c.value_ref == pid,
        t.corrections.c.active.is_(True), t.corrections.c.orphan.is_(False)))]


def mark(review: dict[str, Any] | None) -> dict[str, Any] | None:
    """How a line is marked: None for machine-extracted and unreviewed."""
    if not review or review["status"] == "unreviewed":
        return None
    return {"status": review["status"], "by": review["reviewer"], "at": review["reviewed_at"],
            "note": review.get("note")}


def fix_event(ev: dict[str, Any], fields: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """An event with reviewers' corrections laid over it; ``corrected`` lists what changed and who changed it."""
    if not fields:
        return ev
    ev = dict(ev, attributes=dict(ev["attributes"]), corrected=[])
    for field, c in fields.items():
        value = c["value"]
        if field == "date":
            ev.update(date_value=value["value"], date_precision=value["precision"], date_text=value.get("text"),
                      date_basis="absolute", date_approx=value.get("approximate", False))
        elif field in ("type", "status"):
            ev[field] = value
            if field == "status":
                ev["evidence"] = [dict(e, status=value) for e in ev["evidence"]]
        else:
            ev["attributes"][field] = value
        ev["corrected"].append({"field": field, "by": c["author"], "at": c["created_at"], "note": c["note"]})
    return ev


def manual_event(c: dict[str, Any]) -> dict[str, Any]:
    """A fact added by hand, in the shape of an extracted event (so it groups and corroborates like one)."""
    v = c["value"]
    date = v.get("date") or {}
    attributes = {k: v[k] for k in ("amount", "duration") if v.get(k)}
    evidence = [{"sentence": v["sentence"], "start": v["start"], "end": v["end"], "status": v["status"]}]
    return {"id": c["id"], "doc_id": v["doc_id"], "idx": 10_000, "type": v["type"], "subject_local": None,
            "subject_text": None, "agent": None, "agent_local": None, "status": v["status"], "claimed_by_local": None,
            "date_text": date.get("text"), "date_value": date.get("value"), "date_precision": date.get("precision"),
            "date_basis": "absolute" if date else None, "date_approx": date.get("approximate"),
            "attributes": attributes, "evidence": evidence, "trigger": None, "in_quote": False,
            "manual": {"by": c["author"], "at": c["created_at"], "note": c["note"]}}


def for_facts(conn: Connection, entity_ids: list[str], events_of: dict[str, list[dict[str, Any]]]
              ) -> tuple[dict[str, list[dict[str, Any]]], dict[str, bool]]:
    """People's events as reviewed (corrected, rejected ones out, hand-added ones in), and who reviewers said
    is or is not a target of persecution."""
    ids = [e["id"] for evs in events_of.values() for e in evs]
    fixes = corrections(conn, "event", ids)
    rejected = {i for i, r in reviews(conn, "event", ids).items() if r["status"] == "rejected"}
    out = {eid: [fix_event(e, fixes.get(e["id"], {})) for e in evs if e["id"] not in rejected]
           for eid, evs in events_of.items()}
    manual = conn.execute(select(t.corrections).where(t.corrections.c.kind == "manual_fact",
                                                      t.corrections.c.target_id.in_(entity_ids),
                                                      t.corrections.c.active.is_(True))).mappings().all()
    manual_rejected = {i for i, r in reviews(conn, "event", [m["id"] for m in manual]).items()
                       if r["status"] == "rejected"}
    for c in manual:
        if c["id"] not in manual_rejected:
            out.setdefault(c["target_id"], []).append(manual_event(dict(c)))
    person = corrections(conn, "person", entity_ids)
    persecution = {eid: f["persecution"]["value"] for eid, f in person.items() if "persecution" in f}
    return out, persecution


def events_as_reviewed(conn: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Events by id with reviewers' corrections laid over them, hand-added ones included (exports read these)."""
    rows = _rows_in(conn, t.events, "id", ids)
    fixes = corrections(conn, "event", [r["id"] for r in rows])
    out = {r["id"]: fix_event(r, fixes.get(r["id"], {})) for r in rows}
    missing = [i for i in ids if i not in out]
    if missing:
        for c in conn.execute(select(t.corrections).where(t.corrections.c.id.in_(missing),
                                                          t.corrections.c.kind == "manual_fact")).mappings():
            out[c["id"]] = manual_event(dict(c))
    return out


def fact_mark(fact: dict[str, Any], own: dict[str, Any] | None, events: dict[str, dict[str, Any]]
              ) -> dict[str, Any] | None:
    """A fact's mark: its own review, else what reviewers said of every report it rests on."""
    if own and own["status"] != "unreviewed":
        return mark(own)
    marks = [mark(events.get(e)) for e in fact["event_ids"]]
    if marks and all(m and m["status"] == "verified" for m in marks):
        return {"status": "verified", "by": ", ".join(sorted({m["by"] for m in marks if m})),
                "at": max(m["at"] for m in marks if m), "note": None, "from_reports": True}
    disputed = [m for m in marks if m and m["status"] == "disputed"]
    if disputed:
        return dict(disputed[0], from_reports=True)
    return None


def annotate(store: Store, case: dict[str, Any], local_ids: list[str], verified_only: bool = False) -> None:
    """Mark (and filter) a case file's facts, citations, quotes and claims with reviewers' statuses."""
    pid = case["id"]
    with store.engine.connect() as conn:
        person_review = reviews(conn, "person", [pid]).get(pid)
        person_fix = corrections(conn, "person", [pid]).get(pid, {})
        fact_reviews = reviews(conn, "fact", [f["id"] for f in case["facts"]])
        event_reviews = reviews(conn, "event", [e for f in case["facts"] for e in f["event_ids"]])
        moved = _reassigned(conn, pid, case, local_ids)
        quote_reviews = reviews(conn, "quote", [q["id"] for q in case["quotes_by"] + case["quotes_about"]])
        claim_reviews = reviews(conn, "claim", [c["id"] for c in case["claims"]])
        merged = [dict(r) for r in conn.execute(select(t.entities.c.id, t.entities.c.name, t.entities.c.aliases)
                                                .where(t.entities.c.merged_into == pid)).mappings()]
        merge_reviews = {r["anchor"]["doc_id"]: r for r in conn.execute(select(t.reviews).where(
            t.reviews.c.target_kind == "merge", t.reviews.c.entity_id == pid)).mappings()}
    if "name" in person_fix:
        case["machine_name"] = case["name"]
        case["name"] = person_fix["name"]["value"]
    for m in merged:
        case["aliases"] = list(dict.fromkeys([*case["aliases"], m["name"], *m["aliases"]]))
    case["merged_from"] = [{"id": m["id"], "name": m["name"]} for m in merged]
    case["review"] = mark(person_review)
    if "persecution" in person_fix:
        case["target_by_reviewer"] = {"value": person_fix["persecution"]["value"],
                                      "by": person_fix["persecution"]["author"]}
    for s in case["sources"]:
        s["link_review"] = mark(merge_reviews.get(s["doc_id"]))
    kept = []
    for f in case["facts"]:
        f["review"] = fact_mark(f, fact_reviews.get(f["id"]), event_reviews)
        for c in f.get("citations", []):
            c["review"] = mark(event_reviews.get(c["event_id"]))
        if not (f["review"] and f["review"]["status"] == "rejected"):
            kept.append(f)
    case["facts"] = kept
    _keep_fact_refs(case)
    for key, revs in (("quotes_by", quote_reviews), ("quotes_about", quote_reviews), ("claims", claim_reviews)):
        items = []
        for item in case[key]:
            item["review"] = mark(revs.get(item["id"]))
            if item["id"] in moved and key != "quotes_by":
                item["speaker_name"] = moved[item["id"]]["name"] or "unattributed"
            if not (item["review"] and item["review"]["status"] == "rejected"):
                items.append(item)
        case[key] = items
    if verified_only:
        limit_to_verified(case)


def _reassigned(conn: Connection, pid: str, case: dict[str, Any], local_ids: list[str]) -> dict[str, Any]:
    """Move reassigned quotes: away from this person, and to them from whoever the machine named."""
    away = corrections(conn, "quote", [q["id"] for q in case["quotes_by"] + case["quotes_about"]])
    moved = {qid: f["speaker"]["value"] for qid, f in away.items() if "speaker" in f}
    keep = []
    for q in case["quotes_by"]:
        if q["id"] in moved and moved[q["id"]]["entity_id"] != pid:
            continue
        keep.append(q)
    incoming = _incoming_quotes(conn, pid)
    have = {q["id"] for q in keep}
    new_ids = [r[0] for r in incoming if r[0] not in have]
    if new_ids:
        rows = [dict(r) for r in conn.execute(select(t.quotes).where(t.quotes.c.id.in_(new_ids))).mappings()]
        by = {r[0]: r[1] for r in incoming}
        for q in rows:
            keep.append(dict(q, speaker_name=case["name"], reassigned_by=by[q["id"]]))
        case["quotes_about"] = [q for q in case["quotes_about"] if q["id"] not in set(new_ids)]
    for q in keep:
        if q["id"] in moved:
            q["reassigned_by"] = away[q["id"]]["speaker"]["author"]
    case["quotes_by"] = keep
    return moved


def rejected_people(store: Store) -> set[str]:
    """People a reviewer rejected (not a person, or not one at all): left out of listings and exports."""
    return {r["target_id"] for r in store.rows(select(t.reviews.c.target_id).where(
        t.reviews.c.target_kind == "person", t.reviews.c.status == "rejected"))}


def reassigned_docs(conn: Connection, pid: str) -> set[str]:
    """Articles of the quotes reviewers gave to this person (they join the person's source list)."""
    ids = [qid for qid, _ in _incoming_quotes(conn, pid)]
    return {r[0] for r in conn.execute(select(t.quotes.c.doc_id).where(t.quotes.c.id.in_(ids)))} if ids else set()


def limit_to_verified(case: dict[str, Any]) -> None:
    """Keep only what a reviewer verified (the facts' discrepancies and corroborations with them)."""
    ok = lambda item: bool(item.get("review") and item["review"]["status"] == "verified")  # noqa: E731
    case["facts"] = [f for f in case["facts"] if ok(f)]
    for f in case["facts"]:
        f["citations"] = [c for c in f.get("citations", []) if ok(c) or ok(f)]
    for key in ("quotes_by", "quotes_about", "claims"):
        case[key] = [x for x in case[key] if ok(x)]
    _keep_fact_refs(case)
    case["verified_only"] = True


def _keep_fact_refs(case: dict[str, Any]) -> None:
    """Discrepancies, corroborations and amounts of the facts still in the case file only."""
    ids = {f["id"] for f in case["facts"]}
    case["discrepancies"] = [d for d in case["discrepancies"] if d["fact_id"] in ids]
    case["corroborations"] = [c for c in case.get("corroborations", []) if c["fact_id"] in ids]
    docs = {d for f in case["facts"] if f["type"] in ("FINE", "COMPENSATION_ORDER", "BAIL") for d in f["doc_ids"]}
    case["amounts"] = [a for a in case.get("amounts", []) if set(a["docs"]) & docs]
