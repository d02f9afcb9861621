"""eval-export writes the prediction shape of GOLD-FORMAT.md, with names in place of ids."""

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SEEDS, require_shared


def test_exact_command_from_the_spine_issue(tmp_path: Path):
    require_shared()
    out = tmp_path / "pred.json"
    subprocess.run([sys.executable, "-m", "casetrail", "eval-export", str(SEEDS), "-o", str(out)], cwd=ROOT,
                   check=True, capture_output=True)
    pred = json.loads(out.read_text(encoding="utf-8"))
    assert set(pred) >= {"entities", "quotes", "events", "discrepancies"}
    kim = next(e for e in pred["entities"] if e["name"] == "Kim Sok")
    assert kim["type"] == "PERSON" and "Sok" in kim["aliases"] and len(kim["docs"]) == 3
    assert all(set(q) >= {"doc", "text", "speaker"} for q in pred["quotes"])
    assert all(set(e) >= {"doc", "type", "subject", "status", "date_text", "evidence"} for e in pred["events"])
    assert {c["person"] for c in pred["cases"] if c["persecution"]} >= {"Kim Sok", "Kem Sokha"}
