"""The code stays ruff-clean (the project's lint settings live in pyproject.toml)."""

import subprocess
import sys

from conftest import ROOT


def test_ruff_check_passes():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "casetrail", "tests", "benchmarks"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
