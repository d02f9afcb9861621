"""The same store on a real PostgreSQL server: CASETRAIL_TEST_PG_URL, or a throwaway server the test
suite starts itself (``pg_admin_url`` in conftest, through ``scripts/postgres.sh``).

Each test gets a fresh database. Building the seeds into PostgreSQL must give exactly the prediction
that SQLite gives, and full-text search, case files and idempotent re-runs must work there too.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from conftest import SEEDS, require_shared
from sqlalchemy import create_engine, text

from casetrail.build import build
from casetrail.casefile.assemble import case_file, find_person
from casetrail.exports.evalexport import prediction
from casetrail.store.store import Store, normalise_url

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_store(pg_admin_url: str) -> Iterator[Store]:
    name = "casetrail_" + uuid.uuid4().hex[:10]
    admin = create_engine(normalise_url(pg_admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    url = pg_admin_url.rsplit("/", 1)[0] + "/" + name
    store = Store(url)
    yield store
    store.close()
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


def test_seeds_on_postgres_match_sqlite(pg_store, seeds_store):
    require_shared()
    report = build([str(SEEDS)], pg_store)
    assert len(report.stored) == 5 and not report.errors
    assert prediction(pg_store) == prediction(seeds_store)


def test_rerun_is_idempotent_and_search_works(pg_store):
    require_shared()
    build([str(SEEDS)], pg_store)
    counts = pg_store.counts()
    again = build([str(SEEDS)], pg_store)
    assert again.stored == [] and pg_store.counts() == counts
    kinds = {r["kind"] for r in pg_store.search("asylum Finland")}
    assert "article" in kinds
    cf = case_file(pg_store, find_person(pg_store, "Kim Sok")["id"])
    assert len(cf["discrepancies"]) == 3


def test_migrations_on_postgres(pg_store):
    with pg_store.engine.connect() as conn:
        version = conn.execute(text("SELECT value FROM casetrail_meta WHERE key = 'schema_version'")).scalar()
    assert int(version) == pg_store.version


def test_review_on_postgres(pg_store, monkeypatch):
    """Accounts, a status, a correction, a merge and the audit log on PostgreSQL, kept through a re-extraction."""
    from casetrail.nlp import extract as extractor
    from casetrail.review.accounts import Accounts
    from casetrail.review.records import Reviewer

    require_shared()
    build([str(SEEDS)], pg_store)
    user = Accounts(pg_store).add("erin", "editor", "a long enough password")
    rv = Reviewer(pg_store, user)
    kim = find_person(pg_store, "Kim Sok")["id"]
    warrant = next(f for f in case_file(pg_store, kim)["facts"] if f["type"] == "WARRANT")
    rv.correct_event(warrant["event_ids"][0], {"date": "2018-09"}, "month only")
    rv.set_status("fact", warrant["id"], "verified")
    rv.merge(find_person(pg_store, "Huy Vannak")["id"], find_person(pg_store, "Phay Siphan")["id"])
    monkeypatch.setattr(extractor, "EXTRACTOR_VERSION", "pg-review")
    assert len(build([str(SEEDS)], pg_store).stored) == 5
    after = next(f for f in case_file(pg_store, kim)["facts"] if f["type"] == "WARRANT")
    assert after["review"]["status"] == "verified"
    assert any(c["event_id"] == warrant["event_ids"][0] and c["corrected"][0]["field"] == "date"
               for c in after["citations"] if c.get("corrected"))
    assert "Huy Vannak" in case_file(pg_store, find_person(pg_store, "Phay Siphan")["id"])["aliases"]
    assert len(pg_store.table_rows("audit_log")) >= 4
