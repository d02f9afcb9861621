"""A small news site on 127.0.0.1 to try following the news without the internet: an RSS feed, an Atom
feed, a news sitemap, robots.txt, a press-release page and article pages, with ETag / Last-Modified
(304 for what has not changed). The test suite serves it too, with its hostile pages (not XML, an
entity bomb, a huge body, a slow body, a redirect loop, 500 and 429). Every person in it is invented.

    .venv/bin/python scripts/newsroom.py [--port 8765]      # serves until Ctrl-C
    curl -X POST http://127.0.0.1:8765/publish               # publishes the next story (a new article)
"""

from __future__ import annotations

import argparse
import hashlib
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

STORIES = [
    ("2026-11-20", "Blogger Ilse Marggraf arrested in the capital",
     ["Police arrested the blogger Ilse Marggraf at her home in the capital on Thursday, her lawyer said.",
      "Marggraf, who writes about corruption in the regional government, was charged with spreading false "
      "information, an offence that carries up to five years in prison.",
      "\"She is being punished for her words,\" her lawyer Tomas Brandl told reporters."]),
    ("2026-11-24", "Rights groups condemn arrest of reporter Petr Vasko",
     ["Security officers detained the reporter Petr Vasko on Monday after he published a report on a local "
      "land dispute, his editor said.",
      "Vasko was released on bail two days later."]),
    ("2026-11-30", "Court sentences blogger Ilse Marggraf to three years",
     ["A regional court on Monday sentenced the blogger Ilse Marggraf to three years in prison for spreading "
      "false information.",
      "\"This verdict is a message to every critic,\" Marggraf's lawyer Tomas Brandl said after the hearing.",
      "Marggraf was arrested on November 19 at her home in the capital."]),
]
BOMB = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><rss version="2.0"><channel><title>&lol3;</title></channel></rss>')


class Site:
    """What the site holds now: the stories published so far (``publish`` adds the next)."""

    def __init__(self, published: int = 2, stories: list | None = None) -> None:
        self.stories = stories or STORIES
        self.published = published
        self.changed = time.time()
        self.requests: list[str] = []
        self.lock = threading.Lock()

    def publish(self) -> bool:
        with self.lock:
            if self.published >= len(self.stories):
                return False
            self.published += 1
            self.changed = time.time()
            return True

    def live(self) -> list[tuple[int, tuple]]:
        return list(enumerate(self.stories[: self.published], 1))


def _article(n: int, story: tuple) -> str:
    day, title, paras = story
    body = "".join(f"<p>{escape(p)}</p>" for p in paras)
    return (f"<!doctype html><html><head><title>{escape(title)}</title>"
            f'<meta property="og:site_name" content="The Newsroom">'
            f'<meta name="date" content="{day}"><meta property="article:published_time" content="{day}T09:00:00Z">'
            f"</head><body><nav><a href='/'>Home</a></nav><article><h1>{escape(title)}</h1>{body}</article>"
            f"<aside><h2>Most read</h2><a href='/news/{n}'>{escape(title)}</a></aside></body></html>")


def _rss(site: Site, base: str) -> str:
    items = "".join(f"<item><title>{escape(t)}</title><link>{base}/news/{n}?utm_source=rss</link>"
                    f"<pubDate>{formatdate(time.mktime(time.strptime(d, '%Y-%m-%d')), usegmt=True)}</pubDate></item>"
                    for n, (d, t, _) in reversed(site.live()))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>The Newsroom</title><link>{base}/</link>'
            f"{items}</channel></rss>")


def _atom(site: Site, base: str) -> str:
    entries = "".join(f'<entry><title>{escape(t)}</title><link href="{base}/news/{n}"/><id>{base}/news/{n}</id>'
                      f"<updated>{d}T09:00:00Z</updated></entry>" for n, (d, t, _) in reversed(site.live()))
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>The Newsroom'
            f"</title><id>{base}/</id><updated>2026-12-01T00:00:00Z</updated>{entries}</feed>")


def _sitemap(site: Site, base: str) -> str:
    urls = "".join(f"<url><loc>{base}/news/{n}</loc><lastmod>{d}</lastmod></url>" for n, (d, _, _) in site.live())
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def _home(site: Site, base: str) -> str:
    links = "".join(f"<li><a href='/news/{n}'>{escape(t)}</a></li>" for n, (_, t, _) in site.live())
    return (f"<!doctype html><html><head><title>The Newsroom</title>"
            f'<link rel="alternate" type="application/rss+xml" href="{base}/feed.xml">'
            f"</head><body><h1>The Newsroom</h1><ul>{links}</ul><a href='/about'>About</a></body></html>")


def _press(site: Site, base: str) -> str:
    links = "".join(f"<li><a href='/news/{n}'>{escape(t)}</a></li>" for n, (_, t, _) in site.live())
    return f"<!doctype html><html><head><title>Press releases</title></head><body><ul>{links}</ul></body></html>"


def handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
                  headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _cached(self, body: str, ctype: str) -> None:
            data = body.encode("utf-8")
            etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
            modified = formatdate(site.changed, usegmt=True)
            if self.headers.get("If-None-Match") == etag:
                self._send(304, headers={"ETag": etag, "Last-Modified": modified})
                return
            self._send(200, data, ctype, {"ETag": etag, "Last-Modified": modified})

        def do_POST(self) -> None:
            if self.path == "/publish":
                ok = site.publish()
                self._send(200 if ok else 409, b"published\n" if ok else b"nothing left to publish\n", "text/plain")
            else:
                self._send(404, b"not found")

        def do_GET(self) -> None:
            site.requests.append(self.path)
            base = f"http://{self.headers.get('Host') or '127.0.0.1'}"
            path = self.path.split("?")[0]
            if path == "/robots.txt":
                self._send(200, f"User-agent: *\nDisallow: /private/\nSitemap: {base}/sitemap.xml\n".encode(),
                           "text/plain")
            elif path == "/":
                self._cached(_home(site, base), "text/html; charset=utf-8")
            elif path == "/feed.xml":
                self._cached(_rss(site, base), "application/rss+xml")
            elif path == "/atom.xml":
                self._cached(_atom(site, base), "application/atom+xml")
            elif path == "/sitemap.xml":
                self._cached(_sitemap(site, base), "application/xml")
            elif path == "/press":
                self._cached(_press(site, base), "text/html; charset=utf-8")
            elif path.startswith("/news/") and path[6:].isdigit() and 0 < int(path[6:]) <= site.published:
                n = int(path[6:])
                self._cached(_article(n, site.stories[n - 1]), "text/html; charset=utf-8")
            elif path == "/bad/notxml.xml":
                self._send(200, b"this is { not xml at all", "application/rss+xml")
            elif path == "/bad/bomb.xml":
                self._send(200, BOMB.encode(), "application/rss+xml")
            elif path == "/bad/huge.xml":
                self._send(200, b"<rss>" + b" " * (12 * 1024 * 1024), "application/rss+xml")
            elif path == "/bad/slow.xml":
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.end_headers()
                for _ in range(40):
                    try:
                        self.wfile.write(b" ")
                        self.wfile.flush()
                    except OSError:
                        return
                    time.sleep(0.1)
            elif path == "/bad/loop":
                self._send(302, b"", headers={"Location": "/bad/loop2"})
            elif path == "/bad/loop2":
                self._send(302, b"", headers={"Location": "/bad/loop"})
            elif path == "/bad/500.xml":
                self._send(500, b"server error")
            elif path == "/bad/429.xml":
                self._send(429, b"slow down", headers={"Retry-After": "3600"})
            elif path == "/bad/image.png":
                self._send(200, b"\x89PNG....", "image/png")
            else:
                self._send(404, b"not found")

    return Handler


def serve(site: Site, port: int = 0) -> tuple[ThreadingHTTPServer, threading.Thread]:
    """Start the site on 127.0.0.1 (``port`` 0: any free port) in a thread; returns the server and thread."""
    server = ThreadingHTTPServer(("127.0.0.1", port), handler(site))
    server.daemon_threads = True
    th = threading.Thread(target=server.serve_forever, daemon=True)
    th.start()
    return server, th


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--published", type=int, default=2, help="stories published at start (of 3)")
    args = ap.parse_args()
    server, th = serve(Site(args.published), args.port)
    print(f"The Newsroom on http://127.0.0.1:{args.port}/ — feed /feed.xml, Atom /atom.xml, sitemap /sitemap.xml, "
          f"press releases /press; POST /publish adds the next story. Ctrl-C stops it.", flush=True)
    try:
        th.join()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
