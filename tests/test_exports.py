"""Exports researchers hand on: JSON, CSV, FollowTheMoney (validated by the library), PLOVER, HTML, PDF."""

import csv
import io
import json

from followthemoney import model

from casetrail.casefile.assemble import find_person
from casetrail.exports.run import export_bytes


def _kim(store):
    return [find_person(store, "Kim Sok")["id"]]


def test_ftm_export_validates_with_the_library(seeds_store):
    lines = export_bytes(seeds_store, None, "ftm").decode().splitlines()
    entities = [json.loads(line) for line in lines]
    ids = {e["id"] for e in entities}
    assert len(ids) == len(entities)  # each entity once
    schemata = {e["schema"] for e in entities}
    assert {"Person", "Article", "Event", "CourtCase", "CourtCaseParty"} <= schemata
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)
        for prop, values in data["properties"].items():
            p = proxy.schema.get(prop)
            assert p is not None, (data["schema"], prop)
            for v in values:
                if p.type.name == "entity":
                    assert v in ids, (prop, v)  # every reference resolves inside the export
                else:
                    assert p.type.validate(v), (data["schema"], prop, v)
    event = next(e for e in entities if e["schema"] == "Event" and "Sentence" in e["properties"]["name"][0])
    assert event["properties"]["proof"] and event["properties"]["involved"]


def test_plover_records(seeds_store):
    recs = json.loads(export_bytes(seeds_store, _kim(seeds_store), "plover"))
    warrant = next(r for r in recs if r["casetrail_type"] == "WARRANT")
    assert (warrant["event"], warrant["mode"]) == ("THREATEN", "arrest")
    assert all(r["recipient"] == "Kim Sok" and r["text"] for r in recs)
    assert {r["huridocs"] for r in recs} >= {"Arrest warrant", "Sentence"}


def test_csv_and_json(seeds_store):
    rows = list(csv.DictReader(io.StringIO(export_bytes(seeds_store, _kim(seeds_store), "csv").decode())))
    assert rows and all(r["sources"] and r["evidence"] for r in rows)
    quotes = list(csv.DictReader(io.StringIO(export_bytes(seeds_store, _kim(seeds_store), "csv", "quotes").decode())))
    assert any(r["quote"].startswith("I know Hun Sen") for r in quotes)
    data = json.loads(export_bytes(seeds_store, _kim(seeds_store), "json"))
    assert data["name"] == "Kim Sok"


def test_printable_html_and_pdf_with_numbered_citations(seeds_store, tmp_path):
    html = export_bytes(seeds_store, _kim(seeds_store), "html").decode()
    assert "<sup>1" in html and '<ol class="notes">' in html
    pdf = export_bytes(seeds_store, _kim(seeds_store), "pdf")
    assert pdf.startswith(b"%PDF")
    (tmp_path / "kim.pdf").write_bytes(pdf)
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(str(tmp_path / "kim.pdf")).pages)
    assert "Kim Sok" in text and "Notes" in text and "Phnom Penh Post" in text
