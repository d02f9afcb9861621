"""Watched people and alerts: what a build or a watch run added for a person a user follows.

A follow keeps what was already known of the person (event, quote and discrepancy keys); after each
build, whatever the person's case file holds beyond that is an alert, with its citation, and becomes
known, in one transaction. A run that crashed before that step leaves the new items unknown, so the
next run alerts them: nothing is lost and nothing is said twice (an alert's id is a hash of user and item).
Alerts are read as a per-user Atom feed and the "What's new" page, and sent by webhook and mail
(``casetrail.follow.deliver``).
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import delete, insert, select, update

from casetrail.casefile.assemble import case_file, find_person
from casetrail.casefile.render import date_label, fact_line, page_label
from casetrail.errors import PersonNotFound
from casetrail.ingest.document import stable_id
from casetrail.review.accounts import sha256_hex
from casetrail.store import schema as t
from casetrail.store.store import Store, now


def _cite(case: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    """Where an item is told: document, outlet, title, URL, sentence and page."""
    src = next((s for s in case["sources"] if s["doc_id"] == item.get("doc_id")), {})
    return {"doc_id": item.get("doc_id"), "outlet": src.get("outlet"), "title": src.get("title") or src.get("name"),
            "url": src.get("url") or src.get("source"), "published": src.get("published"),
            "sentence": item.get("sentence"), "page": item.get("page")}


def _label(case: dict[str, Any], f: dict[str, Any]) -> str:
    return f"{date_label(f)} — {fact_line(case, f).split(' — ')[0]}"


def items(case: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """Everything a follower is told of, by stable key: (kind, summary, citation). Keys are made of event
    and quote ids (hashes of document and position), which a recomputed case file keeps."""
    out: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for f in case["facts"]:
        for c in f.get("citations", []):
            out.setdefault(f"event:{c['event_id']}", ("report", _label(case, f), _cite(case, c)))
        for d in f["discrepancies"]:
            values = " / ".join(sorted(str(v["value"]) for v in d["values"]))
            cite = _cite(case, f["citations"][0]) if f.get("citations") else {}
            out[f"disc:{f['type']}:{d['about']}:{values}"] = (
                "discrepancy", f"{_label(case, f)}: the sources disagree on {d['about']} ({values})", cite)
    for q in case["quotes_by"] + case["quotes_about"]:
        who = q.get("speaker_name") or "unattributed"
        out[f"quote:{q['id']}"] = ("quote", f"{who}: “{q['text'][:200]}”", _cite(case, q))
    return out


def _facts_of_events(case: dict[str, Any]) -> dict[str, str]:
    return {f"event:{c['event_id']}": f["id"] for f in case["facts"] for c in f.get("citations", [])}


def follow(store: Store, user: str, name_or_id: str) -> dict[str, Any]:
    """``user`` follows a person (by name or id) from now on: what the case file holds now is known."""
    try:
        person = find_person(store, name_or_id)
    except PersonNotFound:
        row = store.table_rows("entities", where={"id": name_or_id})
        if not row:
            raise
        person = row[0]
    known = sorted(items(case_file(store, person["id"])))
    fid = stable_id(user, person["id"])
    with store.transaction() as conn:
        conn.execute(delete(t.follows).where(t.follows.c.id == fid))
        conn.execute(insert(t.follows).values(id=fid, user_name=user, entity_id=person["id"], name=person["name"],
                                              created_at=now(), known=known))
    return {"id": fid, "user": user, "entity_id": person["id"], "name": person["name"], "known": len(known)}


def unfollow(store: Store, user: str, entity_id: str) -> bool:
    with store.transaction() as conn:
        return conn.execute(delete(t.follows).where(t.follows.c.user_name == user,
                                                    t.follows.c.entity_id == entity_id)).rowcount > 0


def following(store: Store, user: str | None = None) -> list[dict[str, Any]]:
    return store.table_rows("follows", where={"user_name": user} if user else None)


def detect(store: Store) -> list[dict[str, Any]]:
    """New alerts for every follow: the followed person's items not yet known, stored with their citation.
    A person merged into another by a reviewer is followed under the person they became."""
    made: list[dict[str, Any]] = []
    follows = store.table_rows("follows")
    if not follows:
        return made
    merged = {r["id"]: r["merged_into"] for r in store.table_rows("entities", in_=("id", [f["entity_id"]
                                                                                          for f in follows]))}
    settings = {s["user_name"]: s for s in store.table_rows("alert_settings")}
    cases: dict[str, dict[str, Any]] = {}
    for fol in follows:
        pid = merged.get(fol["entity_id"]) or fol["entity_id"]
        case = cases.get(pid)
        if case is None:
            try:
                case = cases[pid] = case_file(store, pid)
            except PersonNotFound:
                continue
        everything = items(case)
        known = set(fol["known"])
        new = [k for k in everything if k not in known]
        if not new:
            continue
        fact_of = _facts_of_events(case)
        known_facts = {fact_of[k] for k in known if k in fact_of}
        user = fol["user_name"]
        conf = settings.get(user, {})
        rows, reported_facts = [], set()
        for key in new:
            kind, summary, cite = everything[key]
            if kind == "report":
                fid = fact_of.get(key)
                if fid in reported_facts:
                    continue  # one alert for a new fact, however many articles tell it
                if fid not in known_facts:
                    kind, summary = "fact", "new: " + summary
                    reported_facts.add(fid)
                else:
                    summary = f"new report ({cite.get('outlet') or 'outlet unknown'}): {summary}"
            rows.append({"id": stable_id(user, key), "user_name": user, "entity_id": pid, "person": case["name"],
                         "kind": kind, "item_id": key, "summary": summary, "citation": cite, "created_at": now(),
                         "webhook": "pending" if conf.get("webhook_url") else None,
                         "mail": "pending" if conf.get("email") else None, "attempts": 0})
        with store.transaction() as conn:  # the alerts and the follow's new knowledge land together
            have = {r[0] for r in conn.execute(select(t.alerts.c.id).where(
                t.alerts.c.id.in_([r["id"] for r in rows])))} if rows else set()
            fresh = [r for r in rows if r["id"] not in have]
            if fresh:
                conn.execute(insert(t.alerts), fresh)
            conn.execute(update(t.follows).where(t.follows.c.id == fol["id"])
                         .values(known=sorted(known | set(new))))
        made += fresh
    return made


def citation_text(c: dict[str, Any]) -> str:
    """ "The Outlet, “Title”, 2026-11-30, p. 3 — <url>" """
    parts = [c.get("outlet") or "outlet unknown"]
    if c.get("title"):
        parts.append(f"“{c['title']}”")
    if c.get("published"):
        parts.append(str(c["published"]))
    if c.get("page"):
        parts.append(page_label([c["page"]]))
    return ", ".join(parts) + (f" — {c['url']}" if c.get("url") else "")


def alerts_for(store: Store, user: str, since: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    stmt = select(t.alerts).where(t.alerts.c.user_name == user)
    if since:
        stmt = stmt.where(t.alerts.c.created_at > since)
    return store.rows(stmt.order_by(t.alerts.c.created_at.desc(), t.alerts.c.id).limit(limit))


# -- per-user settings: the feed token, webhook, mail, last visit -------------------------------------------


def settings(store: Store, user: str) -> dict[str, Any]:
    rows = store.table_rows("alert_settings", where={"user_name": user})
    return rows[0] if rows else {"user_name": user}


def _save(store: Store, user: str, **values: Any) -> None:
    with store.transaction() as conn:
        found = conn.execute(select(t.alert_settings.c.user_name).where(t.alert_settings.c.user_name == user)).first()
        if found:
            conn.execute(update(t.alert_settings).where(t.alert_settings.c.user_name == user).values(**values))
        else:
            conn.execute(insert(t.alert_settings).values(user_name=user, **values))


def feed_token(store: Store, user: str, renew: bool = False) -> str | None:
    """A new token for the user's Atom feed when they have none (or ``renew``); returned once, kept hashed."""
    if settings(store, user).get("feed_token_hash") and not renew:
        return None
    token = "af_" + secrets.token_urlsafe(24)
    _save(store, user, feed_token_hash=sha256_hex(token))
    return token


def user_of_feed_token(store: Store, token: str | None) -> str | None:
    if not token:
        return None
    rows = store.table_rows("alert_settings", where={"feed_token_hash": sha256_hex(token)})
    return rows[0]["user_name"] if rows else None


def configure(store: Store, user: str, *, webhook_url: str | None = None, webhook_secret: str | None = None,
              email: str | None = None) -> None:
    values = {k: v for k, v in (("webhook_url", webhook_url), ("webhook_secret", webhook_secret),
                                ("email", email)) if v is not None}
    if values:
        _save(store, user, **values)


def visited(store: Store, user: str) -> str | None:
    """Mark the user's visit to "What's new"; returns the previous visit (what is new is after it)."""
    before = settings(store, user).get("last_visit")
    _save(store, user, last_visit=now())
    return before
