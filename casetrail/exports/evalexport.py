"""The prediction file of ``shared/corpus/GOLD-FORMAT.md``: entities, quotes, events, discrepancies.

``eval_export`` builds the given articles into a scratch store with the same code as ``build`` (so
what is scored is what users get) and writes names in place of ids. Extended event types map onto the
reference types through the ontology's ``score_as`` (an APPEAL, which has none, is left out). Only the
events of persecution cases are listed (a burglar's sentence is stored, not scored as persecution); the
``cases`` key, which the scorer ignores, says whose events form a persecution case and why.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from casetrail.build import BuildReport, build
from casetrail.domain.schema import ontology
from casetrail.store.store import Store

# The statuses of shared/corpus/GOLD-FORMAT.md ("requested": sought by a party to the case, as a prosecutor asking
# for ten years; an advocate's call for a release is no event at all, see nlp/eventstatus.py).
SCORED_STATUSES = frozenset({"asserted", "claimed", "denied", "scheduled", "hypothetical", "requested"})


def _attributes(ev: dict[str, Any]) -> dict[str, Any]:
    """Event attributes as the prediction shape has them: an amount as written."""
    out = dict(ev["attributes"])
    if "amount" in out:
        out["amount"] = out["amount"].get("text") or out["amount"].get("label")
    return out


def prediction(store: Store, doc_ids: list[str] | None = None) -> dict[str, Any]:
    """The prediction shape for the store's documents (or the given ones)."""
    onto = ontology()
    docs = {d["id"]: d for d in store.documents(doc_ids)}
    keep = set(docs)
    local_map = store.local_to_entity()
    entities = {e["id"]: e for e in store.entities_of()}
    names = {eid: e["name"] for eid, e in entities.items()}
    locals_ = [r for r in store.local_entities_of() if r["doc_id"] in keep]
    ent_docs: dict[str, list[str]] = {}
    for r in locals_:
        if r["entity_id"]:
            ent_docs.setdefault(r["entity_id"], [])
            name = docs[r["doc_id"]]["name"]
            if name not in ent_docs[r["entity_id"]]:
                ent_docs[r["entity_id"]].append(name)
    out_entities = [{"name": entities[eid]["name"], "type": entities[eid]["type"],
                     "aliases": sorted(set(entities[eid]["aliases"]) - {entities[eid]["name"]}),
                     "roles": sorted({r["role"] for r in entities[eid]["roles"]}), "docs": sorted(d)}
                    for eid, d in sorted(ent_docs.items(), key=lambda kv: names[kv[0]])]

    def who(local: str | None, fallback: str | None) -> str | None:
        return names.get(local_map.get(local or ""), None) or fallback

    quotes: list[dict[str, Any]] = []
    for q in sorted(store.table_rows("quotes"), key=lambda q: (docs.get(q["doc_id"], {}).get("name", ""), q["start"])):
        if q["doc_id"] in keep and q["kind"] == "speech":
            name = docs[q["doc_id"]]["name"]
            if quotes and quotes[-1]["doc"] == name and quotes[-1]["group"] == q["grp"] and q["grp"] is not None:
                # (a group is a chain of paragraphs each continuing the one before: nlp/quotemarks.py)
                quotes[-1]["text"] += "\n\n" + q["text"]  # one statement over several paragraphs is one quote
                quotes[-1]["end"] = q["text_end"]
                continue
            quotes.append({"doc": name, "text": q["text"],
                           "speaker": who(q["speaker_local"], q["speaker_text"]), "role": q["role"],
                           "start": q["text_start"], "end": q["text_end"], "group": q["grp"]})
    facts_by: dict[str, list[dict[str, Any]]] = {}
    for f in store.table_rows("facts"):
        facts_by.setdefault(f["entity_id"], []).append(f)
    persecuted = {r["entity_id"] for r in locals_ if r["entity_id"] and r.get("political")}
    events = []
    for ev in sorted(store.table_rows("events"), key=lambda e: (docs.get(e["doc_id"], {}).get("name", ""), e["idx"])):
        if ev["doc_id"] not in keep:
            continue
        etype = onto.scoring_type(ev["type"])
        subject = who(ev["subject_local"], None)
        owner = local_map.get(ev["subject_local"] or "")
        if etype is None or subject is None or (entities.get(owner, {}).get("type") == "PERSON"
                                                 and owner not in persecuted) or ev["status"] not in SCORED_STATUSES:
            continue  # a demand ("must release him") is kept in the store, not scored as an event
        events.append({"doc": docs[ev["doc_id"]]["name"], "type": etype, "subject": subject,
                       "agent": who(ev["agent_local"], ev["agent"]), "status": ev["status"],
                       "claimed_by": who(ev["claimed_by_local"], None),
                       "date_text": ev["date_text"], "date": ev["date_value"], "date_precision": ev["date_precision"],
                       "attributes": _attributes(ev),
                       "evidence": " ".join(e["sentence"] for e in ev["evidence"])})
    discrepancies = []
    cases = []
    person_ids = {eid for eid in ent_docs if entities[eid]["type"] == "PERSON"}
    for f in sorted(store.table_rows("facts"), key=lambda f: (names.get(f["entity_id"], ""), f["sort_key"] or "")):
        if f["entity_id"] not in person_ids:
            continue
        for d in f["discrepancies"]:
            discrepancies.append({
                "subject": names[f["entity_id"]], "about": d["about"],
                "values": [{"value": v["value"], "docs": sorted(docs[x]["name"] for x in v["docs"] if x in docs)}
                           for v in d["values"]]})
    for eid in sorted(person_ids, key=lambda e: names[e]):
        fs = facts_by.get(eid, [])
        if not fs:
            continue
        political = sorted({w for r in locals_ if r["entity_id"] == eid for w in (r.get("political") or [])})
        cases.append({"person": names[eid], "persecution": any(f["persecution"] for f in fs), "facts": len(fs),
                      "why": political[:8]})
    corroborations = []
    for f in sorted(store.table_rows("facts"), key=lambda f: (names.get(f["entity_id"], ""), f["sort_key"] or "")):
        if f["entity_id"] in person_ids and len(f["doc_ids"]) >= 2:
            corroborations.append({"subject": names[f["entity_id"]], "about": f["type"].lower().replace("_", " "),
                                   "docs": sorted(docs[d]["name"] for d in f["doc_ids"] if d in docs),
                                   "independent_sources": f["independent_sources"]})
    return {"entities": out_entities, "quotes": quotes, "events": events, "discrepancies": discrepancies,
            "corroborations": corroborations, "cases": cases}


def eval_export(paths: list[str], out: str | Path, *, model: str = "md", store_url: str | None = None
                ) -> tuple[dict[str, Any], BuildReport]:
    """Build the articles (into a scratch store unless one is given) and write the prediction file."""
    with tempfile.TemporaryDirectory(prefix="casetrail-eval-") as tmp:
        store = Store(store_url or str(Path(tmp) / "eval.db"))
        try:
            report = build(paths, store, model=model)
            ids = list(dict.fromkeys(report.stored + report.skipped))
            pred = prediction(store, ids)
        finally:
            store.close()
    Path(out).write_text(json.dumps(pred, ensure_ascii=False, indent=1), encoding="utf-8")
    return pred, report
