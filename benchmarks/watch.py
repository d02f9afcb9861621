"""A watch cycle over 200 local sources: 20 new articles among 2,000 already stored, then the same cycle
with nothing new.

    .venv/bin/python benchmarks/watch.py [--sources 200] [--stored 2000] [--new 20] [--out benchmarks/watch.json]

A local HTTP server on 127.0.0.1 serves one RSS feed per source (ten items each, with ETag) and the
article pages; the store is filled with 2,000 real extraction results (benchmarks/bench.py's fill) whose
URLs are the feeds' old items. Five people the new articles name are followed by a user whose webhook
(a local receiver) gets the alerts. Measured: time from the run's start to the alerts delivered, requests
sent (what is due, plus robots.txt and the new articles), articles extracted; then a second cycle where
every feed answers 304. All sources are on one host here, so the per-host delay is set to 0. One run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sys
import tempfile
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

PEOPLE = ["Ilka Varga", "Matteo Cerny", "Sanna Holt", "Rafael Dumitru", "Olga Brenner"]


class Feeds:
    """``sources`` feeds; feed k lists its old items and, once ``publish`` is called, maybe a new one."""

    def __init__(self, sources: int, stored: int, new: int) -> None:
        self.sources, self.new, self.published = sources, new, False
        self.old = {k: [f"/news/{k}/{j}" for j in range(stored // sources)] for k in range(sources)}
        self.requests: list[str] = []

    def items(self, k: int) -> list[str]:
        extra = [f"/news/{k}/new"] if self.published and k < self.new else []
        return extra + self.old[k][:9]

    def story(self, k: int) -> str:
        name = PEOPLE[k % len(PEOPLE)]
        return (f"<html><head><title>Court sentences {name}</title><meta name='date' content='2026-12-01'></head>"
                f"<body><article><h1>Court sentences {name}</h1><p>A regional court on Monday sentenced the "
                f"journalist {name} to {k % 5 + 2} years in prison for spreading false information, her lawyer "
                f"said.</p><p>{name.split()[1]} was arrested in March after a report on corruption in the "
                f"region number {k}.</p></article></body></html>")


def serve(feeds: Feeds) -> ThreadingHTTPServer:
    class H(BaseHTTPRequestHandler):
        def log_message(self, *a: object) -> None:
            pass

        def do_GET(self) -> None:
            feeds.requests.append(self.path)
            parts = self.path.strip("/").split("/")
            if self.path == "/robots.txt":
                body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
            elif parts[0] == "feed":
                k = int(parts[1].removesuffix(".xml"))
                host = self.headers["Host"]
                items = "".join(f"<item><title>{p}</title><link>http://{host}{p}</link></item>"
                                for p in feeds.items(k))
                rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {k}</title>{items}</channel></rss>'
                body, ctype = rss.encode(), "application/rss+xml"
            elif parts[0] == "news" and parts[2] == "new":
                body, ctype = feeds.story(int(parts[1])).encode(), "text/html"
            else:
                self.send_response(404)
                self.end_headers()
                return
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", formatdate(usegmt=True))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), H)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def receiver() -> tuple[ThreadingHTTPServer, list[float]]:
    got: list[float] = []

    class H(BaseHTTPRequestHandler):
        def log_message(self, *a: object) -> None:
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            got.append(time.perf_counter())
            self.send_response(204)
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, got


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sources", type=int, default=200)
    ap.add_argument("--stored", type=int, default=2000)
    ap.add_argument("--new", type=int, default=20)
    ap.add_argument("--model", default="md")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "watch.json"))
    args = ap.parse_args()

    from bench import fill_store
    from sqlalchemy import insert

    from casetrail.build import build
    from casetrail.follow import alerts as al
    from casetrail.follow.fetch import FetchPolicy
    from casetrail.follow.sources import add_source
    from casetrail.follow.watch import watch_once
    from casetrail.store import schema as t
    from casetrail.store.store import Store

    feeds = Feeds(args.sources, args.stored, args.new)
    server = serve(feeds)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    hook, got = receiver()
    work = Path(tempfile.mkdtemp())
    store = Store(str(work / "watch.db"))
    t0 = time.perf_counter()
    fill_store(store, args.stored, args.model)
    docs = [d["id"] for d in store.documents()]
    with store.transaction() as conn:  # the feeds' old items are these stored articles
        conn.execute(insert(t.document_sources), [
            {"source": f"{base}{p}", "doc_id": docs[i % len(docs)], "name": p}
            for i, p in enumerate(p for k in range(args.sources) for p in feeds.old[k])])
    for k, name in enumerate(PEOPLE):  # the followed people, known from an earlier article each
        (work / f"p{k}.txt").write_text(f"Police arrested the journalist {name} in March, her editor said.",
                                        encoding="utf-8")
    build([str(work)], store, model=args.model)
    for name in PEOPLE:
        al.follow(store, "researcher", name)
    al.configure(store, "researcher", webhook_url=f"http://127.0.0.1:{hook.server_address[1]}/", webhook_secret="k")
    for k in range(args.sources):
        add_source(store, f"{base}/feed/{k}.xml", kind="feed")
    fill_s = time.perf_counter() - t0
    policy = FetchPolicy(host_delay=0.0)
    first = watch_once(store, model=args.model, policy=policy, everything=True)  # the feeds as they were: all known
    feeds.published = True
    feeds.requests.clear()
    start = time.perf_counter()
    cycle = watch_once(store, model=args.model, policy=policy, everything=True)
    end = time.perf_counter()
    delivered = (got[-1] - start) if got else None
    new_requests = len(feeds.requests)
    feeds.requests.clear()
    idle = watch_once(store, model=args.model, policy=policy, everything=True)
    results = {
        "run": time.strftime("%Y-%m-%dT%H:%M"), "machine": f"{platform.machine()}, {platform.python_version()}",
        "sources": args.sources, "stored_before": args.stored, "fill_s": round(fill_s, 1),
        "first_cycle_all_known": {"seconds": round(first.seconds, 2), "new_articles": first.new_articles,
                                  "requests": first.requests},
        "cycle_with_new": {"seconds_to_alerts_delivered": round(delivered, 2) if delivered else None,
                           "seconds": round(end - start, 2), "new_articles": cycle.new_articles,
                           "alerts": len(cycle.alerts), "delivered": cycle.delivered, "requests": new_requests,
                           "requests_expected": args.sources + args.new + 1, "not_modified": cycle.not_modified},
        "cycle_with_nothing_new": {"seconds": round(idle.seconds, 2), "per_source_ms": round(
            1000 * idle.seconds / args.sources, 1), "new_articles": idle.new_articles,
            "extracted": len(idle.build.stored) if idle.build else 0, "requests": len(feeds.requests),
            "not_modified": idle.not_modified},
    }
    print(json.dumps(results, indent=1))
    Path(args.out).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    server.shutdown()
    hook.shutdown()


if __name__ == "__main__":
    main()
