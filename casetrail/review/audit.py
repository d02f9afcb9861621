"""The audit log: who did what, when, with the value before and after; read per person or per item, exported
as CSV or JSON.

Every write a reviewer or an admin makes goes through ``record`` in the same transaction as the change
itself, so the log cannot miss a change that landed nor hold one that did not.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from sqlalchemy import Connection, insert, or_, select

from casetrail.store import schema as t
from casetrail.store.store import Store, now

COLUMNS = ("id", "at", "user_name", "action", "target_kind", "target_id", "entity_id", "before", "after", "note")


def record(conn: Connection, user: str | None, action: str, target_kind: str | None, target_id: str | None,
           entity_id: str | None = None, before: Any = None, after: Any = None, note: str | None = None) -> None:
    """Add one entry (inside the caller's transaction)."""
    conn.execute(insert(t.audit_log).values(at=now(), user_name=user, action=action, target_kind=target_kind,
                                            target_id=target_id, entity_id=entity_id, before=before, after=after,
                                            note=note or None))


def entries(store: Store, entity_id: str | None = None, target_id: str | None = None, user: str | None = None,
            limit: int | None = None, fact_id: str | None = None) -> list[dict[str, Any]]:
    """Entries, newest first, for one person (everything that concerns them), one item, one fact (the fact
    and every report it rests on), or one user."""
    stmt = select(t.audit_log)
    if entity_id:
        stmt = stmt.where(or_(t.audit_log.c.entity_id == entity_id, t.audit_log.c.target_id == entity_id))
    if target_id:
        stmt = stmt.where(t.audit_log.c.target_id == target_id)
    if fact_id:
        fact = store.rows(select(t.facts.c.event_ids).where(t.facts.c.id == fact_id))
        ids = [fact_id, *(fact[0]["event_ids"] if fact else [])]
        stmt = stmt.where(t.audit_log.c.target_id.in_(ids))
    if user:
        stmt = stmt.where(t.audit_log.c.user_name == user)
    stmt = stmt.order_by(t.audit_log.c.id.desc())
    if limit:
        stmt = stmt.limit(limit)
    return store.rows(stmt)


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=1, default=str)


def to_csv(rows: list[dict[str, Any]]) -> str:
    """One row per entry; before and after as compact JSON so a spreadsheet shows them in one cell."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(COLUMNS))
    writer.writeheader()
    for r in rows:
        writer.writerow({k: json.dumps(r[k], ensure_ascii=False) if k in ("before", "after") and r[k] is not None
                         else r[k] for k in COLUMNS})
    return buf.getvalue()


def export(store: Store, fmt: str = "json", **filters: Any) -> str:
    """The log (or part of it, see ``entries``) as CSV or JSON."""
    from casetrail.errors import BadOption

    if fmt not in ("json", "csv"):
        raise BadOption(f"the audit log exports as json or csv, not '{fmt}'")
    rows = list(reversed(entries(store, **filters)))  # oldest first in a file
    return to_json(rows) if fmt == "json" else to_csv(rows)
