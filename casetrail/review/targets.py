"""What a reviewer can review or correct, found by its deterministic id and found again by its anchor.

Every target kind (``domain/ontology.yaml``: fact, event, quote, claim, person, merge) has a table, an id
and an *anchor*: what the item was when the reviewer saw it (document, character offsets, text, type). An
extractor upgrade may renumber a document's events or quotes; ``relocate`` then finds the item that
covers the same words of the same article, and a correction follows it. When nothing does, the
correction is an orphan, listed with what it said, never dropped.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from casetrail.domain.schema import REVIEW_TARGETS
from casetrail.errors import ReviewError
from casetrail.ingest.document import stable_id
from casetrail.store import schema as t

TABLES = {"fact": t.facts, "event": t.events, "quote": t.quotes, "claim": t.claims, "person": t.entities}


def merge_id(entity_id: str, doc_id: str) -> str:
    """The id of one article's link to a person known from other articles."""
    return stable_id("merge", entity_id, doc_id)


def merge_ref(entity_id: str, doc_id: str) -> str:
    """How forms and the JSON API name a merge: ``PERSON_ID:DOC_ID``."""
    return f"{entity_id}:{doc_id}"


def check_kind(kind: str) -> None:
    if kind not in REVIEW_TARGETS:
        raise ReviewError(f"unknown kind '{kind}' (use {', '.join(REVIEW_TARGETS)})")


def load(conn: Connection, kind: str, ref: str) -> dict[str, Any]:
    """The target as stored now: ``id``, ``entity_id`` (the person it concerns), ``anchor`` and its ``row``."""
    check_kind(kind)
    if kind == "merge":
        entity_id, _, doc_id = ref.partition(":")
        if not doc_id or not _linked(conn, entity_id, doc_id):
            raise ReviewError(f"no merge '{ref}' (a merge is PERSON_ID:DOC_ID of a person's article)")
        return {"id": merge_id(entity_id, doc_id), "entity_id": entity_id,
                "anchor": {"entity_id": entity_id, "doc_id": doc_id}, "row": {"doc_id": doc_id}}
    table = TABLES[kind]
    row = conn.execute(select(table).where(table.c.id == ref)).mappings().first()
    if row is None:
        raise ReviewError(f"no {kind} '{ref}'")
    row = dict(row)
    return {"id": ref, "entity_id": entity_of(conn, kind, row), "anchor": anchor_of(kind, row), "row": row}


def _linked(conn: Connection, entity_id: str | None, doc_id: str | None) -> bool:
    """Whether the machine linked a mention in this article to this person (a merge that exists)."""
    return conn.execute(select(t.local_entities.c.id).where(t.local_entities.c.machine_entity_id == entity_id,
                                                            t.local_entities.c.doc_id == doc_id)).first() is not None


def anchor_of(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """What identifies the item beyond its id: its words in its article, or its parts."""
    if kind == "event":
        ev = row["evidence"][0] if row["evidence"] else {}
        return {"doc_id": row["doc_id"], "start": ev.get("start"), "end": ev.get("end"), "type": row["type"],
                "sentence": ev.get("sentence"), "subject": row.get("subject_text")}
    if kind in ("quote", "claim"):
        return {"doc_id": row["doc_id"], "start": row["start"], "end": row["end"],
                "text": row.get("text") or row.get("content") or row.get("sentence")}
    if kind == "fact":
        return {"entity_id": row["entity_id"], "type": row["type"], "event_ids": row["event_ids"]}
    if kind == "person":
        return {"name": row["name"]}
    return {}


def entity_of(conn: Connection, kind: str, row: dict[str, Any]) -> str | None:
    """The person an item concerns: an event's subject, a quote's or claim's speaker (else whom it is about)."""
    if kind in ("fact", "person"):
        return row.get("entity_id") if kind == "fact" else row["id"]
    local = {"event": row.get("subject_local"), "quote": row.get("speaker_local"),
             "claim": row.get("speaker_local") or row.get("about_local")}.get(kind)
    if not local:
        return None
    return conn.execute(select(t.local_entities.c.entity_id).where(t.local_entities.c.id == local)).scalar()


def existing(conn: Connection, kind: str, ids: list[str], anchors: list[dict[str, Any]] | None = None) -> set[str]:
    """Which of the ids still exist (for merges, the anchors say which person and article)."""
    found: set[str] = set()
    if kind == "merge":
        for anchor in anchors or []:
            if _linked(conn, anchor.get("entity_id"), anchor.get("doc_id")):
                found.add(merge_id(anchor["entity_id"], anchor["doc_id"]))
        return found
    table = TABLES[kind]
    for start in range(0, len(ids), 900):
        found.update(r[0] for r in conn.execute(select(table.c.id).where(table.c.id.in_(ids[start:start + 900]))))
    return found


def relocate(conn: Connection, kind: str, anchor: dict[str, Any] | None) -> str | None:
    """The item that now stands where the anchored one stood: the same words of the same article (and, for
    an event, the same type when several overlap), or the fact built from the same reports."""
    if not anchor:
        return None
    if kind == "fact":
        wanted = set(anchor.get("event_ids") or [])
        people = {anchor.get("entity_id")} | {r[0] for r in conn.execute(  # the reports' people now (after a merge)
            select(t.local_entities.c.entity_id).join(t.events, t.events.c.subject_local == t.local_entities.c.id)
            .where(t.events.c.id.in_(sorted(wanted))))}
        rows = conn.execute(select(t.facts.c.id, t.facts.c.type, t.facts.c.event_ids)
                            .where(t.facts.c.entity_id.in_(sorted(p for p in people if p)))).all()
        sharing = [r for r in rows if wanted & set(r[2] or [])]
        same_type = [r for r in sharing if r[1] == anchor.get("type")]
        pick = same_type or sharing
        return pick[0][0] if len(pick) == 1 else None
    if kind == "person":
        from casetrail.values.names import name_key

        key = name_key(anchor.get("name") or "")
        rows = conn.execute(select(t.entities.c.id, t.entities.c.name).where(t.entities.c.type == "PERSON",
                                                                           t.entities.c.merged_into.is_(None))).all()
        hits = [r[0] for r in rows if key and name_key(r[1]) == key]
        return hits[0] if len(hits) == 1 else None
    if kind not in ("event", "quote", "claim") or anchor.get("start") is None:
        return None
    lo, hi = anchor["start"], anchor["end"]
    table = TABLES[kind]
    rows = [dict(r) for r in conn.execute(select(table).where(table.c.doc_id == anchor["doc_id"])).mappings()]
    if kind == "event":
        overlapping = [r for r in rows if any(e["start"] < hi and e["end"] > lo for e in r["evidence"])]
        same_type = [r for r in overlapping if r["type"] == anchor.get("type")]
        same_subject = [r for r in (same_type or overlapping) if r.get("subject_text") == anchor.get("subject")]
        pick = same_subject if len(same_subject) == 1 else (same_type or overlapping)
    else:
        pick = [r for r in rows if r["start"] < hi and r["end"] > lo]
    return pick[0]["id"] if len(pick) == 1 else None
