"""Building: idempotent, one bad file does not stop the batch, user metadata is applied."""

from datetime import date
from pathlib import Path

import pytest

from casetrail.build import build
from casetrail.errors import BadOption

GOOD = "Police arrested blogger Ana Ruiz on Monday.\n\nHer lawyer said she would appeal."


def test_build_is_idempotent_and_skips_what_it_has(store, tmp_path: Path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    first = build([str(tmp_path)], store, published=date(2023, 5, 10), outlet="El Diario")
    assert len(first.stored) == 1 and not first.errors
    before = store.dump()
    second = build([str(tmp_path)], store)
    assert second.stored == [] and len(second.skipped) == 1
    after = store.dump()
    assert before["events"] == after["events"] and before["entities"] == after["entities"]
    (doc,) = store.documents()
    assert (doc["published"], doc["outlet"]) == ("2023-05-10", "El Diario")
    ev = store.table_rows("events")[0]
    assert ev["date_value"] == "2023-05-08"  # "on Monday" before Wednesday 10 May


def test_bad_files_are_recorded_and_the_batch_goes_on(store, tmp_path: Path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "junk.txt").write_bytes(b"\x00\xff\x00" * 100)
    report = build([str(tmp_path), str(tmp_path / "nope.txt")], store)
    assert len(report.stored) == 1 and len(report.errors) == 3
    assert {e["code"] for e in store.errors()} == {"E104", "E103", "E101"}


def test_same_article_in_two_files_is_one_document(store, tmp_path: Path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(GOOD, encoding="utf-8")
    report = build([str(tmp_path)], store)
    assert len(report.stored) == 1 and len(report.skipped) == 1
    assert len(store.documents()) == 1 and len(store.sources()) == 2


def test_unknown_engine_is_a_clear_error(store):
    with pytest.raises(BadOption):
        build([], store, engine="spark")
