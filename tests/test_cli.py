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
