"""The accuracy gate: the seeds, the dev corpus and dev plus dev2 as one set, scored by the shared scorer,
must stay at or above pinned floors.

The seeds (five Cambodian reports) were the first development set; the dev corpus (38 real excerpts from
thirteen countries, three ordinary murder trials among them) and dev2 (87 more from some thirty cases,
rights-group releases and ten ordinary crime stories among them) have golds written by reading the articles
(``tests/data/dev-gold.json``, ``tests/data/dev2-gold.json``). dev and dev2 are scored together, as one
store and one merged gold, the way issue 19 measures them. The invented held-out set (``tests/data/heldout``,
30 articles written by annotators who never saw casetrail) is gated too, so that what was gained there
stays. Raise a floor when casetrail improves; never
lower one to let a change land.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOLD, SCORER, SEEDS, SHARED, require_shared

from casetrail.exports.evalexport import eval_export
from casetrail.exports.goldsets import merge_golds

DEV = SHARED / "corpus" / "dev"
DEV2 = SHARED / "corpus" / "dev2"
DEV_GOLD = Path(__file__).parent / "data" / "dev-gold.json"
DEV2_GOLD = Path(__file__).parent / "data" / "dev2-gold.json"
HELDOUT = Path(__file__).parent / "data" / "heldout"
HELDOUT_GOLD = Path(__file__).parent / "data" / "heldout-gold.json"

FLOORS = {
    "seeds": {
        ("entities", "person_recall"): 1.0,
        ("entities", "person_precision"): 1.0,
        ("quotes", "quote_f1"): 0.98,
        ("quotes", "speaker_accuracy"): 1.0,
        ("events", "event_f1"): 1.0,
        ("events", "event_status_accuracy"): 1.0,
        ("events", "event_date_accuracy"): 1.0,
        ("discrepancies", "discrepancy_recall"): 1.0,
    },
    "dev": {  # issue 9's targets were 0.95, 0.95, 0.92, 0.85, 0.90, 0.85, 0.8
        ("entities", "person_recall"): 0.98,
        ("entities", "person_precision"): 0.95,
        ("quotes", "quote_f1"): 0.98,
        ("quotes", "speaker_accuracy"): 0.975,
        ("events", "event_f1"): 0.935,
        ("events", "event_status_accuracy"): 0.975,
        ("events", "event_date_accuracy"): 0.965,
        ("discrepancies", "discrepancy_recall"): 0.8,
    },
    "dev+dev2": {  # issue 19's targets: 0.95, 0.97, 0.92, 0.85, 0.90, 0.85 (measured 0.960, 0.973, 0.948,
        # 0.877, 0.956, 0.862 when these were pinned; docs/accuracy/final-look.json)
        ("entities", "person_recall"): 0.955,
        ("entities", "person_precision"): 0.965,
        ("quotes", "quote_f1"): 0.96,
        ("quotes", "speaker_accuracy"): 0.94,
        ("events", "event_f1"): 0.87,
        ("events", "event_status_accuracy"): 0.945,
        ("events", "event_date_accuracy"): 0.855,
    },
    "heldout": {  # the invented held-out set (30 articles; docs/accuracy/heldout-*.json): first look 0.909,
        # 0.909, 0.873, 0.643, 0.970, 0.743; measured 0.948, 0.923, 0.924, 0.739, 0.979, 0.747 when pinned
        ("entities", "person_recall"): 0.94,
        ("entities", "person_precision"): 0.915,
        ("quotes", "speaker_accuracy"): 0.915,
        ("events", "event_f1"): 0.73,
        ("events", "event_status_accuracy"): 0.97,
        ("events", "event_date_accuracy"): 0.74,
    },
}
CEILINGS = {  # counts that must stay at or under these
    "seeds": {("entities", "merges"): 0, ("entities", "splits"): 0, ("entities", "furniture_entities"): 0,
              ("events", "events_duplicate"): 0},
    "dev": {("entities", "merges"): 0, ("entities", "splits"): 1, ("entities", "furniture_entities"): 0,
            ("events", "events_duplicate"): 0},
    "dev+dev2": {("entities", "merges"): 0, ("entities", "splits"): 7, ("entities", "furniture_entities"): 0,
                 ("events", "events_duplicate"): 15},
    "heldout": {("entities", "merges"): 0, ("entities", "splits"): 3},
}
SETS = {"seeds": ([SEEDS], [GOLD]), "dev": ([DEV], [DEV_GOLD]), "dev+dev2": ([DEV, DEV2], [DEV_GOLD, DEV2_GOLD]),
        "heldout": ([HELDOUT], [HELDOUT_GOLD])}


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    require_shared()
    out = {}
    for name, (corpora, golds) in SETS.items():
        for corpus in corpora:
            if not corpus.is_dir():
                pytest.fail(f"the shared corpus is missing: expected {corpus} beside the repository")
        here = tmp_path_factory.mktemp(f"gate-{name}")
        pred = here / "pred.json"
        gold = here / "gold.json"
        gold.write_text(json.dumps(merge_golds([json.loads(g.read_text(encoding="utf-8")) for g in golds])),
                        encoding="utf-8")
        eval_export([str(c) for c in corpora], pred)
        done = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred), "--json"], check=True,
                              capture_output=True, text=True)
        out[name] = json.loads(done.stdout) | {"prediction": json.loads(pred.read_text(encoding="utf-8"))}
    return out


@pytest.mark.parametrize(("corpus", "section", "metric"),
                         [(c, s, m) for c, floors in FLOORS.items() for s, m in floors])
def test_floor(reports, corpus, section, metric):
    assert reports[corpus][section][metric] >= FLOORS[corpus][(section, metric)], reports[corpus][section]


@pytest.mark.parametrize(("corpus", "section", "metric"),
                         [(c, s, m) for c, ceilings in CEILINGS.items() for s, m in ceilings])
def test_ceiling(reports, corpus, section, metric):
    assert reports[corpus][section][metric] <= CEILINGS[corpus][(section, metric)], reports[corpus][section]


def test_crime_stories_give_no_persecution_case(reports):
    """Ordinary crime stories (three murder trials in dev, ten crime stories in dev2): no persecution event,
    no persecution case for anyone they name."""
    pred = reports["dev+dev2"]["prediction"]
    crime_docs = {p.stem for corpus in (DEV, DEV2) for p in corpus.glob("crime_*.txt")}
    assert len(crime_docs) == 13
    assert not [e for e in pred["events"] if e["doc"] in crime_docs]
    crime_people = {e["name"] for e in pred["entities"] if set(e["docs"]) <= crime_docs}
    assert not [c for c in pred["cases"] if c["person"] in crime_people and c["persecution"]]


def test_the_held_out_crime_stories_give_no_persecution_case(reports):
    """The four ordinary crime stories of the invented held-out set (a robbery, a visa fraud, a drug ring, a
    bank fraud): no persecution event, no persecution case."""
    pred = reports["heldout"]["prediction"]
    manifest = json.loads((HELDOUT / "manifest.json").read_text(encoding="utf-8"))
    crime_docs = {Path(m["file"]).stem for m in manifest if m["kind"] == "crime"}
    assert len(crime_docs) == 4
    assert not [e for e in pred["events"] if e["doc"] in crime_docs]
    crime_people = {e["name"] for e in pred["entities"] if set(e["docs"]) <= crime_docs}
    assert not [c for c in pred["cases"] if c["person"] in crime_people and c["persecution"]]
