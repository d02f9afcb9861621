"""Case facts: one person's events merged across articles, with corroboration and discrepancies.

Events of one type about one person merge into one fact when their dates are compatible (to the
coarser precision; day dates a few days apart merge with a date discrepancy). Within one article the
extractor has already merged what it could, so two events of a type in one article stay two facts.
Each fact keeps every citation (article, outlet, sentence, offsets), counts independent sources
(an outlet's several articles, or copies of one story, count once), and lists each attribute on
which its sources disagree with the values side by side. Charge wordings are compared across the
whole court case (charge, trial, conviction, sentence), where outlets word them differently.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from casetrail.casefile import compare
from casetrail.domain.schema import STATUS_RANK, ontology
from casetrail.ingest.document import stable_id
from casetrail.values.dates import EventDate, compatible

COURT_TYPES = ("CHARGE", "TRIAL", "CONVICT", "SENTENCE", "ACQUIT")
COMPARED = ("amount", "duration", "destination", "origin", "place", "beneficiary")
ABOUT = {"amount": "amount", "duration": "duration", "destination": "destination", "origin": "origin",
         "place": "place", "beneficiary": "beneficiary", "date": "date", "agent": "who acted"}
DATE_SLACK_DAYS = 7
# Facts whose list of charges is compared article by article (what someone was arrested or convicted for).
LISTED_CHARGES = ("ARREST", "CONVICT", "SENTENCE")


def _edate(ev: dict[str, Any]) -> EventDate:
    return EventDate(text=ev.get("date_text") or "", value=ev.get("date_value"),
                     precision=ev.get("date_precision") or "unknown", basis=ev.get("date_basis") or "absolute")


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 and not value.startswith("--") else None
    except ValueError:
        return None


def _dates_fit(a: EventDate, b: EventDate) -> tuple[bool, bool]:
    """(can be one happening, needs a date discrepancy). Year-unknown days ("--08-09", from articles
    with no date) compare by month and day."""
    if compatible(a, b):
        return True, False
    da, db = _day(a.value), _day(b.value)
    if da is None and db is None and (a.value or "").startswith("--") and (b.value or "").startswith("--"):
        da, db = _day("2000" + a.value[1:]), _day("2000" + b.value[1:])
    elif da is not None and db is None and (b.value or "").startswith("--"):
        db = _day(f"{da.year:04d}" + b.value[1:])  # "2022-08-15" beside "August 9" of an undated article
    elif db is not None and da is None and (a.value or "").startswith("--"):
        da = _day(f"{db.year:04d}" + a.value[1:])
    if da and db and abs((da - db).days) <= DATE_SLACK_DAYS:
        return True, True
    return False, False


def _terms_fit(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two sentences of different lengths are two sentences unless their dates tie them together
    ("six years", later raised to "34 years"); dated alike, they are one with a duration discrepancy."""
    da, db = a["attributes"].get("duration"), b["attributes"].get("duration")
    if not (da and db) or compare.same_value("duration", da, db):
        return True
    return bool(a.get("date_value") and b.get("date_value"))


def type_label(event_type: str) -> str:
    return event_type.lower().replace("_", " ")


class FactBuilder:
    """Builds one person's facts from their events (see module docstring)."""

    def __init__(self, docs: dict[str, dict[str, Any]], source_labels: dict[str, str]) -> None:
        self.docs = docs
        self.labels = source_labels

    def build(self, entity_id: str, events: list[dict[str, Any]], persecution: bool) -> list[dict[str, Any]]:
        groups: list[dict[str, Any]] = []
        by_type: dict[str, list[dict[str, Any]]] = {}
        # dated events first, so that an undated mention joins the happening its details fit best
        for ev in sorted(events, key=lambda e: (not e.get("date_value"), e["doc_id"], e["idx"])):
            home = self._home(by_type.get(ev["type"], []), ev)
            if home is None:
                home = {"type": ev["type"], "events": [], "date_conflict": False, "docs": set(), "sigs": {}}
                groups.append(home)
                by_type.setdefault(ev["type"], []).append(home)
            home["events"].append(ev)
            home["docs"].add(ev["doc_id"])
            sig = (ev["attributes"].get("duration") or "", _edate(ev))  # what grouping compares of an event
            home["sigs"].setdefault(sig, [0, ev])[0] += 1
        facts = [self._fact(entity_id, g, persecution) for g in groups]
        self._court_charges(facts, groups)
        self._custody_start(facts, groups)
        _one_date_discrepancy(facts)
        facts.sort(key=lambda f: (f["sort_key"], f["type"]))
        return facts

    def _home(self, groups: list[dict[str, Any]], ev: dict[str, Any]) -> dict[str, Any] | None:
        """The happening of ``ev``'s type it fits best, if any. A group's events are compared through
        their distinct (term, date) signatures, so a person with thousands of alike reports stays fast."""
        best, best_score, conflict = None, float("-inf"), False
        ev_date, ev_term = _edate(ev), ev["attributes"].get("duration") or ""
        for g in groups:
            if ev["doc_id"] in g["docs"]:
                continue
            score, notes = 0, False
            for (term, rep_date), (n, rep) in g["sigs"].items():
                fit, needs_note = _dates_fit(rep_date, ev_date)
                if not (fit and _terms_fit(rep, ev)):
                    break
                # prefer the happening with the same term and no date conflict
                score += (2 * n if term and compare.same_value("duration", term, ev_term) else 0) \
                    - (n if needs_note else 0)
                notes = notes or needs_note
            else:
                if score > best_score:
                    best, best_score, conflict = g, score, notes
        if best is not None and conflict:
            best["date_conflict"] = True
        return best

    def _citation(self, ev: dict[str, Any]) -> list[dict[str, Any]]:
        doc = self.docs.get(ev["doc_id"], {})
        return [{"event_id": ev["id"], "doc_id": ev["doc_id"], "doc_name": doc.get("name"),
                 "outlet": doc.get("outlet"), "title": doc.get("title"), "published": doc.get("published"),
                 "url": doc.get("url"), "sentence": e["sentence"], "start": e["start"], "end": e["end"],
                 "text_start": e.get("text_start"), "text_end": e.get("text_end"), "page": e.get("page"),
                 "status": e.get("status", ev["status"]), "date_text": ev.get("date_text"),
                 "claimed_by_local": e.get("claimed_by", ev.get("claimed_by_local")),
                 "corrected": ev.get("corrected"), "manual": ev.get("manual")}  # reviewers' work, when any
                for e in ev["evidence"]]

    def _fact(self, entity_id: str, g: dict[str, Any], persecution: bool) -> dict[str, Any]:
        evs = g["events"]
        status = max((e["status"] for e in evs), key=lambda s: STATUS_RANK.get(s, 0))
        dated = [e for e in evs if e.get("date_value")]
        precise = {"day": 3, "month": 2, "year": 1}
        best_date = max(dated, key=lambda e: (e.get("date_basis") == "absolute",
                                              precise.get(e.get("date_precision") or "", 0)), default=None)
        date_text = best_date["date_text"] if best_date else next((e["date_text"] for e in evs if e["date_text"]),
                                                                    None)
        attributes: dict[str, Any] = {}
        discrepancies: list[dict[str, Any]] = []
        for key in COMPARED:
            obs = [(e["attributes"][key], e["doc_id"]) for e in evs if e["attributes"].get(key)]
            if not obs:
                continue
            if key == "amount":  # each article's own figure, for comparing sums across fines and compensation
                attributes["amount_by_doc"] = [{"doc_id": d, "value": v} for v, d in obs]
            values = compare.group_values(key, obs)
            attributes[key] = values[0]["raw"] if len(values) == 1 else [v["raw"] for v in values]
            if len(values) > 1:
                discrepancies.append(self._discrepancy(g["type"], key, values))
        charges: list[str] = []
        for e in evs:
            for c in e["attributes"].get("charges", []):
                if c.lower() not in {x.lower() for x in charges}:
                    charges.append(c)
        if charges:
            attributes["charges"] = charges
            listed = compare.listed_charges_discrepancy([(e["attributes"].get("charges", []), e["doc_id"])
                                                         for e in evs]) if g["type"] in LISTED_CHARGES else []
            if listed:
                discrepancies.append({"about": f"{type_label(g['type'])} charges", "values": listed})
        for key in ("threat",):
            vals = [e["attributes"][key] for e in evs if e["attributes"].get(key)]
            if vals:
                attributes[key] = vals[0]
        agents = [(e["agent"], e["doc_id"]) for e in evs if e.get("agent") and compare.named_agent(e["agent"])]
        if agents:
            values = compare.group_values("agent", agents)
            attributes["agent"] = values[0]["raw"]
            if len(values) > 1 and len({d for v in values for d in v["docs"]}) > 1:
                discrepancies.append(self._discrepancy(g["type"], "agent", values))
        if g["date_conflict"]:
            obs = [(e["date_value"], e["doc_id"]) for e in dated]
            discrepancies.append(self._discrepancy(g["type"], "date", compare.group_values("date", obs)))
        citations = [c for e in evs for c in self._citation(e)]
        doc_ids = list(dict.fromkeys(e["doc_id"] for e in evs))
        outlets = list(dict.fromkeys(self.docs.get(d, {}).get("outlet") or "outlet unknown" for d in doc_ids))
        sources = {self.labels.get(d, d) for d in doc_ids}
        et = ontology().event_types.get(g["type"])
        return {
            "id": stable_id(entity_id, g["type"], evs[0]["id"]), "entity_id": entity_id, "type": g["type"],
            "status": status, "date_value": best_date["date_value"] if best_date else None,
            "date_precision": best_date["date_precision"] if best_date else None, "date_text": date_text,
            "sort_key": self._sort_key(best_date, g["type"]),
            "attributes": attributes, "event_ids": [e["id"] for e in evs], "doc_ids": doc_ids, "outlets": outlets,
            "independent_sources": len(sources), "discrepancies": discrepancies,
            "persecution": bool(persecution and et is not None and et.persecution),
            "confidence": min(1.0, 0.5 + 0.25 * (len(sources) - 1) + (0.25 if status == "asserted" else 0.0)),
            "citations": citations,
        }

    @staticmethod
    def _sort_key(best_date: dict[str, Any] | None, event_type: str) -> str:
        """Dated facts by date; facts with no year after them, in the usual order of a case."""
        rank = f"{ontology().procedural_rank(event_type):02d}"
        value = best_date["date_value"] if best_date else None
        if value and not value.startswith("--"):
            return value[:10] + "~" + rank
        return "9999~" + rank

    def _discrepancy(self, event_type: str, key: str, values: list[dict[str, Any]]) -> dict[str, Any]:
        return {"about": f"{type_label(event_type)} {ABOUT.get(key, key)}",
                "values": [{"value": v["value"], "docs": list(v["docs"])} for v in values]}

    def _custody_start(self, facts: list[dict[str, Any]], groups: list[dict[str, Any]]) -> None:
        """When custody began, article by article: the first arrest date, or "detained since X". Articles
        that disagree ("arrested in August 2020" / "detained since December 2020") are shown side by side."""
        starts: dict[str, tuple[EventDate, str, str]] = {}
        for g in groups:
            if g["type"] not in ("ARREST", "DETAIN"):
                continue
            for e in g["events"]:
                if not e.get("date_value") or e["attributes"].get("again"):
                    continue
                if g["type"] == "DETAIN" and not any(
                        re.search(r"\bsince\s+" + re.escape(e["date_text"] or "?"), x["sentence"])
                        for x in e["evidence"]):
                    continue
                d = _edate(e)
                have = starts.get(e["doc_id"])
                if have is None or d.value.lstrip("-") < have[0].value.lstrip("-"):
                    starts[e["doc_id"]] = (d, e["date_text"], g["type"])
        values: list[dict[str, Any]] = []
        for doc_id, (d, text, kind) in starts.items():
            home = next((v for v in values if compatible(v["date"], d)), None)
            if home is None:
                values.append({"date": d, "value": text, "docs": [doc_id], "kinds": {kind}})
            else:
                home["docs"].append(doc_id)
                home["kinds"].add(kind)
        if len(values) < 2 or not any("DETAIN" in v["kinds"] for v in values):
            return  # arrest dates alone that differ are the arrest fact's own date discrepancy
        home_fact = next((f for f in facts if f["type"] == "DETAIN"), None) or next(
            (f for f in facts if f["type"] == "ARREST"), None)
        if home_fact is not None:
            home_fact["discrepancies"].append({"about": "start of custody", "values": [
                {"value": v["value"], "docs": v["docs"]} for v in values]})

    def _court_charges(self, facts: list[dict[str, Any]], groups: list[dict[str, Any]]) -> None:
        """Compare charge wordings across the court case: charge, trial, conviction and sentence."""
        obs: list[tuple[str, str]] = []
        for g in groups:
            if g["type"] not in COURT_TYPES:
                continue
            for e in g["events"]:
                obs.extend((c, e["doc_id"]) for c in e["attributes"].get("charges", []))
        found = compare.charge_discrepancies(obs)
        if not found:
            return
        home = next((f for f in facts if f["type"] == "CONVICT"), None) or next(
            (f for f in facts if f["type"] in COURT_TYPES), None)
        if home is None:
            return
        for d in found:
            home["discrepancies"].append({"about": "charge wording", "values": d["values"]})


def _date_values(d: dict[str, Any]) -> list[tuple[EventDate, set[str]]]:
    return [(EventDate(text="", value=v["value"]), set(v["docs"])) for v in d["values"]]


def _one_date_discrepancy(facts: list[dict[str, Any]]) -> None:
    """Report a disagreement on a day once: a ban passed with a sentence carries the sentence's day, and
    the articles' two days for the sentence are not a second discrepancy for the ban."""
    dated = [(f, d) for f in facts for d in f["discrepancies"] if d["about"].endswith(" " + ABOUT["date"])]

    def covered(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return all(any(compatible(da, db) and docs_a <= docs_b for db, docs_b in _date_values(b))
                   for da, docs_a in _date_values(a))

    for i, (fact, d) in enumerate(dated):
        if any(covered(d, other) and (not covered(other, d) or j < i)
               for j, (other_fact, other) in enumerate(dated) if other_fact is not fact):
            fact["discrepancies"].remove(d)

