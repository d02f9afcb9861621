"""Watch cycles against a real local news site: new articles stored once, 304s for what did not change,
bad sources recorded with their code, a stop that loses nothing, and a ``kill -9`` mid-run after which the
next run ends where a clean run ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import ROOT

from casetrail.follow.fetch import FetchPolicy
from casetrail.follow.sources import add_source, list_sources, parse_every, remove_source
from casetrail.follow.watch import Stop, watch_once
from casetrail.store.store import Store

sys.path.insert(0, str(ROOT / "scripts"))
import newsroom

FAST = FetchPolicy(host_delay=0.0, backoff=0.01, retries=1, timeout=2, total_timeout=2, max_bytes=2 * 2**20)


def test_sources_are_added_with_what_they_are_and_listed_with_their_state(store: Store, site):
    _s, base = site
    feed = add_source(store, base + "/feed.xml")
    home = add_source(store, base + "/")
    press = add_source(store, base + "/press")
    assert (feed["kind"], home["kind"], press["kind"]) == ("feed", "site", "page")
    assert home["endpoints"] == [base + "/feed.xml", base + "/sitemap.xml"]  # its feed, and robots.txt's sitemap
    assert [x["url"] for x in list_sources(store)] == sorted([feed["url"], home["url"], press["url"]])
    assert add_source(store, base + "/feed.xml?utm_source=x")["id"] == feed["id"]  # one URL, one source
    remove_source(store, base + "/press")
    assert len(list_sources(store)) == 2
    assert parse_every("30m") == 1800 and parse_every("2h") == 7200


def test_a_cycle_stores_new_articles_once_and_the_next_one_costs_304s(store: Store, site):
    s, base = site
    add_source(store, base + "/feed.xml")
    add_source(store, base + "/press")
    first = watch_once(store, policy=FAST, everything=True)
    assert first.new_articles == 2 and not first.errors
    assert sorted(d["source"] for d in store.table_rows("document_sources")) == [f"{base}/news/1", f"{base}/news/2"]
    s.requests.clear()
    second = watch_once(store, policy=FAST, everything=True)
    assert second.new_articles == 0 and second.not_modified == 2
    assert sorted(s.requests) == ["/feed.xml", "/press", "/robots.txt"]  # the listings only, each a 304
    s.publish()
    third = watch_once(store, policy=FAST, everything=True)
    assert third.new_articles == 1 and "/news/3" in s.requests
    assert watch_once(store, policy=FAST).sources == 0  # nothing is due before its period


def test_a_bad_source_is_one_coded_line_in_its_state_and_the_run_goes_on(store: Store, site):
    _s, base = site
    for path in ("/bad/notxml.xml", "/bad/bomb.xml", "/bad/500.xml"):
        add_source(store, base + path, kind="feed")
    add_source(store, base + "/feed.xml")
    before = store.table_rows("documents")
    rep = watch_once(store, policy=FAST, everything=True)
    assert rep.new_articles == 2
    state = {x["url"].rsplit("/", 1)[1]: x["error_code"] for x in list_sources(store)}
    assert state == {"notxml.xml": "E809", "bomb.xml": "E810", "500.xml": "E805", "feed.xml": None}
    assert before == [] and len(store.table_rows("documents")) == 2


def test_a_stop_ends_the_run_after_the_article_in_hand_and_the_next_run_goes_on(store: Store, site):
    s, base = site
    s.published = 3
    add_source(store, base + "/feed.xml")
    stop = Stop()

    def stopper() -> None:  # a SIGTERM's handler sets this event; here it is set once an article is fetched
        while not any(p.startswith("/news/") for p in s.requests):
            time.sleep(0.01)
        stop.event.set()

    threading.Thread(target=stopper, daemon=True).start()
    rep = watch_once(store, policy=FetchPolicy(host_delay=0.2, respect_robots=False), stop=stop, everything=True)
    assert rep.stopped and 1 <= rep.new_articles < 3
    assert list_sources(store)[0]["last_status"] == "stopped"
    rest = watch_once(store, policy=FAST, everything=True)
    assert rep.new_articles + rest.new_articles == 3  # nothing lost, nothing twice
    assert len(store.table_rows("documents")) == 3


STORY_PEOPLE = ["Ilka Varga", "Matteo Cerny", "Sanna Holt", "Rafael Dumitru", "Olga Brenner", "Jonas Aaltonen",
                 "Mirela Kostic", "Pavel Lindqvist", "Nadia Oyelaran", "Teodor Halvorsen", "Lucia Ferreyra",
                 "Emil Sarkis"]


def _stories() -> list[tuple[str, str, list[str]]]:
    return [(f"2026-11-{k + 3:02d}", f"Journalist {name} detained",
             [f"Police detained the journalist {name} on Monday after a report on local corruption, her editor said.",
              f"{name.split()[1]} was charged with spreading false information and remains in custody."])
            for k, name in enumerate(STORY_PEOPLE)]


def _documents(db: str) -> int:
    import sqlite3

    try:
        with sqlite3.connect(db, timeout=0.2) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_kill_9_mid_run_leaves_nothing_half_stored_and_the_next_run_ends_where_a_clean_run_ends(tmp_path: Path):
    """A watch run in its own process is killed with SIGKILL once it has stored some articles and is
    fetching and extracting more; the next run ends with the same documents, events, people and facts as a
    run that was never interrupted."""
    site = newsroom.Site(published=12, stories=_stories())
    server, _ = newsroom.serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    cli = [sys.executable, "-m", "casetrail"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    try:
        dbs = {}
        for name in ("clean", "killed"):
            db = str(tmp_path / f"{name}.db")
            dbs[name] = db
            subprocess.run([*cli, "source", "add", base + "/feed.xml", "--db", db], check=True, env=env,
                           capture_output=True)
        subprocess.run([*cli, "watch", "run", "--once", "--delay", "0", "--db", dbs["clean"]], check=True, env=env,
                       capture_output=True, timeout=300)
        proc = subprocess.Popen([*cli, "watch", "run", "--once", "--delay", "0.3", "--db", dbs["killed"]], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while _documents(dbs["killed"]) == 0 and time.time() < deadline and proc.poll() is None:
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)  # mid-batch: some articles stored, others fetched or in extraction
        proc.wait()
        stored_when_killed = _documents(dbs["killed"])
        done = subprocess.run([*cli, "watch", "run", "--once", "--all", "--delay", "0", "--db", dbs["killed"]],
                              env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    finally:
        server.shutdown()

    def state(db: str) -> dict:
        s = Store(db)
        try:
            dump = s.dump()
            return {"documents": sorted(d["id"] for d in dump["documents"]),
                    "sources": sorted(d["source"] for d in dump["document_sources"]),
                    "events": sorted(e["id"] for e in dump["events"]),
                    "people": sorted(e["name"] for e in dump["entities"]),
                    "facts": sorted(f["id"] for f in dump["facts"])}
        finally:
            s.close()

    clean, killed = state(dbs["clean"]), state(dbs["killed"])
    assert 0 < stored_when_killed < 12  # the kill came mid-run
    assert len(clean["documents"]) == 12 and killed == clean


def test_watch_every_period_runs_cycles_until_sigterm_and_exits_cleanly(tmp_path: Path):
    site = newsroom.Site(published=1)
    server, _ = newsroom.serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    db = str(tmp_path / "every.db")
    cli = [sys.executable, "-m", "casetrail"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    try:
        subprocess.run([*cli, "source", "add", base + "/feed.xml", "--every", "1s", "--db", db], check=True, env=env,
                       capture_output=True)
        proc = subprocess.Popen([*cli, "watch", "run", "--every", "1s", "--delay", "0", "--db", db], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 120
        while site.requests.count("/feed.xml") < 3 and time.time() < deadline:  # added, then two cycles (a 304)
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        server.shutdown()
    assert proc.returncode == 0, err
    assert "1 new article(s)" in out and "(1 unchanged)" in out
