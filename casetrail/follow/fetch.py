"""Fetching as a good citizen: one polite HTTP client for feeds, sitemaps and pages.

Timeouts on every request, redirects bounded, retries with backoff on 429 and 5xx (``Retry-After``
honoured up to a cap), conditional GET (``ETag`` / ``Last-Modified``: a 304 costs nothing), robots.txt
honoured (protego, cached per host), one request at a time per host with a delay between them, a user
agent naming casetrail, and limits on size and content type: a response is read in chunks and dropped
once past the limit. URLs are normalised (courlan) so one article is fetched once. Every failure is a
``FetchError`` with a stable code; the watch run records it in the source's state and goes on.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urldefrag, urlsplit

import httpx

from casetrail import __version__
from casetrail.errors import FetchError

USER_AGENT = f"casetrail/{__version__} (+https://github.com/casetrail/casetrail; news research for case files)"
TEXT_TYPES = ("text/html", "application/xhtml+xml", "application/rss+xml", "application/atom+xml",
              "application/xml", "text/xml", "application/rdf+xml", "text/plain", "application/x-rss+xml",
              "application/feed+json")


@dataclass
class FetchPolicy:
    """How politely and how far a fetch goes; the defaults suit a researcher's laptop."""

    timeout: float = 15.0  # seconds to connect, and between bytes read
    total_timeout: float = 60.0  # seconds for a whole response, however slowly it trickles
    max_bytes: int = 8 * 1024 * 1024  # a feed or a page; past this the response is dropped
    max_redirects: int = 5
    retries: int = 3  # on 429, 500, 502, 503, 504 and network errors
    backoff: float = 1.0  # seconds, doubled at each retry
    max_retry_after: float = 30.0  # a longer Retry-After is recorded, not waited for
    host_delay: float = 1.0  # seconds between two requests to one host
    user_agent: str = USER_AGENT
    respect_robots: bool = True


@dataclass
class Response:
    """What a fetch brought: the final URL, status, body (empty for a 304) and the validators to keep."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    requests: int = 1  # requests sent for it (retries and redirects included)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        from casetrail.ingest.readers import decode

        return decode(self.body, self.url)


def normalise(url: str) -> str:
    """One spelling per article: scheme and host lower-cased, default port, tracking parameters and
    fragment dropped (courlan), so a feed's link and a sitemap's link to one story are one URL."""
    import courlan

    clean = urldefrag(url.strip())[0]
    try:
        clean = courlan.normalize_url(clean)
    except Exception:  # a URL courlan cannot parse is kept as given; the fetch says what is wrong with it
        return clean
    return urldefrag(clean)[0]


@dataclass
class Fetcher:
    """The polite client: per-host pacing, robots.txt, conditional GET, retries, limits."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    sent: int = 0  # requests sent in all (robots.txt included)
    _client: httpx.Client | None = None
    _robots: dict[str, object] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _locks: dict[str, threading.Lock] = field(default_factory=dict)

    def client(self) -> httpx.Client:
        if self._client is None:
            p = self.policy
            self._client = httpx.Client(
                headers={"User-Agent": p.user_agent, "Accept-Encoding": "gzip, deflate"},
                timeout=httpx.Timeout(p.timeout), follow_redirects=False)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- politeness -----------------------------------------------------------------------------------
    def _pace(self, host: str) -> None:
        wait = self._last.get(host, 0.0) + self.policy.host_delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets casetrail fetch ``url`` (no robots.txt: yes)."""
        if not self.policy.respect_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            from protego import Protego

            rules = ""
            try:
                r = self._get_once(origin + "/robots.txt", {}, parts.netloc)
                if r.status_code == 200:
                    rules = r.content[: 512 * 1024].decode("utf-8", "replace")
            except (httpx.HTTPError, FetchError):
                rules = ""
            self._robots[origin] = Protego.parse(rules)
        return bool(self._robots[origin].can_fetch(url, self.policy.user_agent))  # type: ignore[attr-defined]

    def sitemaps_of(self, url: str) -> list[str]:
        """The sitemaps a site's robots.txt lists."""
        parts = urlsplit(url)
        self.allowed(url)
        rules = self._robots.get(f"{parts.scheme}://{parts.netloc}")
        return list(rules.sitemaps) if rules is not None else []  # type: ignore[attr-defined]

    # -- one request ------------------------------------------------------------------------------------
    def _get_once(self, url: str, headers: dict[str, str], host: str) -> httpx.Response:
        """One GET, paced per host, its body read in chunks up to the size limit within the total timeout."""
        lock = self._locks.setdefault(host, threading.Lock())
        with lock:  # one request at a time per host
            self._pace(host)
            self.sent += 1
            started = time.monotonic()
            with self.client().stream("GET", url, headers=headers) as r:
                declared = r.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.policy.max_bytes:
                    raise FetchError(f"response of {int(declared) // 2**20} MB, past the limit of "
                                     f"{self.policy.max_bytes // 2**20} MB", path=url, code="E803")
                chunks, size = [], 0
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > self.policy.max_bytes:
                        raise FetchError(f"response past the limit of {self.policy.max_bytes // 2**20} MB",
                                         path=url, code="E803")
                    if time.monotonic() - started > self.policy.total_timeout:
                        raise FetchError(f"response slower than {self.policy.total_timeout:.0f} s", path=url,
                                         code="E802")
                    chunks.append(chunk)
                r._content = b"".join(chunks)  # the body, read within the limits
                return r

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            kinds: tuple[str, ...] = TEXT_TYPES) -> Response:
        """GET ``url`` politely; conditional when validators are given. Raises ``FetchError`` (coded)."""
        if not self.allowed(url):
            raise FetchError("robots.txt disallows it", path=url, code="E806")
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, requests, seen = url, 0, {url}
        attempt = 0
        while True:
            host = urlsplit(current).netloc
            if urlsplit(current).scheme not in ("http", "https"):
                raise FetchError(f"not an http(s) URL: {current[:200]}", path=url, code="E801")
            try:
                requests += 1
                r = self._get_once(current, headers, host)
            except httpx.TimeoutException:
                if attempt < self.policy.retries:
                    attempt += 1
                    time.sleep(self.policy.backoff * 2 ** (attempt - 1))
                    continue
                raise FetchError(f"timed out after {self.policy.timeout:.0f} s", path=url, code="E802") from None
            except httpx.HTTPError as exc:
                if attempt < self.policy.retries:
                    attempt += 1
                    time.sleep(self.policy.backoff * 2 ** (attempt - 1))
                    continue
                raise FetchError(f"network error ({exc.__class__.__name__})", path=url, code="E801") from None
            if r.status_code in (301, 302, 303, 307, 308):
                target = r.headers.get("location")
                if not target:
                    raise FetchError(f"HTTP {r.status_code} without a Location", path=url, code="E804")
                current = str(httpx.URL(current).join(target))
                if current in seen or len(seen) > self.policy.max_redirects:
                    raise FetchError(f"redirect loop or more than {self.policy.max_redirects} redirects",
                                     path=url, code="E804")
                seen.add(current)
                if not self.allowed(current):
                    raise FetchError("robots.txt disallows the redirect target", path=url, code="E806")
                continue
            if r.status_code in (429, 500, 502, 503, 504):
                wait = _retry_after(r.headers.get("retry-after"), self.policy.backoff * 2 ** attempt)
                if attempt < self.policy.retries and wait <= self.policy.max_retry_after:
                    attempt += 1
                    time.sleep(wait)
                    continue
                code = "E807" if r.status_code == 429 else "E805"
                raise FetchError(f"HTTP {r.status_code} after {attempt + 1} tries", path=url, code=code)
            if r.status_code == 304:
                return Response(url=current, status=304, etag=etag, last_modified=last_modified, requests=requests)
            if r.status_code != 200:
                raise FetchError(f"HTTP {r.status_code}", path=url, code="E805")
            ctype = r.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype and not ctype.startswith(kinds):
                raise FetchError(f"content type {ctype} is not one casetrail reads", path=url, code="E808")
            return Response(url=current, status=200, body=r.content, content_type=ctype,
                            etag=r.headers.get("etag"), last_modified=r.headers.get("last-modified"),
                            requests=requests)


def _retry_after(value: str | None, default: float) -> float:
    """Seconds a ``Retry-After`` header asks for (a number or an HTTP date)."""
    if not value:
        return default
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return default
