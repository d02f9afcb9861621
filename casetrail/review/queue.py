"""The review queue: one person's items in timeline order, each with its sentence in its article.

Items are the person (real, correctly named?), each article that joins them to the person known from
the others (a machine merge), every event reported of them, their quotes and the claims by or about
them. Everything is read by index (the person's local entities, their events, quotes and claims, the
reviews of just those ids), so a queue costs the same in a store of a hundred articles or a hundred
thousand.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import or_, select

from casetrail.errors import PersonNotFound
from casetrail.review import overlay, targets
from casetrail.store import schema as t
from casetrail.store.store import Store

CONTEXT = 420  # characters of the article shown around an item's sentence


def queue(store: Store, person_id: str, include_reviewed: bool = False) -> dict[str, Any]:
    """The person's items, unreviewed ones only unless ``include_reviewed``; each with its status."""
    with store.engine.connect() as conn:
        ent = conn.execute(select(t.entities).where(t.entities.c.id == person_id)).mappings().first()
        if ent is None:
            raise PersonNotFound(f"no person {person_id}")
        if ent["merged_into"]:
            return queue(store, ent["merged_into"], include_reviewed)
        locals_ = [dict(r) for r in conn.execute(select(t.local_entities).where(
            t.local_entities.c.entity_id == person_id)).mappings()]
        lids = [r["id"] for r in locals_]
        events = [dict(r) for r in conn.execute(select(t.events).where(t.events.c.subject_local.in_(lids)))
                  .mappings()] if lids else []
        fixes = overlay.corrections(conn, "event", [e["id"] for e in events])
        events = [overlay.fix_event(e, fixes.get(e["id"], {})) for e in events]
        quotes = [dict(r) for r in conn.execute(select(t.quotes).where(t.quotes.c.speaker_local.in_(lids),
                                                                       t.quotes.c.kind == "speech")).mappings()]
        claims = [dict(r) for r in conn.execute(select(t.claims).where(or_(
            t.claims.c.speaker_local.in_(lids), t.claims.c.about_local.in_(lids)))).mappings()] if lids else []
        docs = {d["id"]: dict(d) for d in conn.execute(select(
            t.documents.c.id, t.documents.c.name, t.documents.c.title, t.documents.c.outlet,
            t.documents.c.published).where(t.documents.c.id.in_(sorted({r["doc_id"] for r in locals_})))).mappings()}
        machine_docs = sorted({r["doc_id"] for r in locals_ if r["machine_entity_id"] == person_id})
        revs = {kind: overlay.reviews(conn, kind, ids) for kind, ids in (
            ("person", [person_id]), ("event", [e["id"] for e in events]), ("quote", [q["id"] for q in quotes]),
            ("claim", [c["id"] for c in claims]),
            ("merge", [targets.merge_id(person_id, d) for d in machine_docs]))}
    order = {d: (docs[d].get("published") or "9999", docs[d]["name"]) for d in docs}
    items: list[dict[str, Any]] = [{
        "kind": "person", "ref": person_id, "id": person_id, "label": f"Person: {ent['name']}",
        "detail": "a real person, correctly named? aliases: " + ", ".join(ent["aliases"][:8]),
        "doc_id": locals_[0]["doc_id"] if locals_ else None, "start": None, "end": None, "key": ("0",)}]
    if len(machine_docs) > 1:
        in_doc: dict[str, list[dict[str, Any]]] = {}
        for r in locals_:
            in_doc.setdefault(r["doc_id"], []).append(r)
        for d in machine_docs:
            names = sorted({r["name"] for r in in_doc[d]})
            title = docs[d]["title"] or docs[d]["name"]
            items.append({"kind": "merge", "ref": targets.merge_ref(person_id, d),
                          "id": targets.merge_id(person_id, d),
                          "label": f"Same person: “{' / '.join(names)}” in “{title[:40]}”",
                          "detail": f"in {docs[d]['title'] or docs[d]['name']} is {ent['name']}", "doc_id": d,
                          "start": None, "end": None, "key": ("1", *order[d]),
                          "mention": [r["id"] for r in in_doc[d]]})
    for e in events:
        ev0 = e["evidence"][0] if e["evidence"] else {}
        when = e["date_value"] if e["date_value"] and not e["date_value"].startswith("--") else None
        attrs = "; ".join(f"{k}: {_short(v)}" for k, v in e["attributes"].items() if k in (
            "duration", "amount", "charges", "destination", "threat"))
        items.append({"kind": "event", "ref": e["id"], "id": e["id"],
                      "label": f"{e['type'].replace('_', ' ').title()} — {e['status']}",
                      "detail": " · ".join(x for x in (f"date: {e['date_value'] or e['date_text'] or 'none'}"
                                                       + (f" ({e['date_precision']})" if e["date_precision"] else ""),
                                                       attrs) if x),
                      "doc_id": e["doc_id"], "start": ev0.get("start"), "end": ev0.get("end"),
                      "sentence": ev0.get("sentence"), "event": e, "corrected": e.get("corrected") or [],
                      "when": e["date_value"],
                      "key": ("2", when or order[e["doc_id"]][0], *order[e["doc_id"]], ev0.get("start") or 0)})
    for kind, rows in (("quote", quotes), ("claim", claims)):
        for r in rows:
            items.append({"kind": kind, "ref": r["id"], "id": r["id"],
                          "label": "Quote" if kind == "quote" else f"Claim ({r['stance']})",
                          "detail": (r.get("text") or r.get("content") or r.get("target") or "")[:240],
                          "doc_id": r["doc_id"], "start": r["start"], "end": r["end"], "sentence": r.get("sentence"),
                          "key": ("2", order[r["doc_id"]][0], *order[r["doc_id"]], r["start"] or 0)})
    for it in items:
        it["review"] = overlay.mark(revs[it["kind"]].get(it["id"]))
        it["status"] = (it["review"] or {}).get("status", "unreviewed")
        doc = docs.get(it["doc_id"] or "", {})
        it["source"] = {"title": doc.get("title") or doc.get("name"), "outlet": doc.get("outlet"),
                        "published": doc.get("published")}
    items.sort(key=lambda it: it["key"])
    total = len(items)
    unreviewed = sum(1 for it in items if it["status"] == "unreviewed")
    if not include_reviewed:
        items = [it for it in items if it["status"] == "unreviewed"]
    for it in items:
        del it["key"]
    return {"person": {"id": person_id, "name": ent["name"]}, "items": items, "total": total,
            "unreviewed": unreviewed, "all": include_reviewed}


def context(store: Store, item: dict[str, Any]) -> Markup | None:
    """The item's sentence highlighted in the stretch of its article around it (text escaped)."""
    if not item.get("doc_id"):
        return None
    if item["kind"] == "merge" and item.get("start") is None:
        first_mention(store, item)
    with store.engine.connect() as conn:
        body = conn.execute(select(t.documents.c.body).where(t.documents.c.id == item["doc_id"])).scalar() or ""
    start = item.get("start") or 0
    end = item.get("end") or start
    lo = max(0, body.rfind("\n\n", 0, max(0, start - CONTEXT)) if start > CONTEXT else 0)
    hi = body.find("\n\n", end + CONTEXT)
    hi = len(body) if hi < 0 else hi
    before, mark_, after = body[lo:start], body[start:end], body[end:hi]
    html = (("… " if lo else "") + str(escape(before)) + (f'<mark id="current">{escape(mark_)}</mark>' if mark_ else "")
            + str(escape(after)) + (" …" if hi < len(body) else ""))
    return Markup(html.strip().replace("\n\n", "<br><br>"))


def first_mention(store: Store, item: dict[str, Any]) -> None:
    """Point a merge item at the person's first mention in its article (read for the shown item only)."""
    with store.engine.connect() as conn:
        row = conn.execute(select(t.mentions.c.start, t.mentions.c.end).where(
            t.mentions.c.local_id.in_(item.get("mention") or [])).order_by(t.mentions.c.start).limit(1)).first()
    if row is not None:
        item["start"], item["end"] = row[0], row[1]


def _short(v: Any) -> str:
    if isinstance(v, dict):
        return v.get("text") or v.get("label") or ""
    if isinstance(v, list):
        return "; ".join(_short(x) for x in v)
    return str(v)
