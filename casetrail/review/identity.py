"""Who is who after review: reviewers' merges and splits applied on top of what resolution decided.

Resolution writes its answer to ``local_entities.machine_entity_id``; ``apply`` derives ``entity_id`` (what
every reader uses) from it and the active identity corrections: a split moves one person's mentions in
some articles to a person of their own, a rejected merge does the same for one article, and a merge
sends one person's mentions to another. Because the machine's answer is kept, undoing a merge or a split
is just applying again, and a rebuild (new articles, a new extractor) re-applies every correction.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select, update

from casetrail.ingest.document import stable_id
from casetrail.store import schema as t
from casetrail.store.store import now


def split_id(entity_id: str, doc_ids: list[str]) -> str:
    """The id of the person a split makes (the same split always makes the same person)."""
    return stable_id("split", entity_id, *sorted(doc_ids))


def _active(conn: Connection) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Active merges (source -> into) and splits (entity, docs, new id, name), rejected merges included."""
    merges: dict[str, str] = {}
    splits: list[dict[str, Any]] = []
    rows = conn.execute(select(t.corrections.c.target_id, t.corrections.c.field, t.corrections.c.value)
                        .where(t.corrections.c.kind == "identity", t.corrections.c.active.is_(True),
                               t.corrections.c.orphan.is_(False))
                        .order_by(t.corrections.c.created_at, t.corrections.c.id)).all()
    for target, field, value in rows:
        if field == "merge_into":
            merges[target] = value["into"]
        elif field.startswith("split"):
            splits.append({"entity_id": target, "docs": value["docs"], "id": value["new_id"],
                           "name": value.get("name")})
    for anchor in conn.execute(select(t.reviews.c.anchor).where(t.reviews.c.target_kind == "merge",
                                                                t.reviews.c.status == "rejected")).scalars():
        docs = [anchor["doc_id"]]
        splits.append({"entity_id": anchor["entity_id"], "docs": docs, "id": split_id(anchor["entity_id"], docs),
                       "name": None})
    return merges, splits


def canonical(merges: dict[str, str], eid: str) -> str:
    """Where a person ends after following merges (a cycle stops where it would repeat)."""
    seen = {eid}
    while eid in merges and merges[eid] not in seen:
        eid = merges[eid]
        seen.add(eid)
    return eid


def apply(conn: Connection, affected: set[str] | None = None) -> set[str]:
    """Recompute the reviewed identity of every person an identity correction involves (and of ``affected``,
    the people of a correction just revoked); returns the people whose case files must be rebuilt."""
    merges, splits = _active(conn)
    split_ids = {s["id"] for s in splits}
    involved = set(merges) | set(merges.values()) | {s["entity_id"] for s in splits} | set(affected or ())
    stale_splits = {r[0] for r in conn.execute(select(t.entities.c.id).where(t.entities.c.origin == "split"))
                    } - split_ids
    involved |= stale_splits
    if not involved and not split_ids:
        return set()
    ids = sorted(involved)
    before = _assignments(conn, ids, split_ids)
    conn.execute(update(t.local_entities).where(t.local_entities.c.machine_entity_id.in_(ids))
                 .values(entity_id=t.local_entities.c.machine_entity_id))
    conn.execute(update(t.local_entities).where(t.local_entities.c.entity_id.in_(sorted(stale_splits)))
                 .values(entity_id=t.local_entities.c.machine_entity_id))
    for s in splits:
        conn.execute(update(t.local_entities).where(and_(t.local_entities.c.machine_entity_id == s["entity_id"],
                                                         t.local_entities.c.doc_id.in_(s["docs"])))
                     .values(entity_id=s["id"]))
        _split_entity(conn, s)
    for source in merges:
        target = canonical(merges, source)
        if target != source:
            conn.execute(update(t.local_entities).where(t.local_entities.c.entity_id == source)
                         .values(entity_id=target))
    conn.execute(update(t.entities).where(t.entities.c.id.in_(ids + sorted(split_ids))).values(merged_into=None))
    for source in merges:
        target = canonical(merges, source)
        if target != source:
            conn.execute(update(t.entities).where(t.entities.c.id == source).values(merged_into=target))
    if stale_splits:
        conn.execute(delete(t.facts).where(t.facts.c.entity_id.in_(sorted(stale_splits))))
        conn.execute(delete(t.entities).where(t.entities.c.id.in_(sorted(stale_splits))))
    after = _assignments(conn, ids, split_ids)
    touched = {e for lid in before.keys() | after.keys() if before.get(lid) != after.get(lid)
               for e in (before.get(lid), after.get(lid)) if e} - stale_splits
    touched |= set(affected or ()) & involved  # a correction just made or revoked: rebuild its people anyway
    conn.execute(update(t.entities).where(t.entities.c.id.in_(sorted(touched))).values(stale=True))
    return touched


def _assignments(conn: Connection, ids: list[str], split_ids: set[str]) -> dict[str, str]:
    """Local entity -> reviewed identity, for the locals of these people and of these splits."""
    rows = conn.execute(select(t.local_entities.c.id, t.local_entities.c.entity_id).where(
        t.local_entities.c.machine_entity_id.in_(ids) | t.local_entities.c.entity_id.in_(sorted(split_ids)))).all()
    return {r[0]: r[1] for r in rows}


def _split_entity(conn: Connection, split: dict[str, Any]) -> None:
    """The person row of a split: named by the reviewer, or by the commonest name of the mentions it takes."""
    locals_ = [dict(r) for r in conn.execute(select(t.local_entities).where(
        t.local_entities.c.entity_id == split["id"])).mappings()]
    names = Counter(r["name"] for r in locals_)
    name = split.get("name") or (names.most_common(1)[0][0] if names else "unnamed")
    aliases = list(dict.fromkeys(a for r in locals_ for a in [r["name"], *r["aliases"]]))
    roles = [{"role": x["role"], "affiliations": x.get("affiliations", []), "doc_id": r["doc_id"],
              "start": x.get("start"), "end": x.get("end")} for r in locals_ for x in r["roles"]]
    gender = next((r["gender"] for r in locals_ if r["gender"]), None)
    values = {"type": "PERSON", "name": name, "aliases": aliases, "roles": roles, "gender": gender, "stale": True,
              "updated_at": now(), "origin": "split", "merged_into": None}
    if conn.execute(select(t.entities.c.id).where(t.entities.c.id == split["id"])).first() is None:
        conn.execute(insert(t.entities).values(id=split["id"], **values))
    else:
        conn.execute(update(t.entities).where(t.entities.c.id == split["id"]).values(**values))
