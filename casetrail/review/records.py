"""Reviewers' writes: a status on any extracted item, corrections, merges and splits of people, facts added
by hand with their citation, and undoing a correction. Each write lands with its audit entry in one
transaction, and the case files it touches are rebuilt at once.

Corrections are rows of their own (``corrections``), one per corrected field of one target, keyed by a
hash of (kind, target id, field) and carrying the target's anchor; extraction rows are never edited.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, insert, select, update

from casetrail.domain.schema import EVENT_TYPES, REVIEW_STATUSES, STATUSES
from casetrail.errors import PermissionDenied, ReviewError
from casetrail.ingest.document import stable_id
from casetrail.review import audit, identity, targets
from casetrail.review.accounts import User
from casetrail.review.reconcile import reconcile
from casetrail.store import schema as t
from casetrail.store.store import Store, now
from casetrail.values.dates import parse_date
from casetrail.values.durations import parse_duration
from casetrail.values.money import parse_money

EVENT_FIELDS = ("type", "date", "amount", "duration", "status")
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$|^--\d{2}-\d{2}$")


class Reviewer:
    """One user's review work on one store; refuses everything when the role does not allow reviewing."""

    def __init__(self, store: Store, user: User) -> None:
        if not user.can("review"):
            raise PermissionDenied(f"{user.name} ({user.role}) may read but not review")
        self.store = store
        self.user = user

    # -- statuses ---------------------------------------------------------------------------------
    def set_status(self, kind: str, ref: str, status: str, note: str | None = None) -> dict[str, Any]:
        """Mark one item unreviewed, verified, disputed or rejected (with a note)."""
        return self.bulk([(kind, ref)], status, note)[0]

    def bulk(self, items: list[tuple[str, str]], status: str, note: str | None = None) -> list[dict[str, Any]]:
        """The same status on several items at once (bulk verify), in one transaction."""
        if status not in REVIEW_STATUSES:
            raise ReviewError(f"unknown status '{status}' (use {', '.join(REVIEW_STATUSES)})")
        out, people, identity_changed = [], set(), False
        with self.store.transaction() as conn:
            for kind, ref in items:
                target = targets.load(conn, kind, ref)
                out.append(self._status(conn, kind, target, status, note))
                people.add(target["entity_id"])
                identity_changed |= kind == "merge"
        self._refresh({p for p in people if p}, identity_changed)
        return out

    def _status(self, conn: Connection, kind: str, target: dict[str, Any], status: str,
                note: str | None) -> dict[str, Any]:
        old = conn.execute(select(t.reviews).where(t.reviews.c.target_kind == kind,
                                                   t.reviews.c.target_id == target["id"])).mappings().first()
        row = {"status": status, "note": note or None, "reviewer": self.user.name, "reviewed_at": now(),
               "entity_id": target["entity_id"], "anchor": target["anchor"], "orphan": False,
               "doc_id": (target["anchor"] or {}).get("doc_id")}
        if old is None:
            conn.execute(insert(t.reviews).values(id=stable_id(kind, target["id"]), target_kind=kind,
                                                  target_id=target["id"], **row))
        else:
            conn.execute(update(t.reviews).where(t.reviews.c.id == old["id"]).values(**row))
        before = {"status": old["status"], "note": old["note"], "reviewer": old["reviewer"]} if old else \
            {"status": "unreviewed"}
        audit.record(conn, self.user.name, "status", kind, target["id"], target["entity_id"], before,
                     {"status": status, "note": note or None}, note)
        return {"kind": kind, "id": target["id"], "status": status}

    # -- corrections ------------------------------------------------------------------------------
    def correct_event(self, event_id: str, changes: dict[str, str | None], note: str | None = None) -> list[str]:
        """Change an event's type, date (with precision), amount, duration or status; an empty value takes the
        field's correction back. Returns the fields changed."""
        unknown = set(changes) - set(EVENT_FIELDS)
        if unknown:
            raise ReviewError(f"an event's correctable fields are {', '.join(EVENT_FIELDS)}, not {sorted(unknown)}")
        with self.store.transaction() as conn:
            target = targets.load(conn, "event", event_id)
            done = []
            for field, raw in changes.items():
                if raw is None:
                    continue
                value = event_value(field, raw, target["row"]) if str(raw).strip() else None
                if self._put(conn, "event", target, field, value, note):
                    done.append(field)
        self._refresh({target["entity_id"]} - {None})
        return done

    def reassign_speaker(self, quote_id: str, person_id: str | None, note: str | None = None) -> None:
        """Say who really spoke a quote (a person of the store), or that nobody named did (``None``)."""
        with self.store.transaction() as conn:
            target = targets.load(conn, "quote", quote_id)
            value: dict[str, Any] = {"entity_id": None, "name": None}
            if person_id:
                person = self._person(conn, person_id)
                value = {"entity_id": person["id"], "name": person["name"]}
            self._put(conn, "quote", target, "speaker", value, note, value_ref=value["entity_id"])
        self._refresh({target["entity_id"], value["entity_id"]} - {None})

    def rename(self, person_id: str, name: str, note: str | None = None) -> None:
        """Give a person the name researchers should cite (the machine's spellings stay as aliases)."""
        with self.store.transaction() as conn:
            target = targets.load(conn, "person", person_id)
            self._put(conn, "person", target, "name", name.strip() or None, note)
        self._refresh({person_id})

    def set_target(self, person_id: str, is_target: bool | None, note: str | None = None) -> None:
        """Say that a person is (True) or is not (False) a target of persecution; None takes it back."""
        with self.store.transaction() as conn:
            target = targets.load(conn, "person", person_id)
            self._put(conn, "person", target, "persecution", is_target, note)
        self._refresh({person_id})

    def merge(self, source_id: str, into_id: str, note: str | None = None) -> str:
        """Two records are one person: ``source`` joins ``into`` (returns the person they now are)."""
        with self.store.transaction() as conn:
            source, into = self._person(conn, source_id), self._person(conn, into_id)
            merges, _ = identity._active(conn)
            if identity.canonical(merges, into["id"]) == source["id"] or source["id"] == into["id"]:
                raise ReviewError(f"{source['name']} and {into['name']} are one person already")
            target = targets.load(conn, "person", source["id"])
            self._put(conn, "identity", target, "merge_into", {"into": into["id"], "into_name": into["name"],
                                                               "name": source["name"]}, note, value_ref=into["id"])
            identity.apply(conn, {source["id"], into["id"]})
        self._refresh({source["id"], into["id"]}, identity_changed=False)
        return into["id"]

    def split(self, person_id: str, doc_ids: list[str], name: str | None = None, note: str | None = None) -> str:
        """A wrong merge: the person's mentions in these articles are someone else (returns that person's id)."""
        with self.store.transaction() as conn:
            person = self._person(conn, person_id)
            have = {r[0] for r in conn.execute(select(t.local_entities.c.doc_id).where(
                t.local_entities.c.machine_entity_id == person["id"]))}
            docs = sorted(set(doc_ids))
            if not docs or not set(docs) <= have:
                raise ReviewError(f"a split takes some of {person['name']}'s own articles "
                                  f"({len(have)} known to the machine), not {docs}")
            if set(docs) == have:
                raise ReviewError("a split leaves at least one article with the person (rename them instead)")
            new = identity.split_id(person["id"], docs)
            target = targets.load(conn, "person", person["id"])
            self._put(conn, "identity", target, "split:" + stable_id(*docs, length=8),
                      {"docs": docs, "new_id": new, "name": (name or "").strip() or None}, note, value_ref=new)
            identity.apply(conn, {person["id"]})
        self._refresh({person["id"], new}, identity_changed=False)
        return new

    def add_fact(self, person_id: str, event_type: str, doc_id: str, sentence: str, date: str | None = None,
                 amount: str | None = None, duration: str | None = None, status: str = "asserted",
                 note: str | None = None) -> str:
        """A fact the machine missed, with its citation: the sentence must be in the article, verbatim."""
        with self.store.transaction() as conn:
            person = self._person(conn, person_id)
            doc = conn.execute(select(t.documents.c.body).where(t.documents.c.id == doc_id)).first()
            if doc is None:
                raise ReviewError(f"no article '{doc_id}'")
            start, end = locate(doc[0], sentence)
            etype = event_value("type", event_type, {})
            value: dict[str, Any] = {"type": etype, "doc_id": doc_id, "sentence": doc[0][start:end], "start": start,
                                     "end": end, "status": event_value("status", status or "asserted", {})}
            for field, raw in (("date", date), ("amount", amount), ("duration", duration)):
                if raw and raw.strip():
                    value[field] = event_value(field, raw, {"doc_id": doc_id})
            cid = stable_id("manual_fact", person["id"], doc_id, start, etype)
            target = {"id": person["id"], "entity_id": person["id"], "anchor": {"doc_id": doc_id, "start": start,
                                                                                 "end": end}}
            self._put(conn, "manual_fact", target, "fact:" + cid, value, note, cid=cid)
            self._status(conn, "event", {"id": cid, "entity_id": person["id"], "anchor": target["anchor"]},
                         "verified", "added by hand")
        self._refresh({person["id"]})
        return cid

    def revoke(self, correction_id: str, note: str | None = None) -> None:
        """Take a correction back (it stays in the store, inactive, and the log says who and why)."""
        with self.store.transaction() as conn:
            row = conn.execute(select(t.corrections).where(t.corrections.c.id == correction_id)).mappings().first()
            if row is None or not row["active"]:
                raise ReviewError(f"no active correction '{correction_id}'")
            conn.execute(update(t.corrections).where(t.corrections.c.id == correction_id).values(active=False))
            audit.record(conn, self.user.name, "revoke", row["kind"], row["target_id"], row["entity_id"],
                         {"field": row["field"], "value": row["value"]}, None, note)
            people = {row["entity_id"], row["value_ref"], row["target_id"] if row["kind"] == "identity" else None}
            if row["kind"] == "identity":
                identity.apply(conn, {p for p in people if p})
        self._refresh({p for p in people if p})

    # -- helpers ----------------------------------------------------------------------------------
    def _put(self, conn: Connection, kind: str, target: dict[str, Any], field: str, value: Any, note: str | None,
             value_ref: str | None = None, cid: str | None = None) -> bool:
        """Write one correction (replacing the target field's earlier one) and its audit entry."""
        cid = cid or stable_id(kind, target["id"], field)
        old = conn.execute(select(t.corrections).where(t.corrections.c.id == cid)).mappings().first()
        before = old["value"] if old is not None and old["active"] else None
        if value is None and before is None:
            return False
        if value is None:  # an empty value takes the correction back
            conn.execute(update(t.corrections).where(t.corrections.c.id == cid).values(active=False))
            audit.record(conn, self.user.name, "revoke", kind, target["id"], target["entity_id"],
                         {"field": field, "value": before}, None, note)
            return True
        row = {"kind": kind, "target_id": target["id"], "field": field, "value": value, "value_ref": value_ref,
               "entity_id": target["entity_id"], "anchor": target["anchor"], "author": self.user.name,
               "doc_id": (target["anchor"] or {}).get("doc_id"),
               "created_at": now(), "note": note or None, "active": True, "orphan": False}
        if old is None:
            conn.execute(insert(t.corrections).values(id=cid, **row))
        else:
            conn.execute(update(t.corrections).where(t.corrections.c.id == cid).values(**row))
        if before is None and kind == "event":
            before = _machine_value(field, target["row"])
        audit.record(conn, self.user.name, "correct", kind, target["id"], target["entity_id"],
                     {"field": field, "value": before}, {"field": field, "value": value}, note)
        return True

    def _person(self, conn: Connection, ref: str) -> dict[str, Any]:
        row = conn.execute(select(t.entities).where(t.entities.c.id == ref)).mappings().first()
        if row is None:
            from casetrail.casefile.assemble import find_person

            try:
                row = find_person(self.store, ref)
            except Exception as exc:
                raise ReviewError(f"no person '{ref}'") from exc
        if row["type"] != "PERSON":
            raise ReviewError(f"'{row['name']}' is not a person")
        return dict(row)

    def _refresh(self, people: set[str], identity_changed: bool = False) -> None:
        """Rebuild the case files a change touches (after re-applying identity when a merge was judged)."""
        from casetrail.casefile.assemble import update_facts

        if identity_changed:
            with self.store.transaction() as conn:
                people |= identity.apply(conn, set(people))
        with self.store.engine.connect() as conn:
            merged = {r[0] for r in conn.execute(select(t.entities.c.merged_into).where(
                t.entities.c.id.in_(sorted(people)), t.entities.c.merged_into.is_not(None)))}
        people = {p for p in people | merged if p}
        update_facts(self.store, people)
        reconcile(self.store, people=people, facts=True)  # a fact's review follows it when its id changed


def event_value(field: str, raw: Any, row: dict[str, Any]) -> Any:
    """A reviewer's value for an event field, checked and in the shape the extractor gives it."""
    text = str(raw).strip()
    if field == "type":
        value = text.upper().replace(" ", "_")
        if value not in EVENT_TYPES:
            raise ReviewError(f"unknown event type '{text}' (one of {', '.join(EVENT_TYPES)})")
        return value
    if field == "status":
        if text not in STATUSES:
            raise ReviewError(f"unknown event status '{text}' (use {', '.join(STATUSES)})")
        return text
    if field == "date":
        return date_value(text)
    if field == "amount":
        money = parse_money(text)
        if money is None:
            raise ReviewError(f"'{text}' is not an amount of money (write it as '800 million riel ($200,000)')")
        return money.to_attribute(text)
    if field == "duration":
        if parse_duration(text) is None:
            raise ReviewError(f"'{text}' is not a duration (write it as 'five years' or '18 months')")
        return text
    raise ReviewError(f"unknown field '{field}'")


def date_value(text: str) -> dict[str, Any]:
    """A date with its precision: ISO (2017, 2017-06, 2017-06-12, --06-12) or words ("June 2017")."""
    approximate = text.lower().startswith(("about ", "around ", "c. ", "circa "))
    bare = re.sub(r"^(about|around|c\.|circa)\s+", "", text, flags=re.I)
    m = ISO_DATE.match(bare)
    if m:
        precision = "day" if bare.startswith("--") or m.group(3) else "month" if m.group(2) else "year"
        return {"value": bare, "precision": precision, "approximate": approximate, "text": text}
    parsed = parse_date(bare)
    if not parsed.value:
        raise ReviewError(f"'{text}' is not a date (write 2017-06-12, 2017-06, 2017 or 'June 2017')")
    return {"value": parsed.value, "precision": parsed.precision, "approximate": approximate or parsed.approximate,
            "text": text}


def locate(body: str, sentence: str) -> tuple[int, int]:
    """Offsets of a cited sentence in an article: verbatim, else with spacing and quote marks normalised."""
    wanted = sentence.strip()
    if not wanted:
        raise ReviewError("a fact added by hand needs the sentence it rests on")
    at = body.find(wanted)
    if at >= 0:
        return at, at + len(wanted)
    norm = {"“": '"', "”": '"', "‘": "'", "’": "'"}
    pattern = r"\s+".join(re.escape("".join(norm.get(c, c) for c in w)) for w in wanted.split())
    flat = "".join(norm.get(c, c) for c in body)  # same length as the body: offsets carry over
    m = re.search(pattern, flat, flags=re.I)
    if m is None:
        raise ReviewError("the sentence is not in that article (copy it from the article as written)")
    return m.start(), m.end()


def _machine_value(field: str, row: dict[str, Any]) -> Any:
    """What the extractor said, for the audit log's "before"."""
    if field == "date":
        return {"value": row.get("date_value"), "precision": row.get("date_precision"), "text": row.get("date_text")}
    if field in ("type", "status"):
        return row.get(field)
    return (row.get("attributes") or {}).get(field)
