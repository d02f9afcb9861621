"""The polite fetcher and the listings, against a real HTTP server on 127.0.0.1 (scripts/newsroom.py):
robots.txt, conditional GET, retries, limits, redirect loops, not-XML, entity bombs. No mocks."""

from __future__ import annotations

import sys
import time

import pytest
from conftest import ROOT

from casetrail.errors import FetchError
from casetrail.follow.fetch import Fetcher, FetchPolicy, normalise
from casetrail.follow.listings import parse_listing

sys.path.insert(0, str(ROOT / "scripts"))
import newsroom

FAST = FetchPolicy(host_delay=0.0, backoff=0.01, retries=2, timeout=2, total_timeout=2, max_bytes=2 * 2**20)


def test_urls_are_normalised_so_one_article_is_fetched_once():
    assert normalise("HTTP://Example.ORG:80/news/1?utm_source=rss#top") == "http://example.org/news/1"
    assert normalise("https://example.org/news/1?id=7&utm_medium=x") == "https://example.org/news/1?id=7"


def test_feed_atom_sitemap_and_page_list_the_articles(site):
    _s, base = site
    with Fetcher(FAST) as f:
        rss = parse_listing(f.get(base + "/feed.xml"))
        atom = parse_listing(f.get(base + "/atom.xml"))
        smap = parse_listing(f.get(base + "/sitemap.xml"))
        home = parse_listing(f.get(base + "/"))
        assert f.sitemaps_of(base + "/") == [base + "/sitemap.xml"]
    want = {f"{base}/news/1", f"{base}/news/2"}
    assert rss.kind == "feed" and {e.url for e in rss.entries} == want  # the tracking parameter is gone
    assert atom.kind == "feed" and {e.url for e in atom.entries} == want
    assert smap.kind == "sitemap" and {e.url for e in smap.entries} == want
    assert str(smap.entries[0].published) == "2026-11-20"
    assert home.kind == "page" and home.children == [base + "/feed.xml"]
    assert {e.url for e in home.entries} == want  # "/about" is a menu, not an article


def test_a_second_fetch_with_the_validators_is_a_304_and_costs_no_body(site):
    s, base = site
    with Fetcher(FAST) as f:
        first = f.get(base + "/feed.xml")
        again = f.get(base + "/feed.xml", etag=first.etag, last_modified=first.last_modified)
        assert first.status == 200 and first.etag and again.not_modified and again.body == b""
        s.publish()
        changed = f.get(base + "/feed.xml", etag=first.etag)
        assert changed.status == 200 and b"/news/3" in changed.body


def test_robots_txt_is_honoured_and_fetched_once_per_host(site):
    s, base = site
    with Fetcher(FAST) as f:
        with pytest.raises(FetchError) as err:
            f.get(base + "/private/report")
        assert err.value.code == "E806"
        f.get(base + "/feed.xml")
    assert s.requests.count("/robots.txt") == 1 and "/private/report" not in s.requests


def test_one_request_at_a_time_per_host_with_a_delay():
    s = newsroom.Site()
    server, _ = newsroom.serve(s)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with Fetcher(FetchPolicy(host_delay=0.3, respect_robots=False)) as f:
            t0 = time.monotonic()
            for _ in range(3):
                f.get(base + "/feed.xml")
            assert time.monotonic() - t0 >= 0.6  # three requests, two waits
    finally:
        server.shutdown()


@pytest.mark.parametrize(("path", "code"), [
    ("/bad/notxml.xml", "E809"),  # a "feed" that is not XML
    ("/bad/bomb.xml", "E810"),  # entity expansion: refused before any parser expands it
    ("/bad/huge.xml", "E803"),  # 12 MB, past the 2 MB limit: dropped while reading
    ("/bad/slow.xml", "E802"),  # trickles one byte per 0.1 s: past the 2 s total
    ("/bad/loop", "E804"),  # redirects to itself through another page
    ("/bad/500.xml", "E805"),  # retried, then given up
    ("/bad/429.xml", "E807"),  # Retry-After of an hour: recorded, not waited for
    ("/bad/image.png", "E808"),  # not a type casetrail reads
    ("/missing", "E805"),
])
def test_each_bad_answer_is_one_coded_error(site, path, code):
    s, base = site
    with Fetcher(FAST) as f:
        with pytest.raises(FetchError) as err:
            parse_listing(f.get(base + path))
    assert err.value.code == code and "\n" not in err.value.one_line()
    if path == "/bad/500.xml":
        assert s.requests.count(path) == 3  # the first try and two retries


def test_a_host_that_answers_nothing_is_a_network_error():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nobody listens there
    with Fetcher(FAST) as f, pytest.raises(FetchError) as err:
        f.get(f"http://127.0.0.1:{port}/feed.xml")
    assert err.value.code == "E801"
