"""Per-article extraction on a Ray actor pool: each actor loads the spaCy model once.

``RayRunner`` is what ``build(..., engine="ray")`` uses: it starts Ray locally (``num_cpus`` =
workers) or joins a cluster by address, creates one ``Extractor`` actor per worker, and streams each
batch's results back as soon as an actor finishes, so the store is written while others still work.
The cross-article steps (resolution, facts) run after, in the driver, on what was stored.
"""

from __future__ import annotations

import os
import resource
from collections.abc import Iterator

from casetrail.errors import CasetrailError, EngineError
from casetrail.ingest.document import Article
from casetrail.nlp.extract import DocResult, Limits

BATCH = 4  # articles per actor call: small enough to balance, large enough to use nlp.pipe


class Extractor:
    """The actor body: one pipeline per process, reused for every batch."""

    def __init__(self, model: str, limits: Limits | None = None) -> None:
        from casetrail.nlp.pipeline import load_nlp

        self.model = model
        self.limits = limits
        self.nlp = load_nlp(model)

    def extract(self, articles: list[Article]) -> list[DocResult | CasetrailError]:
        from casetrail.nlp.extract import extract

        return list(extract(self.nlp, articles, self.model, limits=self.limits))

    def peak_rss_mb(self) -> float:
        """Peak resident memory of this worker process, in MB."""
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def pid(self) -> int:
        return os.getpid()


class RayRunner:
    """Extraction on ``workers`` Ray actors (see module docstring)."""

    def __init__(self, model: str = "md", address: str | None = None, workers: int = 2,
                 limits: Limits | None = None) -> None:
        try:
            import ray
            from ray.util import ActorPool
        except ImportError as exc:  # pragma: no cover - ray is part of the default install
            raise EngineError("Ray is not installed: pip install 'casetrail[scale]'") from exc
        self.ray = ray
        self.started_here = False
        try:
            if not ray.is_initialized():
                if address:
                    ray.init(address=address, log_to_driver=False)
                else:
                    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False,
                             configure_logging=False)
                self.started_here = True
            remote = ray.remote(num_cpus=1)(Extractor)
            self.actors = [remote.remote(model, limits) for _ in range(workers)]
            self.pool = ActorPool(self.actors)
        except Exception as exc:
            raise EngineError(f"could not start Ray workers: {exc.__class__.__name__}: {exc}") from exc

    def __call__(self, articles: list[Article]) -> Iterator[DocResult | CasetrailError]:
        batches = [articles[i:i + BATCH] for i in range(0, len(articles), BATCH)]
        try:
            for results in self.pool.map_unordered(lambda actor, batch: actor.extract.remote(batch), batches):
                yield from results
        except self.ray.exceptions.RayError as exc:
            raise EngineError(f"a Ray worker failed: {exc.__class__.__name__}") from exc

    def peak_memory_mb(self) -> list[float]:
        """Peak resident memory of each worker (MB)."""
        return [self.ray.get(a.peak_rss_mb.remote()) for a in self.actors]

    def close(self) -> None:
        for actor in getattr(self, "actors", []):
            self.ray.kill(actor)
        if self.started_here:
            self.ray.shutdown()


