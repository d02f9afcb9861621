"""Distributed extraction on Ray (local mode, two CPUs) gives what the local engine gives."""

import pickle

import pytest

from casetrail.build import build
from casetrail.errors import ParseError
from casetrail.exports.evalexport import prediction
from casetrail.scale.synthetic import write_corpus
from casetrail.store.store import Store


def test_errors_keep_their_path_across_processes():
    err = pickle.loads(pickle.dumps(ParseError("bad line", path="x.jsonl:3")))
    assert (type(err), err.path, err.message) == (ParseError, "x.jsonl:3", "bad line")


@pytest.mark.slow
def test_ray_build_matches_local_build(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 16)
    (corpus / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    local = Store(str(tmp_path / "local.db"))
    on_ray = Store(str(tmp_path / "ray.db"))
    build([str(corpus)], local)
    report = build([str(corpus)], on_ray, engine="ray", workers=2)
    assert len(report.stored) == 16 and [e.code for e in report.errors] == ["E105"]
    assert prediction(on_ray) == prediction(local)
    again = build([str(corpus)], on_ray, engine="ray", workers=2)  # nothing new: no worker is even started
    assert again.stored == [] and len(again.skipped) == 16
