"""A watch cycle: fetch what is due, store the new articles, extract, resolve, recompute what changed, alert.

``watch_once`` is the library function behind ``casetrail watch run --once``; ``watch`` repeats it
every period until stopped. A stop (SIGINT/SIGTERM) lets the article in hand finish; the articles of
a cycle are stored by the build in small transactions (each lands whole), and a feed's validators
(ETag, Last-Modified) are kept only once every new article it listed is stored, so a crash or
``kill -9`` leaves nothing half-stored and the next run fetches the feed again and goes on where the
last one stopped (the articles it has are skipped by URL before any request).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select

from casetrail.build import BuildReport, build_articles
from casetrail.errors import CasetrailError, FetchError
from casetrail.follow import sources as src_mod
from casetrail.follow.deliver import deliver_pending
from casetrail.follow.fetch import Fetcher, FetchPolicy
from casetrail.follow.listings import Entry, parse_listing
from casetrail.ingest.readers import RawArticle, html_to_article
from casetrail.store import schema as t
from casetrail.store.store import Store

MAX_NEW_PER_SOURCE = 200  # articles fetched from one source in one cycle; the rest come next cycle


@dataclass
class WatchReport:
    """What one cycle did."""

    sources: int = 0  # sources due and fetched
    not_modified: int = 0  # listings that answered 304
    new_articles: int = 0  # articles fetched and stored now
    errors: list[CasetrailError] = field(default_factory=list)
    requests: int = 0
    alerts: list[dict[str, Any]] = field(default_factory=list)
    delivered: dict[str, int] = field(default_factory=dict)
    build: BuildReport | None = None
    stopped: bool = False
    seconds: float = 0.0


class Stop:
    """Set by SIGINT/SIGTERM (or by hand): the run ends after the article in hand."""

    def __init__(self) -> None:
        self.event = threading.Event()

    def __call__(self) -> bool:
        return self.event.is_set()

    def install(self) -> Callable[[], None]:
        """Catch SIGINT and SIGTERM while watching; returns the function that puts the old handlers back."""
        if threading.current_thread() is not threading.main_thread():
            return lambda: None
        old = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
        for s in old:
            signal.signal(s, lambda *_: self.event.set())
        return lambda: [signal.signal(s, h) for s, h in old.items()]  # type: ignore[func-returns-value]


def _known_urls(store: Store, urls: list[str]) -> set[str]:
    """The URLs already stored as article sources (a fetched article is stored under its URL)."""
    if not urls:
        return set()
    with store.engine.connect() as conn:
        found: set[str] = set()
        for i in range(0, len(urls), 500):
            part = urls[i:i + 500]
            found |= {r[0] for r in conn.execute(select(t.document_sources.c.source)
                                                 .where(t.document_sources.c.source.in_(part)))}
    return found


def _listing_entries(fetcher: Fetcher, store: Store, src: dict[str, Any], report: WatchReport
                     ) -> tuple[list[Entry], list[tuple[str, Any]]]:
    """The entries of a source's listings that changed; and the validators to keep once they are stored."""
    entries: list[Entry] = []
    keep: list[tuple[str, Any]] = []
    queue = list(src["endpoints"])
    seen: set[str] = set()
    while queue:
        url = queue.pop(0)
        if url in seen or len(seen) > 60:
            continue
        seen.add(url)
        etag, modified = src_mod.validators(store, url)
        resp = fetcher.get(url, etag=etag, last_modified=modified)
        if resp.not_modified:
            report.not_modified += 1
            src_mod.keep_validators(store, url, src["id"], etag, modified, 304)
            continue
        listing = parse_listing(resp)
        if listing.kind == "sitemapindex" or (listing.kind == "page" and src["kind"] == "site"):
            queue += listing.children  # a sitemap index's sitemaps; the feeds a home page names
        if not (listing.kind == "page" and src["kind"] == "site" and listing.children):
            entries += listing.entries  # (a home page that names feeds: its links are menus, the feeds list)
        keep.append((url, resp))
    return entries, keep


def _articles(fetcher: Fetcher, store: Store, src: dict[str, Any], entries: list[Entry], report: WatchReport,
              stop: Stop, counter: dict[str, int], failed: dict[str, CasetrailError], taken: set[str]
              ) -> Iterator[RawArticle | CasetrailError]:
    """Fetch each new article page (once per cycle, whichever source lists it first); one that fails is a
    coded error (the source's last error) and the others go on."""
    urls = [u for u in dict.fromkeys(e.url for e in entries) if u not in taken]
    known = _known_urls(store, urls)
    by_url = {e.url: e for e in entries}
    for url in [u for u in urls if u not in known][:MAX_NEW_PER_SOURCE]:
        if stop():
            report.stopped = True
            return
        e = by_url[url]
        taken.add(url)
        try:
            resp = fetcher.get(url)
            art = html_to_article(resp.text(), _name(url), url, url)
        except CasetrailError as err:
            err.path = err.path or url
            report.errors.append(err)
            failed[src["id"]] = err
            continue
        art.source = url  # stored under the URL the listing gave: the next cycle knows it has it
        art.title = art.title or e.title
        art.published = art.published or e.published
        counter[src["id"]] = counter.get(src["id"], 0) + 1
        yield art


def _name(url: str) -> str:
    parts = urlsplit(url)
    slug = parts.path.strip("/").replace("/", "_")[-80:] or "index"
    return f"{parts.netloc}_{slug}"


def watch_once(store: Store, *, model: str = "md", engine: str = "local", workers: int = 2,
               policy: FetchPolicy | None = None, stop: Stop | None = None, deliver: bool = True,
               published: date | None = None, progress: Callable[[str, int], None] | None = None,
               everything: bool = False, chunk_size: int = 4) -> WatchReport:
    """One cycle over the sources that are due (``everything``: all of them now): fetch, store, extract,
    resolve, recompute, alert, deliver. Articles are stored ``chunk_size`` at a time as they come in."""
    started = time.perf_counter()
    stop = stop or Stop()
    report = WatchReport()
    fetcher = Fetcher(policy or FetchPolicy())
    counter: dict[str, int] = {}  # articles fetched per source
    failed: dict[str, CasetrailError] = {}  # the last error of each source
    listed: list[tuple[dict[str, Any], list[tuple[str, Any]]]] = []  # sources read, with validators to keep
    taken: set[str] = set()  # article URLs fetched in this cycle

    def fetched() -> Iterator[RawArticle | CasetrailError]:
        for src in (src_mod.list_sources(store) if everything else src_mod.due(store)):
            if not src["active"]:
                continue
            if stop():
                report.stopped = True
                return
            report.sources += 1
            try:
                entries, keep = _listing_entries(fetcher, store, src, report)
            except FetchError as err:
                report.errors.append(err)
                src_mod.record(store, src, new=0, error=err, status="error")
                continue
            listed.append((src, keep))
            yield from _articles(fetcher, store, src, entries, report, stop, counter, failed, taken)

    try:  # what was fetched is stored whole, in the build's small transactions, even when a stop came
        rep = build_articles(fetched(), store, model=model, engine=engine, workers=workers, published=published,
                             progress=progress, chunk_size=chunk_size)
    finally:
        fetcher.close()
    report.build = rep
    report.errors += rep.errors
    report.new_articles = len(rep.stored)
    for i, (src, keep) in enumerate(listed):
        finished = not report.stopped or i < len(listed) - 1  # a stop cuts only the last source read
        if finished and src["id"] not in failed:
            for url, resp in keep:  # every new article these listings gave is stored: a 304 from now on
                src_mod.keep_validators(store, url, src["id"], resp.etag, resp.last_modified, resp.status)
        src_mod.record(store, src, new=counter.get(src["id"], 0), error=failed.get(src["id"]),
                       status="ok" if finished else "stopped")
    report.requests = fetcher.sent
    report.alerts = rep.alerts
    if deliver:
        result: dict[str, int] = {}
        th = threading.Thread(target=lambda: result.update(deliver_pending(store)), daemon=True)
        th.start()
        th.join(timeout=60)  # the build is done: delivery is bounded and never undoes what was stored
        report.delivered = result
    report.seconds = time.perf_counter() - started
    return report


def watch(store: Store, every_s: int, *, stop: Stop | None = None, on_cycle: Callable[[WatchReport], None]
          | None = None, **kwargs: Any) -> None:
    """Run a cycle every ``every_s`` seconds until stopped (SIGINT/SIGTERM end it after the article in hand)."""
    stop = stop or Stop()
    restore = stop.install()
    try:
        while not stop():
            rep = watch_once(store, stop=stop, **kwargs)
            if on_cycle:
                on_cycle(rep)
            stop.event.wait(every_s)
    finally:
        restore()
