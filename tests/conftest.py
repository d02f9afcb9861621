"""Shared fixtures: the spaCy pipeline (loaded once), a scratch store, the seeds built once."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from spacy.tokens import Doc

from casetrail.build import build
from casetrail.nlp.pipeline import load_nlp
from casetrail.store.store import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "corpus" / "seeds-gold.json"
SCORER = SHARED / "eval" / "score.py"
STYLES = Path(__file__).parent / "data" / "styles"


def require_shared() -> None:
    if not SEEDS.is_dir() or not GOLD.is_file() or not SCORER.is_file():
        pytest.fail(f"the shared corpus is missing: expected {SEEDS}, {GOLD} and {SCORER} beside the repository")


@pytest.fixture(scope="session")
def nlp():
    return load_nlp("md")


@pytest.fixture(scope="session")
def annotate(nlp) -> Callable[[str], Doc]:
    """Run the full pipeline on a text (paragraphs separated by blank lines)."""
    return lambda text: nlp(text)


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """A PostgreSQL server for the store tests: CASETRAIL_TEST_PG_URL, or one started here for the session
    (``scripts/postgres.sh``) and stopped at its end; skipped with the reason when PostgreSQL is absent."""
    given = os.environ.get("CASETRAIL_TEST_PG_URL")
    if given:
        yield given
        return
    done = subprocess.run(["bash", str(ROOT / "scripts" / "postgres.sh"), "start"], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"no PostgreSQL server: {done.stderr.strip() or 'scripts/postgres.sh failed'} "
                    "(scripts/setup.sh installs it when it may install packages)")
    url, data = done.stdout.split()
    try:
        yield url
    finally:
        subprocess.run(["bash", str(ROOT / "scripts" / "postgres.sh"), "stop", data], capture_output=True)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(str(tmp_path / "test.db"))
    yield s
    s.close()


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The five seed articles built once into a store, for the tests that read case files."""
    require_shared()
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    s = Store(str(path))
    build([str(SEEDS)], s)
    yield s
    s.close()


def people(doc: Doc) -> dict[str, object]:
    """Local people of an annotated doc by name."""
    return {e.name: e for e in doc._.casetrail_entities if e.label == "PERSON"}


def speakers(doc: Doc) -> list[tuple[str, str | None]]:
    """(first words of each speech quote, speaker name) in order."""
    ents = doc._.casetrail_entities
    return [(" ".join(q.text.split()[:4]), ents[q.speaker].name if q.speaker is not None else None)
            for q in doc._.casetrail_quotes if q.kind == "speech"]


def events(doc: Doc) -> list[tuple[str, str | None, str]]:
    """(type, subject name, status) of each event in order."""
    return [(e.type, e.subject_text, e.status) for e in doc._.casetrail_events]


@pytest.fixture
def site() -> Iterator[tuple[object, str]]:
    """scripts/newsroom.py's news site on a free 127.0.0.1 port, two stories published: (site, base URL)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import newsroom

    s = newsroom.Site(published=2)
    server, _ = newsroom.serve(s)
    yield s, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
