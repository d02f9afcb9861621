"""The web app over the seeds: every page also as JSON, search filters, token, security headers."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from casetrail.build import build
from casetrail.store.store import Store
from casetrail.web.app import create_app

HOSTILE = ("Police detained the blogger Ana Ruiz on Monday after she posted <script>window.__pwned=1</script> "
           "and <img src=x onerror=\"window.__pwned=2\"> on her site.\n\n"
           "“We demand her release <b onmouseover=alert(1)>now</b>,” her lawyer Tomas Ortega said.")


@pytest.fixture(scope="module")
def client(seeds_store):
    return TestClient(create_app(seeds_store))


def _kim(client):
    return next(p for p in client.get("/index.json").json()["people"] if p["name"] == "Kim Sok")["id"]


def test_pages_and_their_json(client):
    pid = _kim(client)
    for url in ["/", "/search?q=asylum", "/network", f"/person/{pid}"]:
        r = client.get(url)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    person = client.get(f"/person/{pid}.json").json()["case"]
    assert person["name"] == "Kim Sok" and person["facts"]
    doc = person["sources"][0]["doc_id"]
    assert client.get(f"/article/{doc}.json").json()["a"]["events"]
    assert client.get("/network.json").json()["edges"]
    assert client.get("/person/nope").status_code == 404


def test_search_filters(client):
    hits = client.get("/search.json", params={"q": "asylum"}).json()["results"]
    assert {h["kind"] for h in hits} >= {"article", "event"}
    only_kim = client.get("/search.json", params={"q": "court", "person": "Kim Sok"}).json()["results"]
    assert only_kim and all(h["kind"] != "person" or h["title"] == "Kim Sok" for h in only_kim)
    warrants = client.get("/search.json", params={"type": "WARRANT"}).json()["results"]
    assert warrants and all(h["title"].startswith("WARRANT — ") for h in warrants)
    pp = client.get("/search.json", params={"q": "Sok", "outlet": "Phnom Penh Post"}).json()["results"]
    assert pp and all(h["outlet"] == "Phnom Penh Post" for h in pp if h["kind"] != "person")
    kem_2017 = client.get("/search.json", params={"person": "Kem Sokha", "from": "2017", "to": "2017"}).json()
    assert {h["title"] for h in kem_2017["results"]} >= {"ARREST — Kem Sokha"}


def test_article_page_highlights_facts_and_follows_a_fact(client):
    pid = _kim(client)
    fact = next(f for f in client.get(f"/person/{pid}.json").json()["case"]["facts"] if f["type"] == "WARRANT")
    cite = fact["citations"][0]
    html = client.get(f"/article/{cite['doc_id']}", params={"hl": cite["event_id"]}).text
    assert f'id="ev-{cite["event_id"]}"' in html and 'class="fact selected"' in html


def test_security_headers_and_escaping(tmp_path: Path):
    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    store = Store(str(tmp_path / "h.db"))
    build([str(tmp_path)], store)
    c = TestClient(create_app(store))
    doc = store.documents()[0]["id"]
    r = c.get(f"/article/{doc}")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe" not in csp  # our own static file only: nothing inline
    assert r.text.count("<script") == 1 and '<script src="/static/review.js" defer></script>' in r.text
    assert "<script>" not in r.text and "&lt;script&gt;" in r.text
    assert "<img src=x" not in r.text and "<b onmouseover" not in r.text


def test_token_is_required_when_set(seeds_store):
    c = TestClient(create_app(seeds_store, token="s3cret"))
    assert c.get("/").status_code == 401
    assert c.get("/", params={"token": "wrong"}).status_code == 401
    assert c.get("/", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    r = c.get("/", params={"token": "s3cret"})
    assert r.status_code == 200 and "casetrail_token" in r.headers.get("set-cookie", "")
    assert c.get("/index.json").status_code == 200  # the cookie now carries the token
