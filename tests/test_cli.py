"""The CLI: thin commands over the library, one-line errors with exit codes."""

import json
from pathlib import Path

from conftest import SEEDS, require_shared
from typer.testing import CliRunner

from casetrail.cli import app

runner = CliRunner()


def test_build_people_case_and_errors(tmp_path: Path):
    require_shared()
    db = str(tmp_path / "cli.db")
    r = runner.invoke(app, ["build", str(SEEDS), "--db", db])
    assert r.exit_code == 0, r.output
    assert "stored 5" in r.output
    r = runner.invoke(app, ["people", "--db", db])
    assert r.exit_code == 0 and "Kim Sok" in r.output and "persecution" in r.output
    r = runner.invoke(app, ["case", "Kim Sok", "--db", db, "--format", "markdown"])
    assert r.exit_code == 0 and "## Timeline" in r.output
    out = tmp_path / "kim.json"
    r = runner.invoke(app, ["case", "kim sok", "--db", db, "--format", "json", "-o", str(out)])
    assert r.exit_code == 0 and json.loads(out.read_text())["name"] == "Kim Sok"
    r = runner.invoke(app, ["case", "Nobody", "--db", db])
    assert r.exit_code == 5 and "E401" in r.output
    r = runner.invoke(app, ["case", "Kim Sok", "--db", db, "--format", "pdf"])
    assert r.exit_code == 2 and "E403" in r.output


def test_build_fails_only_when_nothing_could_be_processed(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    r = runner.invoke(app, ["build", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "x.db")])
    assert r.exit_code == 6 and "E104" in r.output
    r = runner.invoke(app, ["build", str(tmp_path), "--db", str(tmp_path / "x.db"), "--date", "yesterday"])
    assert r.exit_code == 2 and "--date" in r.output


def test_users_audit_orphans_and_verified_only(tmp_path: Path, monkeypatch):
    require_shared()
    db = str(tmp_path / "review.db")
    assert runner.invoke(app, ["build", str(SEEDS), "--db", db]).exit_code == 0
    monkeypatch.setenv("CASETRAIL_PASSWORD", "a long enough password")
    r = runner.invoke(app, ["user", "add", "erin", "--role", "editor", "--db", db])
    assert r.exit_code == 0 and "added erin (editor)" in r.output
    r = runner.invoke(app, ["user", "add", "erin", "--role", "editor", "--db", db])
    assert r.exit_code == 2 and "E701" in r.output
    r = runner.invoke(app, ["user", "add", "max", "--role", "owner", "--db", db])
    assert r.exit_code == 2 and "unknown role" in r.output
    r = runner.invoke(app, ["user", "token", "erin", "--db", db])
    assert r.exit_code == 0 and r.output.startswith("ct_")
    assert "erin" in runner.invoke(app, ["user", "list", "--db", db]).output
    from casetrail.casefile.assemble import find_person
    from casetrail.review.accounts import Accounts
    from casetrail.review.records import Reviewer
    from casetrail.store.store import Store

    store = Store(db)
    kim = find_person(store, "Kim Sok")["id"]
    fact = next(r for r in store.table_rows("facts", where={"entity_id": kim}) if r["type"] == "WARRANT")
    Reviewer(store, Accounts(store).get("erin")).set_status("fact", fact["id"], "verified", "checked")
    r = runner.invoke(app, ["case", "Kim Sok", "--db", db, "--format", "markdown", "--verified-only"])
    assert r.exit_code == 0 and "1 of 1 facts verified" in r.output and "Warrant" in r.output
    r = runner.invoke(app, ["audit", "--db", db, "--format", "csv", "--person", "Kim Sok"])
    assert r.exit_code == 0 and "status" in r.output and "verified" in r.output and "checked" in r.output
    r = runner.invoke(app, ["orphans", "--db", db])
    assert r.exit_code == 0 and "no orphaned" in r.output
    r = runner.invoke(app, ["export", "--db", db, "--format", "json", "--verified-only"])
    assert r.exit_code == 0 and [c["name"] for c in [json.loads(r.output)]] == ["Kim Sok"]
