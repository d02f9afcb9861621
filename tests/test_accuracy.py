"""The accuracy gate: the seeds scored by the shared scorer must stay at or above pinned floors.

Raise a floor when casetrail improves; never lower one to let a change land.
"""

import json
import subprocess
import sys

import pytest
from conftest import GOLD, SCORER, SEEDS, require_shared

from casetrail.exports.evalexport import eval_export

FLOORS = {
    ("entities", "person_recall"): 1.0,
    ("quotes", "quote_f1"): 0.95,
    ("quotes", "speaker_accuracy"): 0.95,
    ("events", "event_f1"): 0.85,
    ("events", "event_status_accuracy"): 0.9,
    ("events", "event_date_accuracy"): 0.9,
    ("discrepancies", "discrepancy_recall"): 1.0,
}
CEILINGS = {  # counts that must stay at zero
    ("entities", "merges"): 0,
    ("entities", "splits"): 0,
    ("entities", "furniture_entities"): 0,
    ("events", "events_duplicate"): 0,
}


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    require_shared()
    out = tmp_path_factory.mktemp("gate") / "pred.json"
    eval_export([str(SEEDS)], out)
    done = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(out), "--json"], check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize(("section", "metric"), list(FLOORS))
def test_floor(report, section, metric):
    assert report[section][metric] >= FLOORS[(section, metric)], report[section]


@pytest.mark.parametrize(("section", "metric"), list(CEILINGS))
def test_ceiling(report, section, metric):
    assert report[section][metric] <= CEILINGS[(section, metric)], report[section]
