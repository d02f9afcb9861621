"""The one storage wrapper: SQLAlchemy over SQLite (one file, WAL) by default, PostgreSQL by URL.

Writes are per document and transactional: a document and everything extracted from it land
together or not at all, so a crashed batch re-runs safely, and ids are hashes of their parts, so
re-running writes nothing new. Readers (the CLI, the web app) see committed data only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select, text, update
from sqlalchemy.sql.base import Executable

from casetrail.casefile.sources import fingerprint, outlet_from_text, wire_of
from casetrail.errors import CasetrailError, StoreError
from casetrail.ingest.document import stable_id
from casetrail.nlp.extract import DocResult
from casetrail.store import schema as t

DEFAULT_DB = "casetrail.db"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def executemany(conn: Connection, stmt: Executable, rows: list[dict[str, Any]]) -> None:
    """One statement for many rows of bound parameters, compiled once and handed to the driver whole.
    SQLAlchemy's own executemany of an UPDATE builds each row's parameters through its compiler, which
    for the thousands of mentions a build links cost more than the database's work. The values reach the
    driver as they are: for columns of strings and numbers only (a JSON column's values would not be
    serialised)."""
    if not rows:
        return
    compiled = stmt.compile(dialect=conn.dialect)
    if compiled.positional:
        names = compiled.positiontup or []
        conn.exec_driver_sql(compiled.string, [tuple(r[n] for n in names) for r in rows])
    else:
        conn.exec_driver_sql(compiled.string, rows)


def normalise_url(url: str | None) -> str:
    """A SQLAlchemy URL from a URL or a plain file path (default: ./casetrail.db)."""
    url = url or DEFAULT_DB
    if "://" in url:
        if url.startswith("postgresql://"):
            return "postgresql+psycopg://" + url[len("postgresql://"):]
        return url
    return f"sqlite:///{Path(url).expanduser()}"


def search_rowid(kind: str, ref: str) -> int:
    """A stable 56-bit row id for a full-text row (kind and reference hashed)."""
    return int(hashlib.blake2b(f"{kind}:{ref}".encode(), digest_size=7).hexdigest(), 16)


def local_id(doc_id: str, index: int | None) -> str | None:
    """Id of a document's local entity by its index (None stays None)."""
    return None if index is None else stable_id(doc_id, "entity", index)


class Store:
    """Connection, migrations and every read and write casetrail makes."""

    def __init__(self, url: str | None = None, *, echo: bool = False) -> None:
        self.url = normalise_url(url)
        try:
            self.engine: Engine = create_engine(self.url, echo=echo, future=True,
                                                connect_args={"timeout": 30} if self.is_sqlite else {})
        except Exception as exc:
            raise StoreError(f"cannot open store '{url}': {exc}") from exc
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            with self.engine.begin() as conn:
                self.version = t.migrate(conn)
        except Exception as exc:
            raise StoreError(f"cannot open store '{url}': {exc.__class__.__name__}: {exc}") from exc

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: commits on success, rolls back on any error."""
        with self.engine.begin() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()

    # -- documents ---------------------------------------------------------------------------
    def has_document(self, doc_id: str, version: str | None = None) -> bool:
        """True when the document is stored (and was extracted by ``version``, when given)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(t.documents.c.version).where(t.documents.c.id == doc_id)).first()
        return row is not None and (version is None or row[0] == version)

    def add_source(self, source: str, doc_id: str, name: str) -> None:
        """Remember that ``source`` holds document ``doc_id`` (several files may hold one article)."""
        with self.transaction() as conn:
            conn.execute(delete(t.document_sources).where(t.document_sources.c.source == source))
            conn.execute(insert(t.document_sources).values(source=source, doc_id=doc_id, name=name))

    def record_error(self, err: CasetrailError) -> None:
        """Keep one bad input's reason, so the batch report and later runs can show it."""
        eid = stable_id(err.path, err.code, err.message)
        with self.transaction() as conn:
            conn.execute(delete(t.ingest_errors).where(t.ingest_errors.c.id == eid))
            conn.execute(insert(t.ingest_errors).values(id=eid, source=err.path, code=err.code,
                                                        message=err.message, created_at=now()))

    def clear_error(self, source: str) -> None:
        with self.transaction() as conn:
            conn.execute(delete(t.ingest_errors).where(t.ingest_errors.c.source == source))

    def write_result(self, res: DocResult) -> None:
        """Store one document and everything extracted from it, in one transaction (idempotent)."""
        self.write_results([res])

    def write_results(self, results: list[DocResult]) -> None:
        """Store several documents in one transaction: each lands whole, all of them or none (idempotent).
        Rows go in one statement per table for the whole batch; a document twice in it is written once, as
        its last copy (what writing them one after the other would leave)."""
        last = {res.article.id: res for res in results}
        batch = list(last.values())
        if not batch:
            return
        with self.transaction() as conn:
            ids = list(last)
            stored = {r[0] for r in conn.execute(select(t.documents.c.id).where(t.documents.c.id.in_(ids)))}
            for did in ids:
                if did in stored:  # re-extraction (a new extractor version): replace everything of it
                    self._delete_document(conn, did)
            sources = list(dict.fromkeys(r.article.source for r in results))
            conn.execute(delete(t.document_sources).where(t.document_sources.c.source.in_(sources)))
            tables: dict[Any, list[dict[str, Any]]] = {}
            search: list[tuple[str, str, str, str, str]] = []
            by_source: dict[str, dict[str, Any]] = {}
            for res in batch:
                art = res.article
                tables.setdefault(t.documents, []).append(self._document_row(res))
                by_source[art.source] = {"source": art.source, "doc_id": art.id, "name": art.name}
                rows, found = self._children_rows(res)
                for table, items in rows.items():
                    tables.setdefault(table, []).extend(items)
                search.extend(found)
                search.append(("article", art.id, art.id, art.title or art.name, art.body))
            for res in results:  # a file that held another document of this batch is that one's copy
                by_source.setdefault(res.article.source, {"source": res.article.source,
                                                          "doc_id": res.article.id, "name": res.article.name})
            tables[t.document_sources] = list(by_source.values())
            for table in (t.documents, t.document_sources, t.local_entities, t.mentions, t.quotes, t.claims,
                          t.events):
                if tables.get(table):
                    conn.execute(insert(table), tables[table])
            self._index_many(conn, search)
            conn.execute(delete(t.ingest_errors).where(t.ingest_errors.c.source.in_(sources)))

    def _delete_document(self, conn: Connection, did: str) -> None:
        self._delete_search(conn, did)
        for table in (t.mentions, t.quotes, t.claims, t.events, t.local_entities):
            conn.execute(delete(table).where(table.c.doc_id == did))
        conn.execute(delete(t.documents).where(t.documents.c.id == did))

    @staticmethod
    def _document_row(res: DocResult) -> dict[str, Any]:
        art = res.article
        return dict(
            id=art.id, name=art.name, source=art.source, format=art.format, url=art.url, title=art.title,
            outlet=art.outlet, published=art.published.isoformat() if art.published else None,
            original=art.original, text=art.text, body=art.body, offsets=art.offsets.to_json(),
            dropped=[list(d) for d in art.dropped], model=res.model, version=res.version, created_at=now(),
            error_code=res.error.code if res.error else None, error=res.error.message if res.error else None,
            fingerprint=fingerprint(art.body), outlet_inferred=None if art.outlet else outlet_from_text(art.body),
            pages=art.pages, wire=wire_of(art.body, art.dropped))

    def _write_children(self, conn: Connection, res: DocResult) -> list[tuple[str, str, str, str, str]]:
        """Insert a document's extracted rows; returns the full-text rows to index with them."""
        rows, search_rows = self._children_rows(res)
        for table, items in rows.items():
            if items:
                conn.execute(insert(table), items)
        return search_rows

    @staticmethod
    def _children_rows(res: DocResult) -> tuple[dict[Any, list[dict[str, Any]]], list[tuple[str, str, str, str, str]]]:
        """A document's extracted rows per table, and the full-text rows to index with them."""
        did = res.article.id
        search_rows: list[tuple[str, str, str, str, str]] = []
        lid = lambda i: local_id(did, i)  # noqa: E731
        out: dict[Any, list[dict[str, Any]]] = {}
        out[t.local_entities] = [
            {"id": lid(e["index"]), "doc_id": did, "idx": e["index"], "label": e["label"], "name": e["name"],
             "aliases": e["aliases"], "roles": e["roles"], "gender": e["gender"], "name_order": e["order"],
             "titles": e["titles"], "political": e.get("political_context", []), "entity_id": None}
            for e in res.entities]
        out[t.mentions] = [
            {"id": stable_id(did, "mention", i), "doc_id": did, "local_id": lid(m["entity"]),
             "start": m["start"], "end": m["end"], "text_start": m["text_start"], "text_end": m["text_end"],
             "text": m["text"], "label": m["label"], "how": m["how"]} for i, m in enumerate(res.mentions)]
        qid = lambda i: stable_id(did, "quote", i)  # noqa: E731
        cid = lambda i: stable_id(did, "claim", i)  # noqa: E731
        eid = lambda i: stable_id(did, "event", i)  # noqa: E731
        out[t.quotes] = [
            {"id": qid(i), "doc_id": did, "idx": i, "start": q["start"], "end": q["end"],
             "text_start": q["text_start"], "text_end": q["text_end"], "text": q["text"],
             "paragraph": q["paragraph"], "speaker_local": lid(q["speaker"]), "speaker_text": q["speaker_text"],
             "how": q["how"], "grp": q["group"], "sentence": q["sentence"], "role": q["role"], "kind": q["kind"],
             "page": q.get("page")}
            for i, q in enumerate(res.quotes)]
        names = {e["index"]: e["name"] for e in res.entities}
        for i, q in enumerate(res.quotes):
            if q["kind"] == "speech":
                speaker = names.get(q["speaker"]) if q["speaker"] is not None else q.get("speaker_text")
                search_rows.append(("quote", qid(i), did, speaker or "unattributed", q["text"]))
        out[t.claims] = [
            {"id": cid(i), "doc_id": did, "idx": i, "start": c["start"], "end": c["end"],
             "text_start": c["text_start"], "text_end": c["text_end"], "speaker_local": lid(c["speaker"]),
             "speaker_text": c["speaker_text"], "verb": c["verb"], "content": c["content"],
             "stance": c["stance"], "sentence": c["sentence"], "paragraph": c["paragraph"],
             "target": c["target"], "about_local": lid(c["about"]),
             "target_claims": [cid(j) for j in c["target_claims"]],
             "target_quotes": [qid(j) for j in c["target_quotes"]],
             "target_events": [eid(j) for j in c["target_events"]], "page": c.get("page")}
            for i, c in enumerate(res.claims)]
        rows = []
        for i, ev in enumerate(res.events):
            d = ev.get("date") or {}
            rows.append({
                "id": eid(i), "doc_id": did, "idx": i, "type": ev["type"], "subject_local": lid(ev["subject"]),
                "subject_text": ev["subject_text"], "agent": ev["agent"], "agent_local": lid(ev["agent_entity"]),
                "status": ev["status"], "claimed_by_local": lid(ev["claimed_by"]), "date_text": ev["date_text"],
                "date_value": d.get("value"), "date_precision": d.get("precision"),
                "date_basis": d.get("basis"), "date_approx": d.get("approximate"),
                "attributes": ev["attributes"],
                "evidence": [dict(e, claimed_by=lid(e.get("claimed_by"))) for e in ev["evidence"]],
                "trigger": ev["trigger"],
                "in_quote": ev["in_quote"]})
            search_rows.append(("event", eid(i), did, f"{ev['type']} — {ev['subject_text'] or 'unknown'}",
                                " ".join(e["sentence"] for e in ev["evidence"])))
        out[t.events] = rows
        return out, search_rows

    # -- full-text search ---------------------------------------------------------------------
    def _index_many(self, conn: Connection, rows: list[tuple[str, str, str, str, str]]) -> None:
        """Add (kind, ref, doc id, title, body) rows to the full-text index in one statement."""
        if not rows:
            return
        params = [{"id": search_rowid(k, r), "k": k, "r": r, "d": d, "t": t, "b": b} for k, r, d, t, b in rows]
        if self.is_sqlite:  # FTS5 rows get a rowid derived from what they index, so deletes need no scan
            conn.execute(text("INSERT INTO search_index (rowid, kind, ref, doc_id, title, body) "
                              "VALUES (:id, :k, :r, :d, :t, :b)"), params)
        else:
            conn.execute(text("INSERT INTO search_index (kind, ref, doc_id, title, body) "
                              "VALUES (:k, :r, :d, :t, :b)"), params)

    def _unindex(self, conn: Connection, kind: str, refs: list[str]) -> None:
        if not refs:
            return
        if self.is_sqlite:
            ids = ",".join(str(search_rowid(kind, r)) for r in refs)
            conn.execute(text(f"DELETE FROM search_index WHERE rowid IN ({ids})"))
        else:
            conn.execute(text("DELETE FROM search_index WHERE kind = :k AND ref = ANY(:r)"), {"k": kind, "r": refs})

    def _delete_search(self, conn: Connection, doc_id: str) -> None:
        self._unindex(conn, "article", [doc_id])
        for kind, table in (("quote", t.quotes), ("event", t.events)):
            self._unindex(conn, kind, [r[0] for r in conn.execute(select(table.c.id).where(table.c.doc_id == doc_id))])

    def reindex_people(self, conn: Connection, people: list[dict[str, Any]]) -> None:
        """Refresh the search rows of people (after resolution changed their names or aliases)."""
        self._unindex(conn, "person", [p["id"] for p in people])
        self._index_many(conn, [("person", p["id"], "", p["name"], " ".join(p["aliases"])) for p in people])

    def search(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Full-text search: (kind, ref, doc_id, title, snippet) rows, best first."""
        words = [w for w in "".join(c if c.isalnum() else " " for c in query).split() if w]
        if not words:
            return []
        with self.engine.connect() as conn:
            if self.is_sqlite:
                match = " ".join(f'"{w}"' for w in words)
                rows = conn.execute(text(
                    "SELECT kind, ref, doc_id, title, snippet(search_index, 4, '[', ']', ' … ', 12) AS snip "
                    "FROM search_index WHERE search_index MATCH :q ORDER BY rank LIMIT :n"),
                    {"q": match, "n": limit}).mappings().all()
            else:
                rows = conn.execute(text(
                    "SELECT kind, ref, doc_id, title, ts_headline('english', body, q, "
                    "'StartSel=[,StopSel=],MaxWords=24') AS snip FROM search_index, "
                    "plainto_tsquery('english', :q) q WHERE to_tsvector('english', coalesce(title,'') || ' ' || "
                    "coalesce(body,'')) @@ q ORDER BY ts_rank(to_tsvector('english', coalesce(title,'') || ' ' || "
                    "coalesce(body,'')), q) DESC LIMIT :n"), {"q": " ".join(words), "n": limit}).mappings().all()
        return [dict(r) for r in rows]

    # -- reads -------------------------------------------------------------------------------
    def rows(self, stmt: Any) -> list[dict[str, Any]]:
        """Run a select and return plain dicts."""
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(stmt).mappings().all()]

    def documents(self, ids: list[str] | None = None, with_text: bool = False) -> list[dict[str, Any]]:
        cols = [c for c in t.documents.c if with_text or c.name not in ("original", "text", "body", "offsets",
                                                                          "dropped")]
        stmt = select(*cols)
        if ids is not None:
            stmt = stmt.where(t.documents.c.id.in_(ids))
        return self.rows(stmt.order_by(t.documents.c.name))

    def document(self, doc_id: str) -> dict[str, Any] | None:
        found = self.documents([doc_id], with_text=True)
        return found[0] if found else None

    def sources(self) -> list[dict[str, Any]]:
        return self.rows(select(t.document_sources).order_by(t.document_sources.c.name))

    def errors(self) -> list[dict[str, Any]]:
        return self.rows(select(t.ingest_errors).order_by(t.ingest_errors.c.source))

    def counts(self) -> dict[str, int]:
        out = {}
        with self.engine.connect() as conn:
            for name in ("documents", "entities", "quotes", "claims", "events", "facts", "ingest_errors"):
                out[name] = conn.execute(select(func.count()).select_from(t.metadata.tables[name])).scalar_one()
        return out

    def entities_of(self, kind: str | None = None) -> list[dict[str, Any]]:
        """People (or all entities) as reviewed: a record a reviewer merged into another is left out."""
        stmt = select(t.entities).where(t.entities.c.merged_into.is_(None))
        if kind:
            stmt = stmt.where(t.entities.c.type == kind)
        return self.rows(stmt.order_by(t.entities.c.name))

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        found = self.rows(select(t.entities).where(t.entities.c.id == entity_id))
        return found[0] if found else None

    def local_entities_of(self, entity_id: str | None = None, doc_id: str | None = None) -> list[dict[str, Any]]:
        stmt = select(t.local_entities)
        if entity_id is not None:
            stmt = stmt.where(t.local_entities.c.entity_id == entity_id)
        if doc_id is not None:
            stmt = stmt.where(t.local_entities.c.doc_id == doc_id)
        return self.rows(stmt)

    def entities_for_locals(self, local_ids: set[str]) -> dict[str, tuple[str, str]]:
        """Local entity id -> (global entity id, name), for just the given local entities."""
        ids = sorted(i for i in local_ids if i)
        out: dict[str, tuple[str, str]] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 900):
                stmt = (select(t.local_entities.c.id, t.entities.c.id, t.entities.c.name)
                        .join(t.entities, t.entities.c.id == t.local_entities.c.entity_id)
                        .where(t.local_entities.c.id.in_(ids[start:start + 900])))
                out.update({r[0]: (r[1], r[2]) for r in conn.execute(stmt).all()})
        return out

    def local_to_entity(self) -> dict[str, str]:
        """Local entity id -> global entity id, for every resolved local entity."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.local_entities.c.id, t.local_entities.c.entity_id)
                                .where(t.local_entities.c.entity_id.is_not(None))).all()
        return {r[0]: r[1] for r in rows}

    def table_rows(self, name: str, where: dict[str, Any] | None = None,
                   in_: tuple[str, list[Any]] | None = None) -> list[dict[str, Any]]:
        """Rows of a table, filtered by equality and/or membership."""
        table = t.metadata.tables[name]
        stmt = select(table)
        for k, v in (where or {}).items():
            stmt = stmt.where(table.c[k] == v)
        if in_ is not None:
            stmt = stmt.where(table.c[in_[0]].in_(in_[1]))
        return self.rows(stmt)

    def mark_stale(self, conn: Connection, entity_ids: set[str]) -> None:
        if entity_ids:
            conn.execute(update(t.entities).where(t.entities.c.id.in_(sorted(entity_ids))).values(stale=True))

    def dump(self) -> dict[str, Any]:
        """Every table as JSON-safe rows (tests and debugging)."""
        out = {}
        for name, table in t.metadata.tables.items():
            out[name] = json.loads(json.dumps(self.rows(select(table)), default=str))
        return out


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers (serve) keep reading while a build writes
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()
