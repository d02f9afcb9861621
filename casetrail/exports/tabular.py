"""JSON and CSV exports of case files: facts, quotes or claims, one row each with its sources.

``export_rows`` gives plain rows for one person or every person with facts; ``to_csv`` writes them
with a stable column order so researchers can open them in a spreadsheet and cite each line.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from casetrail.casefile.assemble import case_file
from casetrail.casefile.render import corrections_label, date_label, fact_line
from casetrail.store.store import Store

TABLES = ("facts", "quotes", "claims")


def case_files(store: Store, entity_ids: list[str] | None = None, verified_only: bool = False
               ) -> list[dict[str, Any]]:
    """Case files of the given people, or of every person with at least one fact (people a reviewer
    rejected left out); ``verified_only`` keeps what a reviewer verified."""
    everyone = entity_ids is None
    if entity_ids is None:
        from casetrail.review.overlay import rejected_people

        with_facts = {f["entity_id"] for f in store.table_rows("facts")}
        rejected = rejected_people(store)
        entity_ids = [e["id"] for e in store.entities_of("PERSON") if e["id"] in with_facts and e["id"] not in rejected]
    cases = [case_file(store, eid, verified_only) for eid in entity_ids]
    if everyone and verified_only:  # everyone: only the people with something verified
        cases = [c for c in cases if c["facts"] or c["quotes_by"] or c["claims"]]
    return cases


def _sources(case: dict[str, Any], doc_ids: list[str]) -> str:
    by_id = {s["doc_id"]: s for s in case["sources"]}
    return " | ".join(f"{by_id[d].get('outlet') or 'outlet unknown'}: {by_id[d].get('title') or by_id[d]['name']}"
                      + (f" <{by_id[d]['url']}>" if by_id[d].get("url") else "") for d in doc_ids if d in by_id)


def export_rows(cases: list[dict[str, Any]], table: str = "facts") -> list[dict[str, Any]]:
    """Rows of one table across case files; every row names its sources."""
    rows: list[dict[str, Any]] = []
    for case in cases:
        names = {s["doc_id"]: s["name"] for s in case["sources"]}
        if table == "facts":
            for f in case["facts"]:
                a = f["attributes"]
                rows.append({
                    "person": case["name"], "type": f["type"], "status": f["status"],
                    "date": f["date_value"] or "", "date_precision": f["date_precision"] or "",
                    "date_as_written": f["date_text"] or "", "date_label": date_label(f),
                    "summary": fact_line(case, f), "agent": a.get("agent") or "",
                    "duration": _flat(a.get("duration")), "amount": _flat_amount(a.get("amount")),
                    "charges": "; ".join(a.get("charges", [])), "destination": _flat(a.get("destination")),
                    "articles": len(f["doc_ids"]), "independent_sources": f["independent_sources"],
                    "discrepancies": "; ".join(d["about"] for d in f["discrepancies"]),
                    "persecution": f["persecution"], "documents": "; ".join(names.get(d, d) for d in f["doc_ids"]),
                    "sources": _sources(case, f["doc_ids"]),
                    "evidence": " || ".join(c["sentence"] for c in f.get("citations", [])),
                    "pages": _pages(f.get("citations", []), names),
                    **_review_columns(f), "corrections": corrections_label(f),
                })
        elif table == "quotes":
            for q in case["quotes_by"]:
                rows.append({"person": case["name"], "speaker": q["speaker_name"], "role": q["role"] or "",
                             "quote": q["text"], "document": names.get(q["doc_id"], q["doc_id"]),
                             "start": q["text_start"], "end": q["text_end"], "page": q.get("page") or "",
                             "sources": _sources(case, [q["doc_id"]]),
                             **_review_columns(q), "reassigned_by": q.get("reassigned_by") or ""})
        elif table == "claims":
            for c in case["claims"]:
                rows.append({"person": case["name"], "speaker": c["speaker_name"] or "", "stance": c["stance"],
                             "content": c["content"], "target": c["target"] or "",
                             "answers": " || ".join(c.get("answers") or []), "sentence": c["sentence"],
                             "document": names.get(c["doc_id"], c["doc_id"]), "page": c.get("page") or "",
                             "sources": _sources(case, [c["doc_id"]]),
                             **_review_columns(c)})
        else:
            raise ValueError(f"unknown table '{table}' (facts, quotes or claims)")
    return rows


def _pages(citations: list[dict[str, Any]], names: dict[str, str]) -> str:
    """The pages a fact's sentences are on, per paged document: "report: p. 3, 14" ("" for web articles)."""
    from casetrail.casefile.render import page_label, pages_of

    return "; ".join(f"{names.get(d, d)}: {page_label(ps)}" for d, ps in pages_of(citations).items())


def _review_columns(item: dict[str, Any]) -> dict[str, str]:
    """Who checked a row: status (machine-extracted when nobody did), reviewer, date, note."""
    r = item.get("review") or {}
    return {"review_status": r.get("status", "machine-extracted"), "reviewed_by": r.get("by") or "",
            "reviewed_at": r.get("at") or "", "review_note": r.get("note") or ""}


def _flat(v: Any) -> str:
    if v is None:
        return ""
    return " / ".join(str(x) for x in v) if isinstance(v, list) else str(v)


def _flat_amount(v: Any) -> str:
    if not v:
        return ""
    vals = v if isinstance(v, list) else [v]
    return " / ".join(x.get("text") or x.get("label", "") for x in vals)


def to_csv(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def to_json(cases: list[dict[str, Any]]) -> str:
    return json.dumps(cases if len(cases) != 1 else cases[0], ensure_ascii=False, indent=1, default=str)
