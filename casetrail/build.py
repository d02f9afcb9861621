"""Build: read articles, extract, store, resolve people across articles, update their case files.

``build`` is the library function behind ``casetrail build``. Articles stream through in chunks;
each stored document is its own transaction, an article already stored (same content hash and
extractor version) is skipped, and a file that cannot be read or parsed is recorded with its reason
while the batch goes on. Extraction runs in-process or on a Ray actor pool (``engine="ray"``); the
cross-article steps (resolution, facts) run after, on what was stored.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from casetrail.casefile.assemble import update_facts
from casetrail.errors import BadOption, CasetrailError
from casetrail.ingest.document import Article, prepare
from casetrail.ingest.readers import RawArticle, read_paths
from casetrail.nlp import extract as extractor
from casetrail.nlp.extract import DocResult, Limits
from casetrail.resolve.persons import Resolver
from casetrail.review import identity
from casetrail.review.reconcile import reconcile
from casetrail.store.store import Store

Progress = Callable[[str, int], None]  # (what happened: "stored" | "skipped" | "error" | "page …", how many)


@dataclass
class BuildReport:
    """What a build did, for the CLI's summary and the tests."""

    stored: list[str] = field(default_factory=list)  # document ids extracted and stored now
    skipped: list[str] = field(default_factory=list)  # already stored, unchanged
    errors: list[CasetrailError] = field(default_factory=list)
    people_updated: int = 0
    review: dict[str, int] = field(default_factory=dict)  # reviewers' records kept, moved, orphaned, restored
    alerts: list[dict[str, Any]] = field(default_factory=list)  # what is new for people users follow
    seconds: float = 0.0

    @property
    def processed(self) -> int:
        return len(self.stored) + len(self.skipped)


def _articles(items: Iterable[RawArticle | CasetrailError], report: BuildReport, published: date | None,
              outlet: str | None, progress: Progress | None) -> Iterator[Article]:
    for item in items:
        if isinstance(item, CasetrailError):
            report.errors.append(item)
            if progress:
                progress("error", 1)
            continue
        assert isinstance(item, RawArticle)
        try:
            yield prepare(item, published=published, outlet=outlet)
        except CasetrailError as err:
            report.errors.append(err)
            if progress:
                progress("error", 1)


def _read(paths: list[str], progress: Progress | None) -> Iterator[RawArticle | CasetrailError]:
    def on_page(path: str, n: int, total: int) -> None:  # a long PDF or Word file shows its pages as it goes
        if progress and (n == 1 or n % 10 == 0 or n == total):
            progress(f"reading {Path(path).name}: page {n}" + (f" of {total}" if total else ""), 0)

    return read_paths(paths, on_page=on_page if progress else None)


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for it in items:
        chunk.append(it)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def build(paths: list[str], store: Store, *, model: str = "md", published: date | None = None,
          outlet: str | None = None, engine: str = "local", address: str | None = None, workers: int = 2,
          chunk_size: int = 32, progress: Progress | None = None, limits: Limits | None = None) -> BuildReport:
    """Ingest, extract and store every article under ``paths``; then resolve people and update facts."""
    return build_articles(_read(paths, progress), store, model=model, published=published, outlet=outlet,
                          engine=engine, address=address, workers=workers, chunk_size=chunk_size,
                          progress=progress, limits=limits)


def build_articles(items: Iterable[RawArticle | CasetrailError], store: Store, *, model: str = "md",
                   published: date | None = None, outlet: str | None = None, engine: str = "local",
                   address: str | None = None, workers: int = 2, chunk_size: int = 32,
                   progress: Progress | None = None, limits: Limits | None = None) -> BuildReport:
    """``build`` over articles already read: files, or the pages a watch run fetched (a generator that
    ends early when the run is stopped: what it gave is stored whole)."""
    if engine not in ("local", "ray"):
        raise BadOption(f"unknown engine '{engine}' (use local or ray)")
    started = time.perf_counter()
    report = BuildReport()
    limits = limits or Limits()
    runner = _LazyRunner(lambda: _local_runner(model, limits) if engine == "local"
                         else _ray_runner(model, address, workers, limits))
    try:
        for chunk in _chunks(_articles(items, report, published, outlet, progress), chunk_size):
            todo: list[Article] = []
            pending: list[Article] = []  # copies of an article in this chunk: stored once, every file noted
            for art in chunk:
                if store.has_document(art.id, extractor.EXTRACTOR_VERSION):
                    store.add_source(art.source, art.id, art.name)
                    report.skipped.append(art.id)
                    if progress:
                        progress("skipped", 1)
                elif art.id in {a.id for a in todo}:
                    pending.append(art)
                else:
                    todo.append(art)
            batch: list[DocResult] = []
            for res in runner(todo):
                if isinstance(res, CasetrailError):
                    report.errors.append(res)  # recorded in the store with the others, below
                    if progress:
                        progress("error", 1)
                    continue
                if res.error is not None:  # kept verbatim, searchable, "not extracted"; retried by a new version
                    report.errors.append(res.error)
                    if progress:
                        progress("error", 1)
                batch.append(res)
                if len(batch) >= WRITE_BATCH:
                    _store_batch(store, batch, report, progress)
                    batch = []
            _store_batch(store, batch, report, progress)
            for art in pending:
                if store.has_document(art.id):
                    store.add_source(art.source, art.id, art.name)
                    report.skipped.append(art.id)
                    if progress:
                        progress("skipped", 1)
    finally:
        close = getattr(runner, "close", None)
        if close:
            close()
    for err in report.errors:
        if err.path:
            store.record_error(err)
    touched = Resolver(store).resolve_pending()
    if report.stored:  # reviewers' work follows its targets through re-extraction, merges and splits re-applied
        report.review = reconcile(store, report.stored, touched)
    with store.transaction() as conn:
        touched |= identity.apply(conn)
    report.people_updated = update_facts(store, None) if touched or report.stored else 0
    if touched:
        for k, v in reconcile(store, people=touched, facts=True).items():
            report.review[k] = report.review.get(k, 0) + v
    if report.stored or touched:  # people someone follows: what this build added to their case files
        from casetrail.follow.alerts import detect

        report.alerts = detect(store)
    report.seconds = time.perf_counter() - started
    return report


WRITE_BATCH = 8  # documents per transaction: each lands whole; a crash redoes at most one batch


def _store_batch(store: Store, batch: list[DocResult], report: BuildReport, progress: Progress | None) -> None:
    if not batch:
        return
    store.write_results(batch)
    for res in batch:
        report.stored.append(res.article.id)
        if progress:
            progress("stored", 1)


class _LazyRunner:
    """Starts the real runner (model load, Ray actors) only when there is something to extract."""

    def __init__(self, factory: Callable[[], Any]) -> None:
        self.factory = factory
        self.runner: Any = None

    def __call__(self, articles: list[Article]) -> Iterator[DocResult | CasetrailError]:
        if not articles:
            return iter(())
        if self.runner is None:
            self.runner = self.factory()
        return self.runner(articles)

    def close(self) -> None:
        close = getattr(self.runner, "close", None)
        if close:
            close()


class _Runner:
    """Extraction in this process, the model loaded once."""

    def __init__(self, model: str, limits: Limits) -> None:
        from casetrail.nlp.pipeline import load_nlp

        self.model = model
        self.limits = limits
        self.nlp = load_nlp(model)

    def __call__(self, articles: list[Article]) -> Iterator[DocResult | CasetrailError]:
        from casetrail.nlp.extract import extract

        return extract(self.nlp, articles, self.model, limits=self.limits)


def _local_runner(model: str, limits: Limits) -> _Runner:
    return _Runner(model, limits)


def _ray_runner(model: str, address: str | None, workers: int, limits: Limits):
    from casetrail.scale.rayengine import RayRunner

    return RayRunner(model=model, address=address, workers=workers, limits=limits)
