"""The store: migrations in code, idempotent writes, provenance on every row, full-text search."""

from datetime import date
from pathlib import Path

from sqlalchemy import text

from casetrail.ingest.document import prepare
from casetrail.ingest.readers import RawArticle
from casetrail.nlp.extract import extract
from casetrail.store import schema
from casetrail.store.store import Store, normalise_url

TEXT = ("Police arrested blogger Ana Ruiz in Madrid on Monday.\n\n"
        "“We demand her release,” union chair Tomas Ortega said.")


def _result(nlp):
    raw = RawArticle(name="ruiz", text=TEXT, original=TEXT, source="ruiz.txt", format="txt")
    art = prepare(raw, published=date(2023, 5, 8), outlet="El Diario")
    (res,) = list(extract(nlp, [art], "md"))
    return res


def test_migrations_reach_the_latest_version_and_are_idempotent(tmp_path: Path):
    s = Store(str(tmp_path / "a.db"))
    assert s.version == len(schema.MIGRATIONS)
    s.close()
    s2 = Store(str(tmp_path / "a.db"))  # re-opening migrates nothing
    assert s2.version == len(schema.MIGRATIONS)
    with s2.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_urls_and_paths():
    assert normalise_url("x.db") == "sqlite:///x.db"
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///:memory:") == "sqlite:///:memory:"


def test_writing_the_same_result_twice_changes_nothing(store, nlp):
    res = _result(nlp)
    store.write_result(res)
    first = store.dump()
    store.write_result(res)
    second = store.dump()
    for table in ("documents", "mentions", "quotes", "claims", "events", "local_entities"):
        strip = lambda rows: [{k: v for k, v in r.items() if k != "created_at"} for r in rows]  # noqa: E731
        assert strip(first[table]) == strip(second[table]), table


def test_every_row_keeps_provenance_and_the_original_is_verbatim(store, nlp):
    res = _result(nlp)
    store.write_result(res)
    doc = store.document(res.article.id)
    assert doc["original"] == TEXT and doc["published"] == "2023-05-08" and doc["outlet"] == "El Diario"
    for ev in store.table_rows("events"):
        for e in ev["evidence"]:
            assert doc["text"][e["text_start"]:e["text_end"]] == e["sentence"]
    for q in store.table_rows("quotes"):
        assert doc["text"][q["text_start"]:q["text_end"]] == q["text"]
    ev = store.table_rows("events")[0]
    assert (ev["type"], ev["date_value"], ev["date_precision"]) == ("ARREST", "2023-05-08", "day")


def test_full_text_search(store, nlp):
    store.write_result(_result(nlp))
    kinds = {r["kind"] for r in store.search("release")}
    assert {"article", "quote"} <= kinds
    assert store.search("") == []


def test_migration_5_brings_a_store_of_version_4_to_review(tmp_path: Path):
    """A store from before review: the machine's identity is copied from the resolved one, the review tables
    appear, and nothing extracted changes."""
    from casetrail.build import build

    (tmp_path / "a.txt").write_text("Police arrested the blogger Ana Ruiz on 1 March 2021, her lawyer said.",
                                    encoding="utf-8")
    path = str(tmp_path / "old.db")
    s = Store(path)
    build([str(tmp_path / "a.txt")], s)
    before = {r["id"]: r["entity_id"] for r in s.table_rows("local_entities")}
    with s.transaction() as conn:
        for table in ("users", "sessions", "reviews", "corrections", "audit_log"):
            conn.execute(text(f"DROP TABLE {table}"))
        for index in ("ix_local_entities_machine_entity_id", "ix_entities_merged_into", "ix_entities_origin"):
            conn.execute(text(f"DROP INDEX {index}"))
        conn.execute(text("ALTER TABLE local_entities DROP COLUMN machine_entity_id"))
        conn.execute(text("ALTER TABLE entities DROP COLUMN merged_into"))
        conn.execute(text("ALTER TABLE entities DROP COLUMN origin"))
        conn.execute(text("UPDATE casetrail_meta SET value = '4' WHERE key = 'schema_version'"))
    s.close()
    s = Store(path)
    assert s.version == len(schema.MIGRATIONS)
    rows = s.table_rows("local_entities")
    assert {r["id"]: r["entity_id"] for r in rows} == before
    assert all(r["machine_entity_id"] == r["entity_id"] for r in rows)
    assert s.table_rows("reviews") == [] and s.table_rows("audit_log") == []
    s.close()


def test_a_batch_is_written_as_the_same_rows_as_one_document_after_another(tmp_path: Path, nlp):
    texts = {f"case{i}": f"Police detained the poet {name} in Tampere on Friday, his lawyer said."
             for i, name in enumerate(("Lauri Arvonen", "Oskari Haapala", "Veikko Rinne"))}
    arts = [prepare(RawArticle(name=n, text=t, original=t, source=f"{n}.txt", format="txt"),
                    published=date(2021, 3, 8)) for n, t in texts.items()]
    results = list(extract(nlp, arts, "md"))
    one, many = Store(str(tmp_path / "one.db")), Store(str(tmp_path / "many.db"))
    for res in results:
        one.write_result(res)
    many.write_results([results[0], *results, results[1]])  # copies in a batch: written once
    strip = lambda rows: sorted(({k: v for k, v in r.items() if k != "created_at"} for r in rows),  # noqa: E731
                                key=lambda r: str(r.get("id") or r.get("source")))
    a, b = one.dump(), many.dump()
    for table in ("documents", "document_sources", "mentions", "quotes", "claims", "events", "local_entities"):
        assert strip(a[table]) == strip(b[table]), table
    assert len(b["documents"]) == 3 and b["events"]
    assert [r["ref"] for r in many.search("Tampere")] and len(many.search("Tampere")) == len(one.search("Tampere"))


def test_executemany_updates_each_row_with_its_own_values(store):
    """The bulk path hands the driver one compiled statement: every row gets its own values, a parameter
    used twice is filled twice, and rows not named are left alone."""
    from sqlalchemy import bindparam, insert, select, update

    from casetrail.store.store import executemany

    rows = [{"id": f"k{i}", "doc_id": "d", "idx": i, "name": f"N{i}", "label": "PERSON", "aliases": [], "roles": []}
            for i in range(5)]
    with store.transaction() as conn:
        conn.execute(insert(schema.local_entities), rows)
        executemany(conn, update(schema.local_entities).where(schema.local_entities.c.id == bindparam("lid"))
                    .values(entity_id=bindparam("eid"), machine_entity_id=bindparam("eid")),
                    [{"lid": "k1", "eid": "e-one"}, {"lid": "k3", "eid": "e-three"}])
        executemany(conn, update(schema.local_entities).values(name="never"), [])  # nothing to do
        got = {r.id: (r.entity_id, r.machine_entity_id, r.name)
               for r in conn.execute(select(schema.local_entities))}
    assert got == {"k0": (None, None, "N0"), "k1": ("e-one", "e-one", "N1"), "k2": (None, None, "N2"),
                   "k3": ("e-three", "e-three", "N3"), "k4": (None, None, "N4")}
