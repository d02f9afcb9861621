"""FollowTheMoney entities for Aleph users: Person, Organization, Article, Event, CourtCase.

Each article becomes an ``Article`` (title, publisher, date, URL, text); each fact an ``Event`` with
the person ``involved``, the acting person or organisation as ``organizer`` and the articles as
``proof``; court facts (charge, trial, conviction, sentence) also form a ``CourtCase`` with the person
as a ``CourtCaseParty``. Ids are casetrail's own deterministic ids with a prefix, so re-exporting
gives the same entities. Values FTM cannot represent (a date with no year) go to the description.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from casetrail.casefile.render import date_label, fact_line, page_label, pages_of, review_label
from casetrail.store.store import Store

MIME_TYPES = {"pdf": "application/pdf", "html": "text/html", "txt": "text/plain",
              "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}

COURT_TYPES = ("CHARGE", "TRIAL", "CONVICT", "SENTENCE", "ACQUIT", "FINE", "COMPENSATION_ORDER")


def _make(schema: str, eid: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.id = eid
    return proxy


def _date(value: str | None) -> str | None:
    return value if value and not value.startswith("--") else None


def ftm_entities(store: Store, cases: list[dict[str, Any]]) -> Iterator[EntityProxy]:
    """The FTM entities of the given case files (each entity once)."""
    seen: set[str] = set()
    entities = {e["id"]: e for e in store.entities_of()}

    def emit(proxy: EntityProxy) -> Iterator[EntityProxy]:
        if proxy.id not in seen:
            seen.add(proxy.id)
            yield proxy

    for case in cases:
        person = _make("Person", f"ct-{case['id']}")
        person.add("name", case["name"])
        person.add("alias", [a for a in case["aliases"] if a != case["name"]])
        person.add("position", [r["role"] for r in case["role_summary"]])
        if case["persecution_case"]:
            person.add("topics", "poi")
        person.add("notes", "; ".join(case.get("political_context", [])))
        yield from emit(person)
        articles = {}
        for s in case["sources"]:
            doc = store.document(s["doc_id"]) or {}
            art = _make("Article", f"ct-doc-{s['doc_id']}")
            art.add("title", s["title"] or s["name"])
            art.add("publisher", s["outlet"])
            art.add("publishedAt", s["published"])
            art.add("sourceUrl", s["url"])
            art.add("fileName", s["source"])
            art.add("bodyText", doc.get("body"))
            art.add("contentHash", s["doc_id"])
            art.add("mimeType", MIME_TYPES.get(s.get("format") or ""))
            art.add("peopleMentioned", case["name"])
            articles[s["doc_id"]] = art
            yield from emit(art)
        court_case = None
        for f in case["facts"]:
            ev = _make("Event", f"ct-fact-{f['id']}")
            ev.add("name", fact_line(case, f).split(" — ")[0] + f" ({case['name']})")
            ev.add("date", _date(f["date_value"]))
            ev.add("summary", fact_line(case, f))
            ev.add("description", f"date: {date_label(f)}; status: {f['status']}; "
                                  f"independent sources: {f['independent_sources']}; review: {review_label(f)}")
            ev.add("involved", person)
            ev.add("proof", [articles[d] for d in f["doc_ids"] if d in articles])
            cited = pages_of(f.get("citations", []))
            if cited:  # a PDF or Word source: where in it the fact is told
                names = {s["doc_id"]: s["title"] or s["name"] for s in case["sources"]}
                where = "; ".join(f"{names.get(d, d)}, {page_label(ps)}" for d, ps in cited.items())
                ev.add("notes", "pages: " + where)
            ev.add("keywords", [f["type"], f["status"], (f.get("review") or {}).get("status", "machine-extracted")])
            agent_id = _agent_entity(store, f)
            if agent_id and agent_id in entities:
                agent = entities[agent_id]
                org = _make("Person" if agent["type"] == "PERSON" else "Organization", f"ct-{agent_id}")
                org.add("name", agent["name"])
                yield from emit(org)
                ev.add("organizer", org)
            elif f["attributes"].get("agent"):
                ev.add("notes", f"acted: {f['attributes']['agent']}")
            yield from emit(ev)
            if f["type"] in COURT_TYPES:
                if court_case is None:
                    court_case = _make("CourtCase", f"ct-case-{case['id']}")
                    court_case.add("name", f"Case against {case['name']}")
                    court_case.add("category", "criminal")
                court_case.add("court", f["attributes"].get("agent") if f["type"] in ("SENTENCE", "CONVICT") else None)
                court_case.add("fileDate", _date(f["date_value"]) if f["type"] == "CHARGE" else None)
                court_case.add("proof", [articles[d] for d in f["doc_ids"] if d in articles])
                court_case.add("summary", fact_line(case, f))
        if court_case is not None:
            yield from emit(court_case)
            party = _make("CourtCaseParty", f"ct-party-{case['id']}")
            party.add("party", person)
            party.add("case", court_case)
            party.add("role", "defendant")
            yield from emit(party)


def _agent_entity(store: Store, fact: dict[str, Any]) -> str | None:
    """The global entity that acted in a fact, when the extractor resolved one."""
    events = store.table_rows("events", in_=("id", fact["event_ids"]))
    local_map = store.local_to_entity()
    for ev in events:
        if ev.get("agent_local") and ev["agent_local"] in local_map:
            return local_map[ev["agent_local"]]
    return None


def to_ftm_json(store: Store, cases: list[dict[str, Any]]) -> str:
    """Line-delimited FTM JSON, the format Aleph and ``ftm`` tools read."""
    return "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in ftm_entities(store, cases))
