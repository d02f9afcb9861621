"""Browser tests: Playwright driving Debian's Chromium through the app as a researcher would.

They open the seeds' store, search, open Kim Sok's page, follow a fact to its sentence, and check that
an article carrying ``<script>`` and ``<img onerror>`` runs nothing. Screenshots of the main pages are
kept in ``artifacts/screenshots/``.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from conftest import ROOT, SEEDS

from casetrail.build import build
from casetrail.store.store import Store
from casetrail.web.app import create_app

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
HOSTILE_TXT = ("Police detained the blogger Ana Ruiz on Monday after she posted <script>window.__pwned=1;"
               "alert('x')</script> and <img src=x onerror=\"window.__pwned=2\"> on her site.\n\n"
               "“We demand her release <svg onload=alert(1)>,” her lawyer Tomas Ortega said.")
HOSTILE_HTML = ("<html><head><title>Reporter held</title><script>window.__pwned=3</script></head><body><article>"
                "<h1>Reporter held</h1><p>Police detained reporter Lena Petrova on Friday, her editor said. "
                "<img src=x onerror=\"window.__pwned=4\"></p><p>“She did nothing wrong,” editor Ivan Markov "
                "said.</p><script>window.__pwned=5</script></article></body></html>")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The app served by uvicorn in a thread, on a free localhost port."""

    def __init__(self, store: Store) -> None:
        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        for _ in range(100):
            if self.server.started:
                return f"http://127.0.0.1:{self.port}"
            time.sleep(0.05)
        raise RuntimeError("server did not start")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed: run `sudo apt-get install chromium` (scripts/setup.sh does "
                    "when it may install packages)")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def seeds_url(seeds_store) -> Iterator[str]:
    with Server(seeds_store) as url:
        yield url


def test_search_open_person_and_follow_a_fact_to_its_sentence(browser, seeds_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(seeds_url + "/")
    page.screenshot(path=str(SHOTS / "home.png"), full_page=True)
    page.fill("header input[name=q]", "asylum")
    page.click("header button")
    page.wait_for_url("**/search?q=asylum")
    assert page.locator("ol.results li").count() > 0
    page.screenshot(path=str(SHOTS / "search.png"), full_page=True)
    page.goto(seeds_url + "/")
    page.click("text=Kim Sok")
    page.wait_for_selector("ol.timeline")
    assert page.locator("h1").inner_text() == "Kim Sok"
    assert page.locator(".disc").count() >= 3  # discrepancies side by side
    page.screenshot(path=str(SHOTS / "person_kim_sok.png"), full_page=True)
    warrant = page.locator("li.tfact", has_text="Warrant").first
    sentence = warrant.locator("ul.cites li").first.inner_text()
    warrant.locator("a.cite").first.click()
    page.wait_for_url("**/article/**")
    selected = page.locator(".selected")
    assert selected.count() > 0 and selected.first.is_visible()
    assert " ".join(selected.all_inner_texts()).split()[:4] == sentence.split("] ", 1)[-1].split()[:4]
    page.screenshot(path=str(SHOTS / "article_fact.png"), full_page=True)
    page.goto(seeds_url + "/network")
    assert page.locator("svg.network circle").count() > 3
    page.screenshot(path=str(SHOTS / "network.png"), full_page=True)
    page.close()


def test_hostile_article_runs_nothing(browser, tmp_path):
    (tmp_path / "hostile.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    (tmp_path / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    store = Store(str(tmp_path / "hostile.db"))
    report = build([str(tmp_path)], store)
    assert len(report.stored) == 2
    with Server(store) as url:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text))
        for doc in store.documents():
            page.goto(f"{url}/article/{doc['id']}")
            page.wait_for_load_state("load")
            assert page.evaluate("typeof window.__pwned") == "undefined"
            assert page.locator("article.text script, article.text img, article.text svg").count() == 0
            page.click("text=Original as given")
            assert page.evaluate("typeof window.__pwned") == "undefined"
        assert "<script>window.__pwned=1;" in page.content() or "&lt;script&gt;" in page.content()
        page.goto(f"{url}/article/{store.documents()[-1]['id']}")
        page.screenshot(path=str(SHOTS / "hostile_article.png"), full_page=True)
        assert dialogs == []
        page.close()
    store.close()


def test_an_editor_reviews_and_the_work_survives_a_new_extractor(browser, tmp_path, monkeypatch):
    """Log in, reassign a quote's speaker, reject a fact, merge two people through the pages; rebuild with a
    bumped extractor version; every correction is still there and in the exports. (The people merged and the
    quote moved are picked to exercise the mechanics, not because the seeds get them wrong.)"""
    from casetrail.casefile.assemble import case_file, find_person
    from casetrail.exports.run import export_bytes
    from casetrail.nlp import extract as extractor
    from casetrail.review.accounts import Accounts

    store = Store(str(tmp_path / "review.db"))
    build([str(SEEDS)], store)
    Accounts(store).add("erin", "editor", "a long enough password")
    Accounts(store).add("vic", "viewer", "a long enough password")
    kim = find_person(store, "Kim Sok")["id"]
    robertson, chambers = find_person(store, "Phil Robertson")["id"], find_person(store, "Paul Chambers")["id"]
    vannak, siphan = find_person(store, "Huy Vannak")["id"], find_person(store, "Phay Siphan")["id"]
    with Server(store) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "/")
        assert "/login" in page.url
        page.fill("input[name=name]", "erin")
        page.fill("input[name=password]", "a long enough password")
        page.click("form.login button")
        page.wait_for_url(url + "/")
        # the queue, driven by the keyboard
        page.goto(f"{url}/review/person/{kim}")
        first = page.locator("section.item h2").inner_text()
        page.keyboard.press("j")
        page.wait_for_url("**i=1")
        page.keyboard.press("k")
        page.wait_for_url("**i=0")
        assert page.locator("section.item h2").inner_text() == first
        with page.expect_navigation():
            page.keyboard.press("v")  # verify: the item leaves the unreviewed list
        assert page.locator("section.item h2").inner_text() != first
        page.goto(f"{url}/review/person/{kim}?i=3")
        page.screenshot(path=str(SHOTS / "review_queue.png"), full_page=False)
        # reassign a quote's speaker from the queue
        page.goto(f"{url}/review/person/{robertson}")
        page.locator("ol li", has_text="Quote").first.locator("a").click()
        quote_text = page.locator("section.item p").first.inner_text()
        page.keyboard.press("e")
        page.keyboard.type("Paul Chambers")
        with page.expect_navigation():
            page.click("#do-edit")
        # reject a fact on the person page
        page.goto(f"{url}/person/{kim}")
        rejected = page.locator("li.tfact").first.get_attribute("id").removeprefix("fact-")
        with page.expect_navigation():
            page.locator(f"#fact-{rejected} form.fact-review button[value=rejected]").click()
        assert page.locator(f"#fact-{rejected}").count() == 0
        # merge two people
        page.goto(f"{url}/person/{vannak}")
        page.click("text=Merge into another person")
        page.fill("#merge input[name=into]", "Phay Siphan")
        with page.expect_navigation():
            page.click("#merge button")
        page.wait_for_url(f"**/person/{siphan}")
        assert page.locator("h1").inner_text() == "Phay Siphan"  # the merged record opens the surviving file
        # a viewer sees no review controls and is refused a write
        viewer = browser.new_page()
        viewer.goto(url + "/login")
        viewer.fill("input[name=name]", "vic")
        viewer.fill("input[name=password]", "a long enough password")
        with viewer.expect_navigation():
            viewer.click("form.login button")
        viewer.goto(f"{url}/person/{kim}")
        assert viewer.locator("form.fact-review").count() == 0
        assert viewer.request.post(f"{url}/review/status", form={"kind": "fact", "ref": "x",
                                                                 "status": "verified"}).status == 403
        viewer.close()
        # a new extractor version re-extracts every article; the corrections stay
        monkeypatch.setattr(extractor, "EXTRACTOR_VERSION", "browser-test")
        report = build([str(SEEDS)], store)
        assert len(report.stored) == 5 and report.review.get("orphaned", 0) == 0
        page.goto(f"{url}/person/{kim}")
        assert page.locator(f"#fact-{rejected}").count() == 0
        page.goto(f"{url}/person/{chambers}")
        assert quote_text.strip("“”")[:30] in page.locator("ul.quotes").first.inner_text()
        page.goto(f"{url}/audit")
        log = page.locator("table.audit").inner_text()
        assert "correct" in log and "status" in log and "merge_into" in log
        page.screenshot(path=str(SHOTS / "audit.png"), full_page=True)
        page.close()
    assert rejected not in {f["id"] for f in case_file(store, kim)["facts"]}
    assert case_file(store, vannak)["id"] == siphan
    rows = export_bytes(store, [chambers], "csv", "quotes").decode()
    assert "erin" in rows and quote_text.strip("“”")[:30] in rows
    assert rejected not in export_bytes(store, [kim], "json").decode()
    store.close()


def test_a_researcher_follows_a_person_and_sees_the_alert_of_a_new_article(browser, tmp_path):
    """Follow a person with the button on their page; a watch cycle brings a new article about them from a
    local news site; the alert is on "What's new", with its sentence and source, and in the Atom feed."""
    import sys

    from casetrail.casefile.assemble import find_person
    from casetrail.follow import alerts as al
    from casetrail.follow.fetch import FetchPolicy
    from casetrail.follow.sources import add_source
    from casetrail.follow.watch import watch_once
    from casetrail.review.accounts import Accounts

    sys.path.insert(0, str(ROOT / "scripts"))
    import newsroom

    site = newsroom.Site(published=1)
    news, _ = newsroom.serve(site)
    base = f"http://127.0.0.1:{news.server_address[1]}"
    fast = FetchPolicy(host_delay=0.0, retries=0)
    store = Store(str(tmp_path / "follow.db"))
    try:
        Accounts(store).add("erin", "editor", "a long enough password")
        add_source(store, base + "/feed.xml")
        watch_once(store, policy=fast, everything=True)
        pid = find_person(store, "Ilse Marggraf")["id"]
        token = al.feed_token(store, "erin", renew=True)
        with Server(store) as url:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url + "/login")
            page.fill("input[name=name]", "erin")
            page.fill("input[name=password]", "a long enough password")
            page.click("form.login button")
            page.wait_for_url(url + "/")
            page.goto(f"{url}/person/{pid}")
            page.click("#follow-button")
            assert "Following" in page.locator("#follow-button").inner_text()
            site.published = 3  # the news site publishes; the watch cycle brings the court's verdict
            rep = watch_once(store, policy=fast, everything=True)
            assert rep.new_articles == 2 and rep.alerts
            page.goto(url + "/whats-new")
            text = page.locator("main, body").first.inner_text()
            assert "Ilse Marggraf" in text and "Sentence" in text and "sentenced the blogger Ilse Marggraf" in text
            assert "The Newsroom" in text
            page.screenshot(path=str(SHOTS / "whats-new.png"), full_page=True)
            feed = page.request.get(f"{url}/alerts.atom?token={token}").text()
            assert "<feed" in feed and "Ilse Marggraf" in feed and "Sentence" in feed
            page.goto(url + "/sources")
            assert base + "/feed.xml" in page.content()
            page.close()
    finally:
        news.shutdown()
        store.close()
