"""What the web pages show, as plain data: search with filters, an article with its facts highlighted,
the network of actors. The routes in ``app.py`` render these dicts as HTML or return them as JSON.

Article text is hostile input: it is escaped here, segment by segment, before any markup is added.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from markupsafe import Markup, escape

from casetrail.store.store import Store


def home(store: Store) -> dict[str, Any]:
    """People (persecution cases first) and articles."""
    facts: dict[str, list[dict[str, Any]]] = {}
    for f in store.table_rows("facts"):
        facts.setdefault(f["entity_id"], []).append(f)
    people = []
    for e in store.entities_of("PERSON"):
        fs = facts.get(e["id"], [])
        people.append({"id": e["id"], "name": e["name"], "roles": sorted({r["role"] for r in e["roles"]})[:3],
                       "facts": len(fs), "persecution": any(f["persecution"] for f in fs)})
    people.sort(key=lambda p: (not p["persecution"], -p["facts"], p["name"]))
    docs = [{"id": d["id"], "name": d["name"], "title": d["title"] or d["name"], "outlet": d["outlet"],
             "published": d["published"]} for d in store.documents()]
    return {"people": people, "documents": docs, "counts": store.counts(),
            "event_types": sorted({e["type"] for e in store.table_rows("events")})}


def search(store: Store, q: str = "", person: str | None = None, etype: str | None = None,
           date_from: str | None = None, date_to: str | None = None, outlet: str | None = None,
           limit: int = 100) -> dict[str, Any]:
    """Full-text search across articles, quotes, events and people, narrowed by the filters."""
    docs = {d["id"]: d for d in store.documents()}
    events = {e["id"]: e for e in store.table_rows("events")}
    local_map = store.local_to_entity()
    person_id = _person_id(store, person) if person else None
    person_locals = {lid for lid, eid in local_map.items() if eid == person_id} if person_id else set()
    person_docs = {r["doc_id"] for r in store.local_entities_of(entity_id=person_id)} if person_id else set()
    if q.strip():
        hits = store.search(q, limit=limit * 3)
    else:  # filters alone: list the matching events
        hits = [{"kind": "event", "ref": e["id"], "doc_id": e["doc_id"],
                 "title": f"{e['type']} — {e['subject_text'] or 'unknown'}",
                 "snip": " ".join(x["sentence"] for x in e["evidence"])} for e in events.values()]
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
    paragraphs = []
    body = doc["body"]
    pos = 0
    for part in body.split("\n\n"):
        paragraphs.append(_render(body, pos, pos + len(part), spans, highlight))
        pos += len(part) + 2
    who = lambda lid: names.get(local_map.get(lid or ""), None)  # noqa: E731
    return {
        "id": doc["id"], "name": doc["name"], "title": doc["title"] or doc["name"], "outlet": doc["outlet"],
        "published": doc["published"], "url": doc["url"], "source": doc["source"], "paragraphs": paragraphs,
        "dropped": doc["dropped"], "original": doc["original"], "highlight": highlight,
        "events": [{"id": e["id"], "type": e["type"], "subject": who(e["subject_local"]) or e["subject_text"],
                    "status": e["status"], "date_text": e["date_text"], "date": e["date_value"],
                    "attributes": e["attributes"], "sentence": e["evidence"][0]["sentence"]} for e in events],
        "quotes": [{"id": q["id"], "text": q["text"], "speaker": who(q["speaker_local"]) or q["speaker_text"],
                    "kind": q["kind"]} for q in quotes],
        "claims": [{"id": c["id"], "stance": c["stance"], "speaker": who(c["speaker_local"]) or c["speaker_text"],
                    "content": c["content"], "target": c["target"]} for c in claims],
    }


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


def network(store: Store) -> dict[str, Any]:
    """Who arrested, charged, threatened, quoted or denied whom: nodes, edges and a circle layout."""
    local_map = store.local_to_entity()
    ents = {e["id"]: e for e in store.entities_of()}
    edges: dict[tuple[str, str, str], int] = {}

    def add(a: str | None, b: str | None, label: str) -> None:
        if a and b and a != b and a in ents and b in ents:
            edges[(a, b, label)] = edges.get((a, b, label), 0) + 1

    for ev in store.table_rows("events"):
        add(local_map.get(ev["agent_local"] or ""), local_map.get(ev["subject_local"] or ""), ev["type"].lower())
    for c in store.table_rows("claims", where={"stance": "deny"}):
        add(local_map.get(c["speaker_local"] or ""), local_map.get(c["about_local"] or ""), "denied")
    mentions = store.table_rows("mentions")
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for m in mentions:
        by_doc.setdefault(m["doc_id"], []).append(m)
    for q in store.table_rows("quotes", where={"kind": "speech"}):
        speaker = local_map.get(q["speaker_local"] or "")
        for m in by_doc.get(q["doc_id"], []):
            if q["start"] <= m["start"] < q["end"]:
                add(speaker, local_map.get(m["local_id"] or ""), "quoted about")
    ids = sorted({x for (a, b, _) in edges for x in (a, b)}, key=lambda i: ents[i]["name"])
    n = max(len(ids), 1)
    nodes = []
    for k, eid in enumerate(ids):
        angle = 2 * math.pi * k / n
        degree = sum(1 for (a, b, _) in edges if eid in (a, b))
        nodes.append({"id": eid, "name": ents[eid]["name"], "type": ents[eid]["type"], "degree": degree,
                      "x": round(400 + 300 * math.cos(angle), 1), "y": round(330 + 270 * math.sin(angle), 1)})
    pos = {nd["id"]: nd for nd in nodes}
    out_edges = [{"source": a, "target": b, "label": label, "count": c, "source_name": ents[a]["name"],
                  "target_name": ents[b]["name"], "x1": pos[a]["x"], "y1": pos[a]["y"], "x2": pos[b]["x"],
                  "y2": pos[b]["y"]} for (a, b, label), c in sorted(edges.items())]
    return {"nodes": nodes, "edges": out_edges}
