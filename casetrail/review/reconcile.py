"""Keep reviewers' work attached after re-extraction: follow each status and correction to its target, found
again by its anchor when its id changed, and list what no longer has a target as an orphan.

``reconcile`` runs at the end of every build, on the articles just (re-)extracted and the people whose
facts were rebuilt; ``orphans`` lists what it could not re-attach, with what it said. Nothing is deleted:
an orphan comes back by itself if a later extraction finds its target again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, or_, select, update

from casetrail.review import audit, targets
from casetrail.store import schema as t
from casetrail.store.store import Store

ITEM_KINDS = ("event", "quote", "claim", "merge")


def reconcile(store: Store, doc_ids: list[str] | None = None, people: set[str] | None = None,
              facts: bool = False) -> dict[str, int]:
    """Re-attach reviews and corrections of items in these articles (or of these people's facts, with
    ``facts``); ``doc_ids=None`` checks everything. Returns how many were kept, moved and orphaned."""
    counts = {"kept": 0, "moved": 0, "orphaned": 0, "restored": 0}
    if people is not None and len(people) > 5000:  # a rebuild of most of the store: check everything
        doc_ids, people = None, None
    with store.transaction() as conn:
        for table in (t.reviews, t.corrections):
            kind_col = table.c.target_kind if table is t.reviews else table.c.kind
            stmt = select(table)
            if facts:
                stmt = stmt.where(kind_col == "fact")
                if people is not None:
                    stmt = stmt.where(table.c.entity_id.in_(sorted(people)))
            else:
                stmt = stmt.where(kind_col != "fact")
                if doc_ids is not None:
                    cond = table.c.doc_id.in_(doc_ids)
                    if people:
                        cond = or_(cond, table.c.entity_id.in_(sorted(people)), table.c.target_id.in_(sorted(people)))
                    stmt = stmt.where(cond)
            if table is t.corrections:
                stmt = stmt.where(table.c.active.is_(True))
            rows = [dict(r) for r in conn.execute(stmt).mappings()]
            _check(conn, table, rows, counts)
    return counts


def _kind(table: Any, row: dict[str, Any]) -> str:
    """The target kind a row points at (identity corrections and hand-added facts point at a person)."""
    kind = row["target_kind"] if table is t.reviews else row["kind"]
    return "person" if kind in ("identity", "manual_fact") else kind


def _check(conn: Connection, table: Any, rows: list[dict[str, Any]], counts: dict[str, int]) -> None:
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_kind.setdefault(_kind(table, r), []).append(r)
    for kind, group in by_kind.items():
        present = targets.existing(conn, kind, [r["target_id"] for r in group], [r["anchor"] or {} for r in group])
        if kind == "event":  # a hand-added fact's status is on an "event" of the correction's id
            present |= {r[0] for r in conn.execute(select(t.corrections.c.id).where(
                t.corrections.c.kind == "manual_fact", t.corrections.c.active.is_(True)))}
        for r in group:
            if kind == "person" and table is t.corrections and r["kind"] == "manual_fact":
                alive = r["target_id"] in present and _doc_exists(conn, r["doc_id"])
            else:
                alive = r["target_id"] in present
            if alive:
                counts["kept"] += 1
                if r["orphan"]:
                    _set(conn, table, r, orphan=False)
                    audit.record(conn, None, "restored", kind, r["target_id"], r["entity_id"], None, None,
                                 "its target is back after re-extraction")
                    counts["restored"] += 1
                continue
            moved = targets.relocate(conn, kind, r["anchor"])
            if moved and moved != r["target_id"]:
                _set(conn, table, r, target_id=moved, orphan=False)
                audit.record(conn, None, "reanchor", kind, moved, r["entity_id"], {"target_id": r["target_id"]},
                             {"target_id": moved}, "found again by its sentence after re-extraction")
                counts["moved"] += 1
            elif not r["orphan"]:
                _set(conn, table, r, orphan=True)
                audit.record(conn, None, "orphaned", kind, r["target_id"], r["entity_id"], None, None,
                             "its target is gone after re-extraction")
                counts["orphaned"] += 1


def _doc_exists(conn: Connection, doc_id: str | None) -> bool:
    return bool(doc_id) and conn.execute(select(t.documents.c.id).where(t.documents.c.id == doc_id)).first() \
        is not None


def _set(conn: Connection, table: Any, row: dict[str, Any], **values: Any) -> None:
    conn.execute(update(table).where(table.c.id == row["id"]).values(**values))


def orphans(store: Store, entity_id: str | None = None) -> list[dict[str, Any]]:
    """Statuses and corrections whose target is gone, with what they said (for the reviewer to redo); all of
    them, or those of one person."""
    out = []
    reviews = select(t.reviews).where(t.reviews.c.orphan.is_(True))
    fixes = select(t.corrections).where(t.corrections.c.orphan.is_(True), t.corrections.c.active.is_(True))
    if entity_id:
        reviews = reviews.where(t.reviews.c.entity_id == entity_id)
        fixes = fixes.where(t.corrections.c.entity_id == entity_id)
    for r in store.rows(reviews):
        out.append({"record": "status", "id": r["id"], "kind": r["target_kind"], "target_id": r["target_id"],
                    "entity_id": r["entity_id"], "said": {"status": r["status"], "note": r["note"]},
                    "by": r["reviewer"], "at": r["reviewed_at"], "anchor": r["anchor"]})
    for r in store.rows(fixes):
        out.append({"record": "correction", "id": r["id"], "kind": r["kind"], "target_id": r["target_id"],
                    "entity_id": r["entity_id"], "said": {r["field"]: r["value"], "note": r["note"]},
                    "by": r["author"], "at": r["created_at"], "anchor": r["anchor"]})
    return sorted(out, key=lambda o: o["at"] or "")
