"""Delivering alerts: a per-user Atom feed (feedgen), a signed webhook and mail through SMTP.

The webhook posts JSON with an ``X-Casetrail-Signature: sha256=<hex>`` header, the HMAC-SHA256 of the
body under the user's secret, retried with backoff; mail goes through the SMTP server of
``CASETRAIL_SMTP_URL`` (``smtp://host:port``, from ``CASETRAIL_SMTP_FROM``). Delivery runs after the
build has stored everything, in a thread with bounded time, so a slow receiver never holds a build; an
alert not delivered stays ``pending`` (``failed`` after five tries) and the next run tries it again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import smtplib
import threading
import time
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select, update

from casetrail.follow.alerts import alerts_for, citation_text
from casetrail.store import schema as t
from casetrail.store.store import Store

MAX_ATTEMPTS = 5


def atom_feed(store: Store, user: str, base_url: str = "http://127.0.0.1:8321") -> bytes:
    """The user's alerts as an Atom feed, newest first; each entry links to the person's review queue."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(f"{base_url}/alerts.atom#{user}")
    fg.title(f"casetrail — what is new for {user}")
    fg.author({"name": "casetrail"})
    fg.link(href=f"{base_url}/whats-new", rel="alternate")
    fg.language("en")
    rows = alerts_for(store, user, limit=100)
    for a in reversed(rows):  # feedgen puts the last added first
        e = fg.add_entry()
        e.id(f"urn:casetrail:alert:{a['id']}")
        e.title(f"{a['person']}: {a['summary'][:180]}")
        e.link(href=f"{base_url}/review/person/{a['entity_id']}")
        c = a["citation"]
        e.content(f"{a['summary']}\n\n“{c.get('sentence') or ''}”\n— {citation_text(c)}", type="text")
        e.updated(a["created_at"])
    if not rows:
        fg.updated("1970-01-01T00:00:00+00:00")
    return fg.atom_str(pretty=True)


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def payload(alert: dict[str, Any]) -> dict[str, Any]:
    return {"id": alert["id"], "user": alert["user_name"], "person": alert["person"], "person_id": alert["entity_id"],
            "kind": alert["kind"], "summary": alert["summary"], "citation": alert["citation"],
            "created_at": alert["created_at"]}


def _post(url: str, secret: str, alerts: list[dict[str, Any]], timeout: float) -> bool:
    import httpx

    body = json.dumps({"alerts": [payload(a) for a in alerts]}, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json", "X-Casetrail-Signature": sign(secret or "", body),
               "User-Agent": "casetrail-alerts"}
    try:
        r = httpx.post(url, content=body, headers=headers, timeout=timeout)
    except httpx.HTTPError:
        return False
    return 200 <= r.status_code < 300


def _mail(to: str, alerts: list[dict[str, Any]], timeout: float) -> bool:
    server = os.environ.get("CASETRAIL_SMTP_URL")
    if not server:
        return False
    parts = urlsplit(server)
    msg = EmailMessage()
    msg["From"] = os.environ.get("CASETRAIL_SMTP_FROM", "casetrail@localhost")
    msg["To"] = to
    people = sorted({a["person"] for a in alerts})
    msg["Subject"] = f"casetrail: {len(alerts)} new for {', '.join(people)[:120]}"
    lines = []
    for a in alerts:
        c = a["citation"]
        lines.append(f"- {a['person']}: {a['summary']}\n  “{c.get('sentence') or ''}”\n  {citation_text(c)}")
    msg.set_content("\n\n".join(lines) + "\n")
    try:
        with smtplib.SMTP(parts.hostname or "127.0.0.1", parts.port or 25, timeout=timeout) as smtp:
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException):
        return False
    return True


def deliver_pending(store: Store, retries: int = 3, backoff: float = 0.5, timeout: float = 10.0) -> dict[str, int]:
    """Send every pending alert by webhook and mail, per user in one message each; retried with backoff."""
    done = {"webhook": 0, "mail": 0, "failed": 0}
    pending = store.rows(select(t.alerts).where((t.alerts.c.webhook == "pending") | (t.alerts.c.mail == "pending")))
    conf = {s["user_name"]: s for s in store.table_rows("alert_settings")}
    by_user: dict[str, list[dict[str, Any]]] = {}
    for a in pending:
        by_user.setdefault(a["user_name"], []).append(a)
    for user, rows in by_user.items():
        s = conf.get(user, {})
        for channel, send in (("webhook", lambda r, s=s: _post(s["webhook_url"], s.get("webhook_secret") or "", r,
                                                                  timeout)),
                              ("mail", lambda r, s=s: _mail(s["email"], r, timeout))):
            todo = [a for a in rows if a[channel] == "pending"]
            if not todo:
                continue
            ok = False
            for attempt in range(retries):
                if send(todo):
                    ok = True
                    break
                time.sleep(backoff * 2 ** attempt)
            with store.transaction() as conn:
                for a in todo:
                    tries = a["attempts"] + (0 if ok else 1)
                    state = "sent" if ok else ("failed" if tries >= MAX_ATTEMPTS else "pending")
                    conn.execute(update(t.alerts).where(t.alerts.c.id == a["id"])
                                 .values(**{channel: state, "attempts": tries}))
            done[channel if ok else "failed"] += len(todo)
    return done


def deliver_in_background(store: Store) -> threading.Thread:
    """Deliver pending alerts without holding the caller; join the thread to wait for it."""
    th = threading.Thread(target=deliver_pending, args=(store,), name="casetrail-alerts", daemon=True)
    th.start()
    return th
