"""What the web pages show, as plain data: search with filters, an article with its facts highlighted,
the network of actors. The routes in ``app.py`` render these dicts as HTML or return them as JSON.

Article text is hostile input: it is escaped here, segment by segment, before any markup is added.
"""

from __future__ import annotations

import bisect
import itertools
import math
from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import and_, case, func, select

from casetrail.ingest.clean import OffsetMap
from casetrail.review import overlay
from casetrail.store import schema as t
from casetrail.store.store import Store


def home(store: Store, limit: int = 300) -> dict[str, Any]:
    """People with the most facts (persecution cases first) and the latest articles, from aggregates."""
    with store.engine.connect() as conn:
        stats = conn.execute(select(t.facts.c.entity_id, func.count(), func.max(case((t.facts.c.persecution, 1),
                                                                                      else_=0)))
                             .group_by(t.facts.c.entity_id)).all()
        by_id = {r[0]: (r[1], bool(r[2])) for r in stats}
        ranked = sorted(by_id, key=lambda e: (not by_id[e][1], -by_id[e][0]))[:limit]
        rows = conn.execute(select(t.entities).where(t.entities.c.id.in_(ranked))).mappings().all() if ranked else []
        if len(ranked) < limit:  # people without facts too, while there is room
            rows = [*rows, *conn.execute(select(t.entities).where(t.entities.c.type == "PERSON",
                                                                  t.entities.c.merged_into.is_(None),
                                                                  t.entities.c.id.not_in(list(by_id)))
                                         .order_by(t.entities.c.name).limit(limit - len(ranked))).mappings().all()]
        docs = conn.execute(select(t.documents.c.id, t.documents.c.name, t.documents.c.title, t.documents.c.outlet,
                                   t.documents.c.published).order_by(t.documents.c.created_at.desc(),
                                                                     t.documents.c.name).limit(limit)).mappings().all()
    people = []
    for e in rows:
        if e["type"] != "PERSON":
            continue
        n, persecution = by_id.get(e["id"], (0, False))
        people.append({"id": e["id"], "name": e["name"], "roles": sorted({r["role"] for r in e["roles"]})[:3],
                       "facts": n, "persecution": persecution})
    people.sort(key=lambda p: (not p["persecution"], -p["facts"], p["name"]))
    documents = [{"id": d["id"], "name": d["name"], "title": d["title"] or d["name"], "outlet": d["outlet"],
                  "published": d["published"]} for d in docs]
    return {"people": people, "documents": documents, "counts": store.counts(), "event_types": event_types(store)}


def event_types(store: Store) -> list[str]:
    """The event types present in the store (for the search filter)."""
    with store.engine.connect() as conn:
        return sorted(r[0] for r in conn.execute(select(t.events.c.type).distinct()).all())


def search(store: Store, q: str = "", person: str | None = None, etype: str | None = None,
           date_from: str | None = None, date_to: str | None = None, outlet: str | None = None,
           limit: int = 100) -> dict[str, Any]:
    """Full-text search across articles, quotes, events and people, narrowed by the filters.

    Only the rows the hits point at are read, so a search costs the same in a store of a hundred
    articles and in one of a hundred thousand.
    """
    person_id = _person_id(store, person) if person else None
    person_rows = store.local_entities_of(entity_id=person_id) if person_id else []
    person_locals = {r["id"] for r in person_rows}
    person_docs = {r["doc_id"] for r in person_rows}
    if q.strip():
        hits = store.search(q, limit=limit * 5)
        events = {e["id"]: e for e in store.table_rows(
            "events", in_=("id", [h["ref"] for h in hits if h["kind"] == "event"]))}
    else:  # filters alone: the matching events, straight from the events table
        stmt = select(t.events)
        if etype:
            stmt = stmt.where(t.events.c.type == etype.upper())
        if person_id:
            stmt = stmt.where(t.events.c.subject_local.in_(sorted(person_locals)))
        if date_from:
            stmt = stmt.where(t.events.c.date_value >= date_from)
        if date_to:
            stmt = stmt.where(t.events.c.date_value <= date_to + "~")
        rows = store.rows(stmt.order_by(t.events.c.date_value).limit(limit * 5))
        events = {e["id"]: e for e in rows}
        hits = [{"kind": "event", "ref": e["id"], "doc_id": e["doc_id"],
                 "title": f"{e['type']} — {e['subject_text'] or 'unknown'}",
                 "snip": " ".join(x["sentence"] for x in e["evidence"])} for e in rows]
    docs = {d["id"]: d for d in store.documents(sorted({h["doc_id"] for h in hits if h["doc_id"]}))}
    out = []
    for h in hits:
        doc = docs.get(h["doc_id"]) if h["doc_id"] else None
        ev = events.get(h["ref"]) if h["kind"] == "event" else None
        if person_id:
            if h["kind"] == "person" and h["ref"] != person_id:
                continue
            if h["kind"] == "event" and (ev is None or ev["subject_local"] not in person_locals):
                continue
            if h["kind"] in ("article", "quote") and h["doc_id"] not in person_docs:
                continue
        if etype and (h["kind"] != "event" or ev is None or ev["type"] != etype.upper()):
            continue
        if outlet and (doc is None or outlet.lower() not in (doc.get("outlet") or "").lower()):
            continue
        if date_from or date_to:
            when = (ev or {}).get("date_value") or (doc or {}).get("published")
            if not when or when.startswith("--") or (date_from and when[:len(date_from)] < date_from) or (
                    date_to and when[:len(date_to)] > date_to):
                continue
        out.append(_hit(h, doc, ev))
        if len(out) >= limit:
            break
    return {"q": q, "filters": {"person": person, "type": etype, "from": date_from, "to": date_to, "outlet": outlet},
            "results": out, "count": len(out)}


def _person_id(store: Store, person: str) -> str | None:
    from casetrail.casefile.assemble import find_person
    from casetrail.errors import CasetrailError

    if store.entity(person):
        return person
    try:
        return find_person(store, person)["id"]
    except CasetrailError:
        return "none"


def _hit(h: dict[str, Any], doc: dict[str, Any] | None, ev: dict[str, Any] | None) -> dict[str, Any]:
    kind, ref, doc_id = h["kind"], h["ref"], h["doc_id"]
    if kind == "person":
        url = f"/person/{ref}"
    elif kind == "event":
        url = f"/article/{doc_id}?hl={ref}#ev-{ref}"
    elif kind == "quote":
        url = f"/article/{doc_id}#q-{ref}"
    else:
        url = f"/article/{doc_id}"
    return {"kind": kind, "ref": ref, "doc_id": doc_id, "title": h["title"], "snippet": h["snip"], "url": url,
            "document": (doc or {}).get("title") or (doc or {}).get("name"), "outlet": (doc or {}).get("outlet"),
            "date": _when((ev or {}).get("date_value") or (doc or {}).get("published"))}


def _when(value: str | None) -> str | None:
    """A date for display: "--09-14" reads "09-14 (year unknown)"."""
    if value and value.startswith("--"):
        return value[2:] + " (year unknown)"
    return value


def article(store: Store, doc_id: str, highlight: str | None = None) -> dict[str, Any] | None:
    """An article with every extracted fact, quote, claim and name marked in its text."""
    doc = store.document(doc_id)
    if doc is None:
        return None
    local_map = store.local_to_entity()
    names = {e["id"]: e["name"] for e in store.entities_of()}
    spans: list[tuple[int, int, str, dict[str, Any]]] = []
    events = store.table_rows("events", where={"doc_id": doc_id})
    with store.engine.connect() as conn:  # as reviewers corrected them
        fixes = overlay.corrections(conn, "event", [e["id"] for e in events])
    events = [overlay.fix_event(e, fixes.get(e["id"], {})) for e in events]
    for ev in events:
        for k, e in enumerate(ev["evidence"]):
            spans.append((e["start"], e["end"], "fact", {"id": f"ev-{ev['id']}" + (f"-{k}" if k else ""),
                                                          "event": ev["id"], "type": ev["type"]}))
    quotes = store.table_rows("quotes", where={"doc_id": doc_id})
    for q in quotes:
        spans.append((q["start"], q["end"], "quote" if q["kind"] == "speech" else "charge", {"id": f"q-{q['id']}"}))
    claims = store.table_rows("claims", where={"doc_id": doc_id})
    for c in claims:
        spans.append((c["start"], c["end"], f"claim {c['stance']}", {"id": f"c-{c['id']}"}))
    for m in store.table_rows("mentions", where={"doc_id": doc_id}):
        eid = local_map.get(m["local_id"] or "")
        if eid:
            spans.append((m["start"], m["end"], "mention", {"href": f"/person/{eid}", "title": names.get(eid)}))
    body = doc["body"]
    pages = _pages_in_body(doc)
    # one section per page of a PDF or Word file (a page left with furniture only shows empty); one for a web article
    sections: list[dict[str, Any]] = [{"page": n, "paragraphs": []} for n in range(1, len(pages) + 1)] or \
        [{"page": None, "paragraphs": []}]
    pos = 0
    for part in body.split("\n\n"):
        end = pos + len(part)
        cuts = [pos, *[b for b in pages if pos < b < end], end]
        for a, b in itertools.pairwise(cuts):  # a paragraph that runs on over a page break is cut there
            sec = sections[max(1, bisect.bisect_right(pages, a)) - 1] if pages else sections[0]
            sec["paragraphs"].append(_render(body, a, b, spans, highlight))
        pos = end + 2
    paragraphs = [p for sec in sections for p in sec["paragraphs"]]
    who = lambda lid: names.get(local_map.get(lid or ""), None)  # noqa: E731
    return {
        "id": doc["id"], "name": doc["name"], "title": doc["title"] or doc["name"], "outlet": doc["outlet"],
        "published": doc["published"], "url": doc["url"], "source": doc["source"], "paragraphs": paragraphs,
        "sections": sections, "paged": bool(pages), "format": doc["format"],
        "dropped": doc["dropped"], "original": doc["original"], "highlight": highlight,
        "not_extracted": {"code": doc["error_code"], "reason": doc["error"]} if doc.get("error_code") else None,
        "events": [{"id": e["id"], "type": e["type"], "subject": who(e["subject_local"]) or e["subject_text"],
                    "status": e["status"], "date_text": e["date_text"], "date": e["date_value"],
                    "attributes": e["attributes"], "sentence": e["evidence"][0]["sentence"],
                    "page": e["evidence"][0].get("page")} for e in events],
        "quotes": [{"id": q["id"], "text": q["text"], "speaker": who(q["speaker_local"]) or q["speaker_text"],
                    "kind": q["kind"], "page": q.get("page")} for q in quotes],
        "claims": [{"id": c["id"], "stance": c["stance"], "speaker": who(c["speaker_local"]) or c["speaker_text"],
                    "content": c["content"], "target": c["target"]} for c in claims],
    }


def _pages_in_body(doc: dict[str, Any]) -> list[int]:
    """Where each page of a paged document starts in its cleaned body ([] for a web article)."""
    if not doc.get("pages"):
        return []
    offsets = OffsetMap.from_json(doc["offsets"])
    return [offsets.to_clean(p) for p in doc["pages"]]


def _render(text: str, lo: int, hi: int, spans: list[tuple[int, int, str, dict[str, Any]]],
            highlight: str | None) -> Markup:
    """HTML of text[lo:hi] with annotation spans; the text itself is always escaped."""
    inside = [s for s in spans if s[0] < hi and s[1] > lo]
    cuts = sorted({lo, hi, *[max(lo, s[0]) for s in inside], *[min(hi, s[1]) for s in inside]})
    html: list[str] = []
    started: set[str] = set()
    for a, b in itertools.pairwise(cuts):
        if a >= b:
            continue
        active = [s for s in inside if s[0] <= a and s[1] >= b]
        for s in active:
            anchor = s[3].get("id")
            if anchor and anchor not in started:
                started.add(anchor)
                html.append(f'<a class="anchor" id="{escape(anchor)}"></a>')
        classes = {s[2] for s in active}
        if highlight and any(s[3].get("event") == highlight for s in active):
            classes.add("selected")
        types = sorted({s[3]["type"] for s in active if "type" in s[3]})
        chunk = str(escape(text[a:b]))
        link = next((s[3] for s in active if "href" in s[3]), None)
        if link is not None:
            chunk = f'<a href="{escape(link["href"])}" title="{escape(link.get("title") or "")}">{chunk}</a>'
        if classes:
            title = f' title="{escape(", ".join(types))}"' if types else ""
            chunk = f'<span class="{escape(" ".join(sorted(classes)))}"{title}>{chunk}</span>'
        html.append(chunk)
    return Markup("".join(html))


def network(store: Store, limit: int = 80) -> dict[str, Any]:
    """Who arrested, charged, threatened, quoted or denied whom: edges aggregated in SQL, the most
    connected actors laid out on a circle."""
    agent = t.local_entities.alias("agent")
    subject = t.local_entities.alias("subject")
    speaker = t.local_entities.alias("speaker")
    about = t.local_entities.alias("about")
    named = t.local_entities.alias("named")
    m = t.mentions
    q = t.quotes
    edges: dict[tuple[str, str, str], int] = {}
    with store.engine.connect() as conn:
        for a, b, label, n in conn.execute(
                select(agent.c.entity_id, subject.c.entity_id, t.events.c.type, func.count())
                .join(agent, agent.c.id == t.events.c.agent_local)
                .join(subject, subject.c.id == t.events.c.subject_local)
                .group_by(agent.c.entity_id, subject.c.entity_id, t.events.c.type)).all():
            edges[(a, b, label.lower())] = n
        for a, b, n in conn.execute(
                select(speaker.c.entity_id, about.c.entity_id, func.count())
                .join(speaker, speaker.c.id == t.claims.c.speaker_local)
                .join(about, about.c.id == t.claims.c.about_local)
                .where(t.claims.c.stance == "deny").group_by(speaker.c.entity_id, about.c.entity_id)).all():
            edges[(a, b, "denied")] = n
        for a, b, n in conn.execute(
                select(speaker.c.entity_id, named.c.entity_id, func.count())
                .join(speaker, speaker.c.id == q.c.speaker_local)
                .join(m, and_(m.c.doc_id == q.c.doc_id, m.c.start >= q.c.start, m.c.start < q.c.end))
                .join(named, named.c.id == m.c.local_id)
                .where(q.c.kind == "speech").group_by(speaker.c.entity_id, named.c.entity_id)).all():
            edges[(a, b, "quoted about")] = n
        edges = {k: v for k, v in edges.items() if k[0] and k[1] and k[0] != k[1]}
        degree: dict[str, int] = {}
        for a, b, _ in edges:
            degree[a] = degree.get(a, 0) + 1
            degree[b] = degree.get(b, 0) + 1
        top = sorted(degree, key=lambda e: -degree[e])[:limit]
        ents = {r["id"]: r for r in conn.execute(select(t.entities.c.id, t.entities.c.name, t.entities.c.type)
                                                 .where(t.entities.c.id.in_(top))).mappings().all()} if top else {}
    ids = sorted(ents, key=lambda i: ents[i]["name"])
    n = max(len(ids), 1)
    nodes = []
    for k, eid in enumerate(ids):
        angle = 2 * math.pi * k / n
        nodes.append({"id": eid, "name": ents[eid]["name"], "type": ents[eid]["type"], "degree": degree[eid],
                      "x": round(400 + 300 * math.cos(angle), 1), "y": round(330 + 270 * math.sin(angle), 1)})
    pos = {nd["id"]: nd for nd in nodes}
    out_edges = [{"source": a, "target": b, "label": label, "count": c, "source_name": ents[a]["name"],
                  "target_name": ents[b]["name"], "x1": pos[a]["x"], "y1": pos[a]["y"], "x2": pos[b]["x"],
                  "y2": pos[b]["y"]} for (a, b, label), c in sorted(edges.items()) if a in pos and b in pos]
    return {"nodes": nodes, "edges": out_edges}
