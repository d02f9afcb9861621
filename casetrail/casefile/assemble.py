"""Case files: recompute the facts of people whose articles changed, and assemble one person's file.

``update_facts`` only touches entities marked stale by resolution, so adding an article updates the
case files it concerns and nothing else. ``case_file`` gathers what a researcher cites: profile
(names, roles with their source), timeline of facts with corroboration and precision, quotes by and
about the person, claims and denials side by side, discrepancies, and a numbered source list.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import delete, insert, select, update

from casetrail.casefile import compare
from casetrail.casefile.facts import FactBuilder
from casetrail.casefile.sources import source_groups
from casetrail.errors import AmbiguousPerson, PersonNotFound
from casetrail.review import overlay
from casetrail.store import schema as t
from casetrail.store.store import Store
from casetrail.values.names import name_key


def _docs_for(store: Store, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Metadata of documents (no text): outlet, falling back on the outlet the article names itself."""
    docs = {d["id"]: d for d in store.documents(doc_ids)}
    for d in docs.values():
        inferred = d.pop("outlet_inferred", None)
        d["outlet_inferred"] = False
        if not d.get("outlet") and inferred:
            d["outlet"] = inferred
            d["outlet_inferred"] = True
    return docs


def update_facts(store: Store, entity_ids: set[str] | None = None, batch: int = 500) -> int:
    """Recompute the facts of stale entities (or of the given ones); returns how many were updated.

    People are handled in batches: one query each for their mentions, events and documents, one
    transaction for their new facts (a crash leaves the batch stale, and the next run redoes it).
    """
    if entity_ids is None:
        entity_ids = {r["id"] for r in store.rows(select(t.entities.c.id).where(t.entities.c.stale.is_(True)))}
    ordered = sorted(entity_ids)
    for start in range(0, len(ordered), batch):
        _update_batch(store, ordered[start:start + batch])
    return len(ordered)


def _update_batch(store: Store, entity_ids: list[str]) -> None:
    locals_ = store.table_rows("local_entities", in_=("entity_id", entity_ids))
    by_entity: dict[str, list[dict[str, Any]]] = {}
    owner: dict[str, str] = {}
    for r in locals_:
        by_entity.setdefault(r["entity_id"], []).append(r)
        owner[r["id"]] = r["entity_id"]
    events = store.table_rows("events", in_=("subject_local", list(owner))) if owner else []
    events_of: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        events_of.setdefault(owner[e["subject_local"]], []).append(e)
    with store.engine.connect() as conn:  # reviewers' corrections, rejections and hand-added facts
        events_of, targets = overlay.for_facts(conn, entity_ids, events_of)
    all_docs = _docs_for(store, sorted({e["doc_id"] for evs in events_of.values() for e in evs}))
    rows: list[dict[str, Any]] = []
    for eid in entity_ids:
        evs = events_of.get(eid, [])
        if not evs:
            continue
        docs = {d: all_docs[d] for d in {e["doc_id"] for e in evs} if d in all_docs}
        persecution = targets.get(eid, any(r.get("political") for r in by_entity.get(eid, [])))
        for f in FactBuilder(docs, source_groups(list(docs.values()))).build(eid, evs, persecution):
            rows.append({k: f[k] for k in t.facts.c.keys()} | {"attributes": {**f["attributes"],
                                                                              "_citations": f["citations"]}})
    with store.transaction() as conn:
        conn.execute(delete(t.facts).where(t.facts.c.entity_id.in_(entity_ids)))
        if rows:
            conn.execute(insert(t.facts), rows)
        conn.execute(update(t.entities).where(t.entities.c.id.in_(entity_ids)).values(stale=False))


def find_person(store: Store, name: str) -> dict[str, Any]:
    """The one person a name denotes: exact name or alias, spacing and titles ignored; else a clear error."""
    people = store.entities_of("PERSON")
    key = name_key(name)
    exact = [p for p in people if key in {name_key(a) for a in [p["name"], *p["aliases"]]}]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        full = [p for p in exact if name_key(p["name"]) == key]
        if len(full) == 1:
            return full[0]
        raise AmbiguousPerson(f"'{name}' matches several people: {', '.join(p['name'] for p in exact)}")
    words = set(re.findall(r"\w+", name.lower()))
    partial = [p for p in people if words and words <= set(re.findall(r"\w+", " ".join([p["name"], *p["aliases"]])
                                                                        .lower()))]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise AmbiguousPerson(f"'{name}' matches several people: {', '.join(p['name'] for p in partial)}")
    raise PersonNotFound(f"no person called '{name}' in the store (try `casetrail people`)")


def case_file(store: Store, entity_id: str, verified_only: bool = False) -> dict[str, Any]:
    """Everything casetrail knows about one person, every item with its sources and its review mark
    (verified by whom, or machine-extracted); ``verified_only`` keeps what a reviewer verified."""
    ent = store.entity(entity_id)
    if ent is None:
        raise PersonNotFound(f"no entity {entity_id}")
    if ent.get("merged_into"):  # a reviewer merged this record into another person: that is their file
        return case_file(store, ent["merged_into"], verified_only)
    if ent["stale"]:
        update_facts(store, {entity_id})
        ent = store.entity(entity_id) or ent
    locals_ = store.local_entities_of(entity_id=entity_id)
    local_ids = [r["id"] for r in locals_]
    doc_ids = sorted({r["doc_id"] for r in locals_})
    facts = store.table_rows("facts", where={"entity_id": entity_id})
    facts.sort(key=lambda f: (f["sort_key"] or "9999", f["type"]))
    quotes_by = store.table_rows("quotes", in_=("speaker_local", local_ids)) if local_ids else []
    quotes_by = [q for q in quotes_by if q["kind"] == "speech"]
    quotes_about = _quotes_about(store, local_ids, {q["id"] for q in quotes_by})
    claims_by = store.table_rows("claims", in_=("speaker_local", local_ids)) if local_ids else []
    denials_about = store.table_rows("claims", in_=("about_local", local_ids)) if local_ids else []
    with store.engine.connect() as conn:  # articles cited by hand-added facts and quotes reassigned to the person
        doc_ids = sorted(set(doc_ids) | {d for f in facts for d in f["doc_ids"]}
                         | overlay.reassigned_docs(conn, entity_id))
    fact_events = {eid for f in facts for eid in f["event_ids"]}
    fact_docs = sorted({d for f in facts for d in f["doc_ids"]})
    denials_of_facts = [c for c in (store.table_rows("claims", in_=("doc_id", fact_docs)) if fact_docs else [])
                        if c["stance"] == "deny" and set(c["target_events"] or []) & fact_events]
    docs = _docs_for(store, doc_ids)
    numbered = {d: i + 1 for i, d in enumerate(sorted(doc_ids, key=lambda d: (docs[d].get("published") or "",
                                                                                 docs[d]["name"])))}
    claims_all = {c["id"]: c for c in claims_by + denials_about + denials_of_facts}
    needed = {q["speaker_local"] for q in quotes_by + quotes_about}
    needed |= {c[k] for c in claims_all.values() for k in ("speaker_local", "about_local")}
    needed |= {c.get("claimed_by_local") for f in facts for c in f["attributes"].get("_citations", [])}
    resolved = store.entities_for_locals({n for n in needed if n})
    speaker = lambda lid: resolved.get(lid or "", (None, None))[1]  # noqa: E731
    answered = _answered(store, [c for c in claims_all.values() if c["stance"] == "deny"])
    for c in claims_all.values():
        c["speaker_name"] = speaker(c["speaker_local"]) or c["speaker_text"]
        c["about_name"] = speaker(c["about_local"])
        c["answers"] = [answered[x] for x in (c["target_claims"] or []) + (c["target_quotes"] or []) if x in answered]
    for f in facts:
        f["citations"] = f["attributes"].pop("_citations", [])
        for cit in f["citations"]:
            cit["claimed_by"] = speaker(cit.pop("claimed_by_local", None))
        f["denials"] = [c for c in claims_all.values() if set(c["target_events"] or []) & set(f["event_ids"])]
    for q in quotes_by + quotes_about:
        q["speaker_name"] = speaker(q["speaker_local"]) or q["speaker_text"]
    labels = source_groups(list(docs.values()))
    case = {
        "id": entity_id, "name": ent["name"], "type": ent["type"], "aliases": ent["aliases"],
        "gender": ent["gender"], "roles": ent["roles"], "role_summary": role_summary(ent["roles"]),
        "persecution_case": any(f["persecution"] for f in facts),
        "political_context": sorted({w for r in locals_ for w in (r.get("political") or [])}),
        "facts": facts,
        "quotes_by": sorted(quotes_by, key=lambda q: (numbered.get(q["doc_id"], 0), q["start"])),
        "quotes_about": sorted(quotes_about, key=lambda q: (numbered.get(q["doc_id"], 0), q["start"])),
        "claims": sorted(claims_all.values(), key=lambda c: (numbered.get(c["doc_id"], 0), c["start"])),
        "discrepancies": [dict(d, fact_id=f["id"], fact_type=f["type"]) for f in facts for d in f["discrepancies"]],
        "corroborations": corroborations(facts, labels),
        "amounts": amounts(facts, labels),
        "sources": [{"n": numbered[d], "doc_id": d, "name": docs[d]["name"], "outlet": docs[d].get("outlet"),
                     "outlet_inferred": docs[d].get("outlet_inferred", False), "title": docs[d].get("title"),
                     "published": docs[d].get("published"), "url": docs[d].get("url"), "source": docs[d]["source"],
                     "format": docs[d].get("format"), "pages": len(docs[d].get("pages") or []) or None}
                    for d in sorted(doc_ids, key=lambda d: numbered[d])],
    }
    overlay.annotate(store, case, local_ids, verified_only)
    return case


def role_summary(roles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each stated role once (case-insensitively), with the documents that state it."""
    out: dict[str, dict[str, Any]] = {}
    for r in roles:
        entry = out.setdefault(r["role"].lower(), {"role": r["role"], "docs": []})
        if r["doc_id"] not in entry["docs"]:
            entry["docs"].append(r["doc_id"])
    return list(out.values())


def corroborations(facts: list[dict[str, Any]], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Facts reported by more than one article, with how many independent outlets stand behind them."""
    out = []
    for f in facts:
        if len(f["doc_ids"]) < 2:
            continue
        out.append({"fact_id": f["id"], "type": f["type"], "docs": f["doc_ids"], "articles": len(f["doc_ids"]),
                    "independent_sources": len({labels.get(d, d) for d in f["doc_ids"]}), "outlets": f["outlets"]})
    return out


def amounts(facts: list[dict[str, Any]], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Money across fines, compensation and bail: one value reported as what, by which articles.

    Outlets confuse a fine with a compensation order; grouping by value shows where they agree on
    the sum and where they call it different things.
    """
    groups: list[dict[str, Any]] = []
    for f in facts:
        if f["type"] not in ("FINE", "COMPENSATION_ORDER", "BAIL"):
            continue
        for obs in f["attributes"].get("amount_by_doc", []):
            value, docs = obs["value"], [obs["doc_id"]]
            g = next((g for g in groups if compare.same_value("amount", g["raw"], value)), None)
            if g is None:
                g = {"raw": value, "value": compare.label_of("amount", value), "as": {}, "docs": []}
                groups.append(g)
            g["as"].setdefault(f["type"], [])
            for d in docs:
                if d not in g["as"][f["type"]]:
                    g["as"][f["type"]].append(d)
                if d not in g["docs"]:
                    g["docs"].append(d)
    for g in groups:
        g["independent_sources"] = len({labels.get(d, d) for d in g["docs"]})
        del g["raw"]
    return groups


def _answered(store: Store, denials: list[dict[str, Any]]) -> dict[str, str]:
    """Claim or quote id -> its text, for everything the given denials answer."""
    claim_ids = [x for d in denials for x in (d["target_claims"] or [])]
    quote_ids = [x for d in denials for x in (d["target_quotes"] or [])]
    out = {c["id"]: c["content"] for c in store.table_rows("claims", in_=("id", claim_ids))} if claim_ids else {}
    if quote_ids:
        out.update({q["id"]: "“" + q["text"] + "”" for q in store.table_rows("quotes", in_=("id", quote_ids))})
    return out


def _quotes_about(store: Store, local_ids: list[str], exclude: set[str]) -> list[dict[str, Any]]:
    """Quotes by others that name the person."""
    if not local_ids:
        return []
    mentions = store.table_rows("mentions", in_=("local_id", local_ids))
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for m in mentions:
        by_doc.setdefault(m["doc_id"], []).append(m)
    own, out = set(local_ids), []
    for q in store.table_rows("quotes", in_=("doc_id", sorted(by_doc))):  # one query, not one per article
        if q["id"] in exclude or q["kind"] != "speech" or q["speaker_local"] in own:
            continue
        if any(q["start"] <= m["start"] < q["end"] for m in by_doc[q["doc_id"]]):
            out.append(q)
    return out
