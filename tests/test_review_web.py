"""The review pages and JSON API (casetrail/web/review.py, web/auth.py): logins with CSRF, 403 for every write
a viewer tries, forms without their CSRF token refused, API tokens for scripts, the queue, the audit log."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from test_records import ARTICLE_A, ARTICLE_B

from casetrail.build import build
from casetrail.casefile.assemble import find_person
from casetrail.review.accounts import Accounts
from casetrail.store.store import Store
from casetrail.web.app import create_app

PASSWORD = "a long enough password"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("web-review")
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    store = Store(str(folder / "w.db"))
    build([str(folder)], store)
    accounts = Accounts(store)
    for name, role in (("vera", "viewer"), ("ed", "editor"), ("ada", "admin")):
        accounts.add(name, role, PASSWORD)
    yield store, {"pid": find_person(store, "Ana Ruiz")["id"]}
    store.close()


def login(store: Store, name: str) -> tuple[TestClient, str]:
    """A client logged in through the form; returns it and the session's CSRF token."""
    c = TestClient(create_app(store))
    nonce = c.get("/login").text.split('name="csrf" value="')[1].split('"')[0]
    r = c.post("/login", data={"name": name, "password": PASSWORD, "csrf": nonce, "next": "/review"},
               follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/review"
    csrf = c.get("/review").text.split('name="csrf" value="')[1].split('"')[0]
    return c, csrf


def writes(store: Store, pid: str) -> list[tuple[str, dict]]:
    """Every write route with a plausible body."""
    q = TestClient(create_app(store), headers={"Authorization": "Bearer " + Accounts(store).new_api_token("ada")})
    items = q.get(f"/review/person/{pid}.json?all=1").json()["items"]
    event = next(i for i in items if i["kind"] == "event")
    docs = [s["doc_id"] for s in q.get(f"/person/{pid}.json").json()["case"]["sources"]]
    return [("/review/status", {"kind": "event", "ref": event["ref"], "status": "verified"}),
            ("/review/bulk", {"items": [f"event|{event['ref']}"], "status": "verified"}),
            (f"/review/event/{event['ref']}", {"date": "2021-03"}),
            ("/review/quote/x/speaker", {"person": pid}), (f"/review/person/{pid}/merge", {"into": "Tomas Ortega"}),
            (f"/review/person/{pid}/split", {"docs": docs[:1]}), (f"/review/person/{pid}/target", {"value": "yes"}),
            (f"/review/person/{pid}/rename", {"name": "A. Ruiz"}),
            (f"/review/person/{pid}/fact", {"type": "ARREST", "doc": docs[0], "sentence": "x"}),
            ("/review/correction/x/revoke", {}),
            ("/admin/users", {"name": "z", "role": "viewer", "password": "x" * 12})]


def test_anonymous_visitors_must_log_in_once_accounts_exist(site):
    store, _ = site
    c = TestClient(create_app(store))
    r = c.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert c.get("/index.json").status_code == 401
    assert c.get("/login").status_code == 200 and c.get("/health").status_code == 200


def test_login_needs_its_csrf_token_and_the_right_password(site):
    store, _ = site
    c = TestClient(create_app(store))
    c.get("/login")
    r = c.post("/login", data={"name": "ed", "password": PASSWORD, "csrf": "forged"}, follow_redirects=False)
    assert r.status_code == 403
    nonce = c.get("/login").text.split('name="csrf" value="')[1].split('"')[0]
    r = c.post("/login", data={"name": "ed", "password": "wrong password!", "csrf": nonce}, follow_redirects=False)
    assert r.status_code == 303 and "failed=1" in r.headers["location"]
    r = c.post("/login", data={"name": "ed", "password": PASSWORD, "csrf": nonce, "next": "//evil.example/"},
               follow_redirects=False)
    assert r.headers["location"] == "/"  # never sent to another site


def test_a_viewer_gets_403_on_every_write_in_html_and_json(site):
    store, ids = site
    viewer, csrf = login(store, "vera")
    assert viewer.get(f"/person/{ids['pid']}").status_code == 200  # a viewer reads
    api = TestClient(create_app(store), headers={"Authorization": "Bearer " + Accounts(store).new_api_token("vera")})
    routes = writes(store, ids["pid"])
    before = len(store.table_rows("audit_log"))
    for path, body in routes:
        assert viewer.post(path, data={**body, "csrf": csrf}, follow_redirects=False).status_code == 403, path
        r = api.post(path, json=body)
        assert r.status_code == 403 and "may not" in r.json()["error"], path
    assert viewer.get("/admin/users").status_code == 403
    assert len(store.table_rows("audit_log")) == before  # nothing was written
    editor, ecsrf = login(store, "ed")
    assert editor.get("/admin/users").status_code == 403
    assert editor.post("/admin/users", data={"name": "z", "role": "admin", "password": "x" * 12,
                                             "csrf": ecsrf}).status_code == 403


def test_a_form_without_its_csrf_token_is_refused(site):
    store, ids = site
    editor, csrf = login(store, "ed")
    path, body = writes(store, ids["pid"])[0]
    assert editor.post(path, data=body, follow_redirects=False).status_code == 403
    assert editor.post(path, data={**body, "csrf": "not-it"}, follow_redirects=False).status_code == 403
    r = editor.post(path, data={**body, "csrf": csrf, "next": "/review"}, follow_redirects=False)
    assert r.status_code == 303
    assert editor.post("/logout", data={}, follow_redirects=False).status_code == 403
    assert editor.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    assert editor.get("/review", follow_redirects=False).status_code == 303  # logged out


def test_scripts_review_with_an_api_token_and_no_csrf(site):
    store, ids = site
    api = TestClient(create_app(store), headers={"Authorization": "Bearer " + Accounts(store).new_api_token("ed")})
    items = api.get(f"/review/person/{ids['pid']}.json").json()["items"]
    r = api.post("/review/bulk", json={"items": [f"{i['kind']}|{i['ref']}" for i in items[:3]], "status": "verified"})
    assert r.status_code == 200 and len(r.json()["result"]) == 3
    r = api.post("/review/status", json={"kind": "event", "ref": "nope", "status": "verified"})
    assert r.status_code == 400 and "E703" in r.json()["error"]
    bad = TestClient(create_app(store), headers={"Authorization": "Bearer ct_forged"})
    assert bad.get("/index.json").status_code == 401


def test_queue_page_shows_the_sentence_in_its_article_and_the_keys(site):
    store, ids = site
    editor, _ = login(store, "ed")
    html = editor.get(f"/review/person/{ids['pid']}?all=1&i=2").text
    assert '<mark id="current">' in html and 'id="do-verify"' in html and 'id="next"' in html
    assert '<script src="/static/review.js" defer></script>' in html
    assert "keydown" in editor.get("/static/review.js").text


def test_a_long_queue_lists_a_window_around_the_current_item(site, monkeypatch):
    """A much-reported person's queue lists the items near the current one, with links to the rest."""
    from casetrail.web import review

    store, ids = site
    editor, _ = login(store, "ed")
    total = len(editor.get(f"/review/person/{ids['pid']}.json?all=1").json()["items"])
    assert total >= 5
    monkeypatch.setattr(review, "LIST_WINDOW", 2)
    html = editor.get(f"/review/person/{ids['pid']}?all=1&i=3").text
    assert html.count('name="items"') == 2 and '<ol start="3">' in html
    assert "2 earlier items" in html and f"{total - 4} later items" in html.replace("↓ ", "")
    current = re.search(r'<li class="\w+ current">.*?</li>', html, re.S)
    assert current and 'i=3"' in current.group(0)


def test_audit_log_exports_each_change_with_before_and_after(site):
    store, ids = site
    editor, csrf = login(store, "ed")
    event = next(i for i in editor.get(f"/review/person/{ids['pid']}.json?all=1").json()["items"]
                 if i["kind"] == "event")
    editor.post(f"/review/event/{event['ref']}", data={"csrf": csrf, "duration": "ten days", "note": "per court"})
    rows = list(csv.DictReader(io.StringIO(editor.get(f"/audit.csv?person={ids['pid']}").text)))
    change = next(r for r in rows if r["action"] == "correct" and "ten days" in r["after"])
    assert change["user_name"] == "ed" and change["note"] == "per court" and json.loads(change["before"])["field"] \
        == "duration"
    entries = json.loads(editor.get(f"/audit.json?target={event['ref']}").text)
    assert entries and all(e["target_id"] == event["ref"] for e in entries)
    assert "ten days" in editor.get(f"/audit?person={ids['pid']}").text


def test_admins_manage_users(site):
    store, _ = site
    admin, csrf = login(store, "ada")
    r = admin.post("/admin/users", data={"name": "newbie", "role": "editor", "password": "x" * 12, "csrf": csrf},
                   follow_redirects=False)
    assert r.status_code == 303 and Accounts(store).get("newbie").role == "editor"
    admin.post("/admin/users/newbie/remove", data={"csrf": csrf})
    assert Accounts(store).get("newbie") is None
    assert any(e["action"] == "user_remove" and e["user_name"] == "ada" for e in store.table_rows("audit_log"))


def test_an_editor_sees_review_tools_on_a_person_page_and_a_viewer_does_not(site):
    store, ids = site
    editor, _ = login(store, "ed")
    html = editor.get(f"/person/{ids['pid']}").text
    title = html.split("<title>")[1].split("</title>")[0]
    assert title == "Ana Ruiz · casetrail"
    assert html.count('id="merge"') == 1 and 'form class="inline fact-review"' in html
    viewer, _ = login(store, "vera")
    html = viewer.get(f"/person/{ids['pid']}").text
    assert 'id="merge"' not in html and "fact-review" not in html and "machine-extracted" in html
