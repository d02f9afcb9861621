"""Faults: kill -9 in the middle of a build, re-run, and nothing is lost, doubled or half-written.
Reading while a build writes works (SQLite WAL)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from casetrail.build import build
from casetrail.exports.evalexport import prediction
from casetrail.scale.synthetic import write_corpus
from casetrail.store.store import Store
from casetrail.web.views import home, search

pytestmark = pytest.mark.slow


def _count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_kill_9_during_a_build_then_rerun_equals_a_clean_build(tmp_path: Path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 60)
    db = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, "-m", "casetrail", "build", str(corpus), "--db", str(db)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    reads = 0
    deadline = time.time() + 240

    def read_while_writing() -> None:
        nonlocal reads
        reader = Store(str(db))  # reading while the build writes
        assert home(reader)["counts"]["documents"] >= 1
        search(reader, "court")
        reader.close()
        reads += 1

    while _count(db, "documents") < 12 and time.time() < deadline and proc.poll() is None:
        if db.exists() and _count(db, "documents"):
            read_while_writing()
        time.sleep(0.2)
    if reads == 0 and proc.poll() is None:
        read_while_writing()  # the build committed its first batch between two polls
    assert proc.poll() is None, "the build finished before it could be killed"
    proc.kill()  # SIGKILL: no cleanup, no final commit
    proc.wait()
    stored_before = _count(db, "documents")
    assert 12 <= stored_before < 60 and reads > 0
    killed = Store(str(db))
    report = build([str(corpus)], killed)
    assert len(report.stored) + len(report.skipped) == 60
    assert len(report.skipped) == stored_before  # nothing stored before the kill is redone
    clean = Store(str(tmp_path / "clean.db"))
    build([str(corpus)], clean)
    assert prediction(killed) == prediction(clean)
    assert killed.counts() == clean.counts()
    assert not [e for e in killed.entities_of() if e["stale"]]  # no case file left half-updated


def test_a_crashed_resolution_is_finished_by_the_next_run(tmp_path: Path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 6)
    store = Store(str(tmp_path / "x.db"))
    from casetrail.resolve import persons

    original = persons.Resolver.resolve_pending
    persons.Resolver.resolve_pending = lambda self: (_ for _ in ()).throw(RuntimeError("crash"))
    try:
        with pytest.raises(RuntimeError):
            build([str(corpus)], store)
    finally:
        persons.Resolver.resolve_pending = original
    assert store.entities_of() == []  # documents stored, people not yet resolved
    build([str(corpus)], store)
    clean = Store(str(tmp_path / "clean.db"))
    build([str(corpus)], clean)
    assert prediction(store) == prediction(clean)
