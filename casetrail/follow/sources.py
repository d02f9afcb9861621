"""Sources a researcher follows, kept as data in the store: a feed, a news sitemap, a site's home page
(its feeds and sitemaps discovered when it is added) or a press-release page; each with its state (last
fetched, last new article, last error and its code), so the CLI and the web app show and edit them alike.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import delete, insert, select, update

from casetrail.errors import BadOption, CasetrailError
from casetrail.follow.fetch import Fetcher, normalise
from casetrail.follow.listings import parse_listing
from casetrail.ingest.document import stable_id
from casetrail.store import schema as t
from casetrail.store.store import Store

KINDS = ("auto", "feed", "sitemap", "site", "page")


def now() -> datetime:
    return datetime.now(UTC)


def stamp(when: datetime | None = None) -> str:
    return (when or now()).isoformat(timespec="seconds")


def parse_every(text: str) -> int:
    """ "30m", "2h", "1d", "90s" or a number of seconds -> seconds."""
    text = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    try:
        if text[-1:] in units:
            return max(1, int(float(text[:-1]) * units[text[-1]]))
        return max(1, int(float(text)))
    except ValueError:
        raise BadOption(f"not a period: '{text}' (use 30m, 2h, 1d or seconds)") from None


def add_source(store: Store, url: str, kind: str = "auto", every: str = "30m", by: str | None = None,
               fetcher: Fetcher | None = None) -> dict[str, Any]:
    """Add (or update) a source. ``auto`` and ``site`` fetch it once to tell what it is: a feed, a sitemap,
    or an HTML page whose feeds and sitemaps (robots.txt ``Sitemap:`` lines) become what is polled."""
    if kind not in KINDS:
        raise BadOption(f"unknown source kind '{kind}' (use {', '.join(KINDS)})")
    if not url.lower().startswith(("http://", "https://")):
        raise BadOption(f"a source is an http(s) URL, not '{url[:80]}'")
    url = normalise(url)
    endpoints = [url]
    error: CasetrailError | None = None
    if kind in ("auto", "site"):
        own = fetcher is None
        fetcher = fetcher or Fetcher()
        try:
            listing = parse_listing(fetcher.get(url))
            if listing.kind in ("feed", "sitemap", "sitemapindex"):
                kind = "sitemap" if listing.kind.startswith("sitemap") else "feed"
            else:
                home = urlsplit(url).path in ("", "/")  # a home page: the site's sitemaps list its articles too
                found = listing.children + ([normalise(s) for s in fetcher.sitemaps_of(url)] if home else [])
                if found:
                    kind, endpoints = "site", list(dict.fromkeys(found))
                else:
                    kind = "page"  # a press-release page: its links are the articles
        except CasetrailError as err:
            error, kind = err, ("page" if kind == "auto" else kind)
        finally:
            if own:
                fetcher.close()
    sid = stable_id(url)
    row = {"id": sid, "url": url, "kind": kind, "endpoints": endpoints, "every_s": parse_every(every),
           "added_at": stamp(), "added_by": by, "active": True, "articles": 0,
           "error_code": error.code if error else None, "error": error.message if error else None}
    with store.transaction() as conn:
        old = conn.execute(select(t.sources.c.articles).where(t.sources.c.id == sid)).first()
        if old:
            row["articles"] = old[0]
            conn.execute(update(t.sources).where(t.sources.c.id == sid).values(**row))
        else:
            conn.execute(insert(t.sources).values(**row))
    return source(store, sid)


def source(store: Store, id_or_url: str) -> dict[str, Any]:
    rows = []
    if id_or_url:  # by id, else by URL as given in any spelling
        rows = store.table_rows("sources", where={"id": id_or_url}) or \
            store.table_rows("sources", where={"url": normalise(id_or_url)})
    if not rows:
        raise BadOption(f"no source '{id_or_url}' (casetrail source list)")
    return rows[0]


def list_sources(store: Store) -> list[dict[str, Any]]:
    return store.rows(select(t.sources).order_by(t.sources.c.url))


def remove_source(store: Store, id_or_url: str) -> dict[str, Any]:
    """Forget a source and its fetch state; the articles it brought stay in the store."""
    src = source(store, id_or_url)
    with store.transaction() as conn:
        conn.execute(delete(t.fetch_state).where(t.fetch_state.c.source_id == src["id"]))
        conn.execute(delete(t.sources).where(t.sources.c.id == src["id"]))
    return src


def due(store: Store, at: datetime | None = None) -> list[dict[str, Any]]:
    """Active sources whose next fetch is due."""
    when = stamp(at)
    return store.rows(select(t.sources).where(t.sources.c.active.is_(True))
                      .where((t.sources.c.next_due.is_(None)) | (t.sources.c.next_due <= when))
                      .order_by(t.sources.c.url))


def record(store: Store, src: dict[str, Any], *, new: int, error: CasetrailError | None, status: str) -> None:
    """A source's state after a fetch: when, what came, the error and its code (or none), when next."""
    at = now()
    values: dict[str, Any] = {"last_fetched": stamp(at), "last_status": status,
                              "next_due": stamp(at + timedelta(seconds=src["every_s"])),
                              "error_code": error.code if error else None, "error": error.message if error else None,
                              "articles": (src.get("articles") or 0) + new}
    if new:
        values["last_new"] = stamp(at)
    with store.transaction() as conn:
        conn.execute(update(t.sources).where(t.sources.c.id == src["id"]).values(**values))


def validators(store: Store, url: str) -> tuple[str | None, str | None]:
    rows = store.table_rows("fetch_state", where={"url": url})
    return (rows[0]["etag"], rows[0]["last_modified"]) if rows else (None, None)


def keep_validators(store: Store, url: str, source_id: str, etag: str | None, last_modified: str | None,
                    status: int) -> None:
    with store.transaction() as conn:
        conn.execute(delete(t.fetch_state).where(t.fetch_state.c.url == url))
        conn.execute(insert(t.fetch_state).values(url=url, source_id=source_id, etag=etag,
                                                  last_modified=last_modified, fetched_at=stamp(), status=status))
