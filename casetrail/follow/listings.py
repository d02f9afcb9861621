"""What a source lists: the article links of an RSS/Atom feed, a news sitemap (or sitemap index), a site's
home page (its feeds and sitemaps discovered) or a rights group's press-release page.

XML is read with defusedxml first, so a document that declares entities (the "billion laughs" bomb) is
refused before any parser expands it; feeds are then read by feedparser. A body that is neither is a
coded ``FetchError`` (E809), recorded in the source's state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin, urlsplit

from casetrail.errors import FetchError
from casetrail.follow.fetch import Response, normalise

FEED_ROOTS = {"rss", "feed", "rdf", "channel"}
MAX_LINKS = 500  # links read from one listing


@dataclass
class Entry:
    """One article a listing points to, with what the listing says of it."""

    url: str
    title: str | None = None
    published: date | None = None


@dataclass
class Listing:
    kind: str  # feed | sitemap | sitemapindex | page
    entries: list[Entry] = field(default_factory=list)
    children: list[str] = field(default_factory=list)  # a sitemap index's sitemaps; a home page's feeds
    title: str | None = None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _xml_root(body: bytes, url: str):
    """The parsed XML root, or None when the body is not XML; entity declarations are refused (E810)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    head = body[:2048].lstrip().lower()
    if not (head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<urlset", b"<sitemapindex",
                                                           b"<rdf", b"<!doctype rss"))):
        return None
    try:
        return fromstring(body)
    except DefusedXmlException as exc:
        raise FetchError(f"XML that declares entities ({exc.__class__.__name__}): refused", path=url,
                         code="E810") from None
    except ParseError as exc:
        raise FetchError(f"not well-formed XML ({str(exc)[:80]})", path=url, code="E809") from None


def _date(value: str | None) -> date | None:
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_listing(resp: Response) -> Listing:
    """The article links of a fetched feed, sitemap or HTML page."""
    root = _xml_root(resp.body, resp.url)
    if root is not None:
        tag = _local(root.tag)
        if tag == "urlset":
            return _sitemap(root, resp.url)
        if tag == "sitemapindex":
            return Listing("sitemapindex", children=[normalise(urljoin(resp.url, (loc.text or "").strip()))
                                                     for loc in root.iter() if _local(loc.tag) == "loc"][:50])
        if tag in FEED_ROOTS:
            return _feed(resp)
        raise FetchError(f"XML that is neither a feed nor a sitemap (<{tag}>)", path=resp.url, code="E809")
    if "html" in resp.content_type or resp.body[:1024].lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return _page(resp)
    raise FetchError("neither a feed, a sitemap nor an HTML page", path=resp.url, code="E809")


def _feed(resp: Response) -> Listing:
    import feedparser

    parsed = feedparser.parse(resp.body, response_headers={"content-location": resp.url})
    entries = []
    for e in parsed.entries[:MAX_LINKS]:
        link = e.get("link") or next((x.get("href") for x in e.get("links", []) if x.get("href")), None)
        if not link:
            continue
        when = e.get("published_parsed") or e.get("updated_parsed")
        entries.append(Entry(normalise(urljoin(resp.url, link)), e.get("title"),
                             date(when.tm_year, when.tm_mon, when.tm_mday) if when else None))
    if not entries and parsed.bozo and not parsed.entries:
        raise FetchError(f"not a readable feed ({parsed.get('bozo_exception', 'no entries')!s:.80})",
                         path=resp.url, code="E809")
    return Listing("feed", entries=entries, title=parsed.feed.get("title"))


def _sitemap(root, url: str) -> Listing:
    entries = []
    for node in root:
        if _local(node.tag) != "url":
            continue
        loc = next((c.text for c in node.iter() if _local(c.tag) == "loc" and c.text), None)
        if not loc:
            continue
        when = next((c.text for c in node.iter() if _local(c.tag) in ("publication_date", "lastmod")), None)
        title = next((c.text for c in node.iter() if _local(c.tag) == "title"), None)
        entries.append(Entry(normalise(urljoin(url, loc.strip())), title, _date(when)))
        if len(entries) >= MAX_LINKS:
            break
    return Listing("sitemap", entries=entries)


def _page(resp: Response) -> Listing:
    """A home page or press-release page: its feeds (for a site), and its links to articles on the same host."""
    from courlan import extract_links
    from trafilatura.feeds import FeedParameters, determine_feed

    html = resp.text()
    host = urlsplit(resp.url).netloc
    try:
        base = f"{urlsplit(resp.url).scheme}://{host}"
        feeds = determine_feed(html, FeedParameters(base, host, resp.url, False, None))
    except Exception:
        feeds = []
    feeds = [normalise(f) for f in feeds if f and normalise(f) != normalise(resp.url)]
    links = []
    try:
        found = extract_links(html, url=resp.url, external_bool=False, no_filter=True)  # host and path checked below
    except Exception:
        found = set()
    for link in sorted(found):
        u = normalise(link)
        path = urlsplit(u).path.strip("/")
        if urlsplit(u).netloc != host or not path or u == normalise(resp.url) or u in feeds:
            continue
        if "/" in path or "-" in path or re.search(r"\d", path):  # an article's path, not a menu's one word
            links.append(Entry(u))
        if len(links) >= MAX_LINKS:
            break
    return Listing("page", entries=links, children=feeds)
