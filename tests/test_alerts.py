"""Followed people and alerts: what a build or a watch run adds becomes an alert with its citation, once;
delivered as an Atom feed, a signed webhook (a real receiver on 127.0.0.1 checks the signature) and mail
(a real SMTP server, aiosmtpd); "What's new" lists what came since the last visit."""

from __future__ import annotations

import hashlib
import hmac
import json
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import pytest
from conftest import ROOT
from fastapi.testclient import TestClient

from casetrail.build import build
from casetrail.follow import alerts as al
from casetrail.follow.deliver import deliver_pending, sign
from casetrail.follow.fetch import FetchPolicy
from casetrail.follow.sources import add_source
from casetrail.follow.watch import watch_once
from casetrail.review.accounts import Accounts
from casetrail.store.store import Store
from casetrail.web.app import create_app

sys.path.insert(0, str(ROOT / "scripts"))
import newsroom

FIRST = ("Police arrested the blogger Ilka Varga in the capital on Thursday, her lawyer said.\n\n"
         "Varga was charged with insulting the president.")
SECOND = ("A city court on Monday sentenced the blogger Ilka Varga to two years in prison for insulting the "
          "president.\n\n\"I will not be silenced,\" Varga told reporters before the hearing.")


def _build(store: Store, folder: Path, name: str, text: str, day: str) -> list[dict]:
    from datetime import date

    (folder / name).write_text(text, encoding="utf-8")
    return build([str(folder / name)], store, published=date.fromisoformat(day), outlet="The Ledger").alerts


def test_a_followed_person_gets_an_alert_for_what_a_later_build_adds_once(store: Store, tmp_path: Path):
    assert _build(store, tmp_path, "a.txt", FIRST, "2026-11-20") == []  # nobody follows anyone yet
    f = al.follow(store, "erin", "Ilka Varga")
    assert f["known"] >= 2  # the arrest and the charge are known: no alert for them
    new = _build(store, tmp_path, "b.txt", SECOND, "2026-11-30")
    kinds = sorted(a["kind"] for a in new)
    assert "fact" in kinds and "quote" in kinds, new
    sentence = next(a for a in new if a["kind"] == "fact")
    assert "Sentence" in sentence["summary"] and sentence["citation"]["outlet"] == "The Ledger"
    assert "sentenced the blogger Ilka Varga" in sentence["citation"]["sentence"]
    assert al.detect(store) == []  # known now: a second look says nothing twice
    assert _build(store, tmp_path, "b.txt", SECOND, "2026-11-30") == []  # the same article again: nothing new
    assert {a["id"] for a in al.alerts_for(store, "erin")} == {a["id"] for a in new}
    assert al.alerts_for(store, "someone else") == []


class Receiver:
    """A webhook receiver on 127.0.0.1 that keeps what it got and whether the signature checks out."""

    def __init__(self, secret: str, fail_first: int = 0) -> None:
        self.got: list[tuple[bool, dict]] = []
        self.fail_first = fail_first
        outer = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                want = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
                if outer.fail_first > 0:
                    outer.fail_first -= 1
                    self.send_response(503)
                    self.end_headers()
                    return
                outer.got.append((hmac.compare_digest(want, self.headers.get("X-Casetrail-Signature", "")),
                                  json.loads(body)))
                self.send_response(204)
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"


@pytest.fixture
def smtp() -> Iterator[list]:
    from aiosmtpd.controller import Controller

    got: list = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            got.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
            return "250 OK"

    import socket

    with socket.socket() as sock:  # a free port (the controller checks its server by connecting to it)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    ctl = Controller(Handler(), hostname="127.0.0.1", port=port)
    ctl.start()
    got.append(f"smtp://127.0.0.1:{port}")
    yield got
    ctl.stop()


def test_alerts_go_out_by_signed_webhook_retried_and_by_mail(store: Store, tmp_path: Path, smtp, monkeypatch):
    monkeypatch.setenv("CASETRAIL_SMTP_URL", smtp.pop(0))
    hook = Receiver("s3cret", fail_first=1)  # the first delivery fails: retried with backoff
    _build(store, tmp_path, "a.txt", FIRST, "2026-11-20")
    al.follow(store, "erin", "Ilka Varga")
    al.configure(store, "erin", webhook_url=hook.url, webhook_secret="s3cret", email="erin@example.org")
    new = _build(store, tmp_path, "b.txt", SECOND, "2026-11-30")
    done = deliver_pending(store, backoff=0.01)
    assert done == {"webhook": len(new), "mail": len(new), "failed": 0}
    ((ok, payload),) = hook.got
    assert ok and {a["id"] for a in payload["alerts"]} == {a["id"] for a in new}
    assert all(a["citation"]["sentence"] for a in payload["alerts"])
    ((to, mail),) = smtp
    assert to == ["erin@example.org"] and "Ilka Varga" in mail and "The Ledger" in mail
    assert deliver_pending(store) == {"webhook": 0, "mail": 0, "failed": 0}  # sent once
    assert sign("k", b"body") == "sha256=" + hmac.new(b"k", b"body", hashlib.sha256).hexdigest()


def test_a_dead_webhook_never_holds_the_build_and_stays_pending(store: Store, tmp_path: Path):
    _build(store, tmp_path, "a.txt", FIRST, "2026-11-20")
    al.follow(store, "erin", "Ilka Varga")
    al.configure(store, "erin", webhook_url="http://127.0.0.1:9/nobody-listens", webhook_secret="x")
    new = _build(store, tmp_path, "b.txt", SECOND, "2026-11-30")  # the build stores and alerts regardless
    assert new and deliver_pending(store, retries=2, backoff=0.01)["failed"] == len(new)
    assert {a["webhook"] for a in al.alerts_for(store, "erin")} == {"pending"}  # tried again next run


def test_the_atom_feed_and_whats_new_show_the_alerts_with_their_citation(store: Store, tmp_path: Path):
    _build(store, tmp_path, "a.txt", FIRST, "2026-11-20")
    Accounts(store).add("erin", "editor", "a long enough password")
    al.follow(store, "erin", "Ilka Varga")
    token = al.feed_token(store, "erin", renew=True)
    new = _build(store, tmp_path, "b.txt", SECOND, "2026-11-30")
    c = TestClient(create_app(store))
    assert c.get("/alerts.atom").status_code == 401 and c.get("/alerts.atom?token=wrong").status_code == 401
    feed = feedparser.parse(c.get(f"/alerts.atom?token={token}").content)
    assert len(feed.entries) == len(new) and all("Ilka Varga" in e.title for e in feed.entries)
    assert all("/review/person/" in e.link for e in feed.entries)
    nonce = c.get("/login").text.split('name="csrf" value="')[1].split('"')[0]
    c.post("/login", data={"name": "erin", "password": "a long enough password", "csrf": nonce, "next": "/"})
    page = c.get("/whats-new").text
    assert "sentenced the blogger Ilka Varga" in page and "The Ledger" in page
    assert "Nothing new." in c.get("/whats-new").text  # seen now
    csrf = c.get("/whats-new").text.split('name="csrf" value="')[1].split('"')[0]
    made = c.post("/alerts/feed", data={"csrf": csrf}).text.split("/alerts.atom?token=")[1].split("<")[0]
    assert c.get(f"/alerts.atom?token={made}").status_code == 200
    assert c.get(f"/alerts.atom?token={token}").status_code == 401  # the old link stops working


def test_a_watch_run_alerts_a_follower_of_what_a_new_article_says(store: Store):
    site = newsroom.Site(published=1)
    server, _ = newsroom.serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    fast = FetchPolicy(host_delay=0.0, retries=0)
    try:
        add_source(store, base + "/feed.xml")
        watch_once(store, policy=fast, everything=True)
        al.follow(store, "erin", "Ilse Marggraf")
        site.published = 3  # a story about someone else, then one about her
        rep = watch_once(store, policy=fast, everything=True)
    finally:
        server.shutdown()
    assert rep.new_articles == 2
    assert any(a["kind"] == "fact" and "Sentence" in a["summary"] for a in rep.alerts)
    assert {a["person"] for a in rep.alerts} == {"Ilse Marggraf"}
    assert all(a["citation"]["url"] == f"{base}/news/3" for a in rep.alerts)


def test_two_outlets_disagreeing_on_a_followed_person_is_a_discrepancy_alert(store: Store, tmp_path: Path):
    from datetime import date

    (tmp_path / "a.txt").write_text("On 2 March a city court sentenced the blogger Ilka Varga to two years in "
                                    "prison for insulting the president.", encoding="utf-8")
    build([str(tmp_path / "a.txt")], store, published=date(2026, 3, 3), outlet="The Ledger")
    al.follow(store, "erin", "Ilka Varga")
    (tmp_path / "b.txt").write_text("On 2 March a city court sentenced the blogger Ilka Varga to five years in "
                                    "prison for insulting the president.", encoding="utf-8")
    new = build([str(tmp_path / "b.txt")], store, published=date(2026, 3, 4), outlet="The Courier").alerts
    disc = [a for a in new if a["kind"] == "discrepancy"]
    assert disc and "disagree" in disc[0]["summary"] and "five years" in disc[0]["summary"], new
