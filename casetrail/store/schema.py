"""Tables and migrations, in code. SQLite by default; the same tables on PostgreSQL.

Every row that comes from text keeps its provenance: the document id, offsets in the cleaned body
(``start``/``end``) and in the article text (``text_start``/``text_end``), and the sentence. Ids are
hashes of their parts, so writing the same extraction twice writes the same rows. ``MIGRATIONS`` is
append-only: migration *n* brings a store from version *n - 1* to *n*.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
    text,
)

metadata = MetaData()

meta = Table("casetrail_meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text))

documents = Table(
    "documents", metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("format", String(16), nullable=False),
    Column("url", Text), Column("title", Text), Column("outlet", Text), Column("published", String(10)),
    Column("original", Text, nullable=False),  # verbatim, as the user gave it
    Column("text", Text, nullable=False),  # the article text (for HTML: extracted by trafilatura)
    Column("body", Text, nullable=False),  # the cleaned body the extractors read
    Column("offsets", JSON, nullable=False),  # body -> text offset map
    Column("dropped", JSON, nullable=False),  # page furniture removed, with the reason
    Column("model", Text), Column("version", String(16)), Column("created_at", String(32)),
    Column("fingerprint", String(16)),  # SimHash of the body: copies of one story (added by migration 3)
    Column("outlet_inferred", Text),  # the outlet the article names itself ("told The Post")
    # why extraction failed, when it did: the document is kept, searchable, and retried by a new extractor
    Column("error_code", String(8)), Column("error", Text),  # (added by migration 4)
    Column("pages", JSON),  # paged documents (PDF, Word): where each page starts in ``text`` (migration 6)
    Column("wire", Text),  # the wire agency whose story this is, from the text's credits (migration 7)
)
document_sources = Table(
    "document_sources", metadata,
    Column("source", Text, primary_key=True),
    Column("doc_id", String(32), nullable=False, index=True),
    Column("name", Text, nullable=False),
)
ingest_errors = Table(
    "ingest_errors", metadata,
    Column("id", String(32), primary_key=True),
    Column("source", Text), Column("code", String(8)), Column("message", Text), Column("created_at", String(32)),
)
local_entities = Table(
    "local_entities", metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(32), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("label", String(8), nullable=False),
    Column("name", Text, nullable=False),
    Column("aliases", JSON, nullable=False), Column("roles", JSON, nullable=False),
    Column("gender", String(1)), Column("name_order", String(16)), Column("titles", JSON),
    Column("political", JSON),
    Column("entity_id", String(32), index=True),  # the cross-article identity, reviewers' merges applied
    Column("machine_entity_id", String(32), index=True),  # the identity resolution gave (added by migration 5)
)
mentions = Table(
    "mentions", metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(32), nullable=False, index=True),
    Column("local_id", String(32), index=True),
    Column("start", Integer), Column("end", Integer), Column("text_start", Integer), Column("text_end", Integer),
    Column("text", Text), Column("label", String(8)), Column("how", String(16)),
)
entities = Table(
    "entities", metadata,
    Column("id", String(32), primary_key=True),
    Column("type", String(8), nullable=False),
    Column("name", Text, nullable=False),
    Column("aliases", JSON, nullable=False), Column("roles", JSON, nullable=False),
    Column("gender", String(1)),
    Column("stale", Boolean, nullable=False, default=True),  # its case file needs recomputing
    Column("updated_at", String(32)),
    Column("merged_into", String(32), index=True),  # a reviewer merged this person into another (migration 5)
    Column("origin", String(16), index=True),  # NULL: resolution; "split": a reviewer split it off another person
)
entity_keys = Table(
    "entity_keys", metadata,
    Column("key", Text, primary_key=True),
    Column("entity_id", String(32), primary_key=True),
)
quotes = Table(
    "quotes", metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(32), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("start", Integer), Column("end", Integer), Column("text_start", Integer), Column("text_end", Integer),
    Column("text", Text, nullable=False), Column("paragraph", Integer),
    Column("speaker_local", String(32), index=True), Column("speaker_text", Text),
    Column("how", String(16)), Column("grp", Integer), Column("sentence", Text), Column("role", Text),
    Column("kind", String(16)),
    Column("page", Integer),  # the page of a paged document (migration 6)
)
claims = Table(
    "claims", metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(32), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("start", Integer), Column("end", Integer), Column("text_start", Integer), Column("text_end", Integer),
    Column("speaker_local", String(32), index=True), Column("speaker_text", Text),
    Column("verb", Text), Column("content", Text), Column("stance", String(8)),
    Column("sentence", Text), Column("paragraph", Integer),
    Column("target", Text), Column("about_local", String(32), index=True),
    Column("target_claims", JSON), Column("target_quotes", JSON), Column("target_events", JSON),
    Column("page", Integer),  # the page of a paged document (migration 6)
)
events = Table(
    "events", metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(32), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("type", String(32), nullable=False),
    Column("subject_local", String(32), index=True), Column("subject_text", Text),
    Column("agent", Text), Column("agent_local", String(32)),
    Column("status", String(16), nullable=False), Column("claimed_by_local", String(32)),
    Column("date_text", Text), Column("date_value", String(16)), Column("date_precision", String(8)),
    Column("date_basis", String(24)), Column("date_approx", Boolean),
    Column("attributes", JSON, nullable=False), Column("evidence", JSON, nullable=False),
    Column("trigger", Text), Column("in_quote", Boolean),
)
facts = Table(
    "facts", metadata,
    Column("id", String(32), primary_key=True),
    Column("entity_id", String(32), nullable=False, index=True),
    Column("type", String(32), nullable=False),
    Column("status", String(16)),
    Column("date_value", String(16)), Column("date_precision", String(8)), Column("date_text", Text),
    Column("sort_key", String(16)),
    Column("attributes", JSON, nullable=False),
    Column("event_ids", JSON, nullable=False), Column("doc_ids", JSON, nullable=False),
    Column("outlets", JSON, nullable=False), Column("independent_sources", Integer, nullable=False),
    Column("discrepancies", JSON, nullable=False),
    Column("persecution", Boolean), Column("confidence", Float),
)
Index("ix_events_type", events.c.type)

# -- review (migration 5): accounts, statuses, corrections and the audit log ---------------------------
# Corrections and statuses are their own records, keyed by the deterministic ids of what they concern
# and an anchor (document, offsets, text) to find it again after re-extraction; extraction rows are
# never edited, so re-ingesting an article or upgrading the extractor keeps every reviewer's work.
users = Table(
    "users", metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(16), nullable=False),  # viewer | editor | admin
    Column("password_hash", Text, nullable=False),  # argon2id
    Column("api_token_hash", String(64), index=True),  # sha256 of the user's token for scripts
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", String(32)),
)
sessions = Table(
    "sessions", metadata,
    Column("id", String(64), primary_key=True),  # sha256 of the cookie's secret (the secret is not stored)
    Column("user_name", String(64), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("created_at", String(32)), Column("expires_at", String(32), nullable=False),
)
reviews = Table(
    "reviews", metadata,
    Column("id", String(32), primary_key=True),  # hash of (kind, target id) when first reviewed
    Column("target_kind", String(8), nullable=False),
    Column("target_id", String(32), nullable=False),
    Column("entity_id", String(32), index=True),  # the person the item concerns (queue, audit per person)
    Column("doc_id", String(32), index=True),  # the article it is in (re-extraction re-checks these)
    Column("status", String(12), nullable=False),
    Column("note", Text), Column("reviewer", String(64)), Column("reviewed_at", String(32)),
    Column("anchor", JSON),  # what the target was: document, offsets, text (to find it after re-extraction)
    Column("orphan", Boolean, nullable=False, default=False),  # the target is gone after re-extraction
)
Index("ix_reviews_target", reviews.c.target_id, reviews.c.target_kind)
corrections = Table(
    "corrections", metadata,
    Column("id", String(32), primary_key=True),  # hash of what it corrects (one correction per target field)
    Column("kind", String(16), nullable=False),  # event | quote | person | merge | split | manual_fact
    Column("target_id", String(32), nullable=False),
    Column("field", String(24), nullable=False),
    Column("value", JSON),
    Column("value_ref", String(32), index=True),  # the person a value names (reassigned speaker, merge target)
    Column("entity_id", String(32), index=True),  # the person the correction concerns
    Column("doc_id", String(32), index=True),  # the article of its target, when it has one
    Column("anchor", JSON),
    Column("author", String(64)), Column("created_at", String(32)), Column("note", Text),
    Column("active", Boolean, nullable=False, default=True),  # revoked corrections are kept, inactive
    Column("orphan", Boolean, nullable=False, default=False),
)
Index("ix_corrections_target", corrections.c.target_id, corrections.c.kind)
audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("user_name", String(64)),
    Column("action", String(24), nullable=False),
    Column("target_kind", String(16)), Column("target_id", String(32), index=True),
    Column("entity_id", String(32), index=True),
    Column("before", JSON), Column("after", JSON), Column("note", Text),
)


# -- following the news (migration 7): sources, their fetch state, followed people and alerts ---------------
sources = Table(
    "sources", metadata,
    Column("id", String(32), primary_key=True),  # hash of the normalised URL
    Column("url", Text, nullable=False),
    Column("kind", String(16), nullable=False),  # feed | sitemap | site | page
    Column("endpoints", JSON, nullable=False),  # the URLs polled: the feed itself, or a site's feeds and sitemaps
    Column("every_s", Integer, nullable=False, default=1800),
    Column("added_at", String(32)), Column("added_by", String(64)),
    Column("active", Boolean, nullable=False, default=True),
    Column("last_fetched", String(32)), Column("last_new", String(32)), Column("next_due", String(32)),
    Column("last_status", String(16)), Column("error_code", String(8)), Column("error", Text),
    Column("articles", Integer, nullable=False, default=0),
)
fetch_state = Table(
    "fetch_state", metadata,
    Column("url", Text, primary_key=True),
    Column("source_id", String(32), index=True),
    Column("etag", Text), Column("last_modified", Text), Column("fetched_at", String(32)), Column("status", Integer),
)
follows = Table(
    "follows", metadata,
    Column("id", String(32), primary_key=True),  # hash of (user, person)
    Column("user_name", String(64), nullable=False, index=True),
    Column("entity_id", String(32), nullable=False, index=True),
    Column("name", Text), Column("created_at", String(32)),
    Column("known", JSON, nullable=False),  # what was already known of the person: only what comes after alerts
)
alerts = Table(
    "alerts", metadata,
    Column("id", String(32), primary_key=True),  # hash of (user, item): an item alerts each user once
    Column("user_name", String(64), nullable=False, index=True),
    Column("entity_id", String(32), index=True), Column("person", Text),
    Column("kind", String(16), nullable=False),  # fact | report | quote | discrepancy
    Column("item_id", Text, nullable=False),
    Column("summary", Text, nullable=False), Column("citation", JSON, nullable=False),
    Column("created_at", String(32), nullable=False, index=True),
    Column("webhook", String(16)), Column("mail", String(16)),  # delivery: None (not asked) | pending | sent | failed
    Column("attempts", Integer, nullable=False, default=0),
)
alert_settings = Table(
    "alert_settings", metadata,
    Column("user_name", String(64), primary_key=True),
    Column("feed_token_hash", String(64), index=True),  # sha256 of the token of the user's /alerts.atom
    Column("webhook_url", Text), Column("webhook_secret", Text), Column("email", Text),
    Column("last_visit", String(32)),  # "What's new" lists what came after it
)


def _v1(conn: Connection) -> None:
    metadata.create_all(conn, tables=[t for t in metadata.sorted_tables])
    # the columns migrations 3 and 4 add exist already in a store created now; they skip them


def _v2(conn: Connection) -> None:
    """Full-text search over articles, quotes and events (SQLite FTS5; PostgreSQL uses to_tsvector)."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5("
                          "kind UNINDEXED, ref UNINDEXED, doc_id UNINDEXED, title, body, tokenize='unicode61')"))
    else:
        conn.execute(text("CREATE TABLE IF NOT EXISTS search_index (kind VARCHAR(16), ref VARCHAR(64), "
                          "doc_id VARCHAR(32), title TEXT, body TEXT)"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_search_tsv ON search_index "
                          "USING gin (to_tsvector('english', coalesce(title,'') || ' ' || coalesce(body,'')))"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_search_doc ON search_index (doc_id)"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_search_ref ON search_index (kind, ref)"))


def _add_columns(conn: Connection, table: str, columns: dict[str, str]) -> None:
    """Add the columns a table lacks (a store created at the latest version has them already)."""
    have = {c["name"] for c in inspect(conn).get_columns(table)}
    for name, sql_type in columns.items():
        if name not in have:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}"))


def _v3(conn: Connection) -> None:
    """Per-document fingerprint (copies of one story) and the outlet the text names, kept at write time."""
    from casetrail.casefile.sources import fingerprint, outlet_from_text

    _add_columns(conn, "documents", {"fingerprint": "VARCHAR(16)", "outlet_inferred": "TEXT"})
    for row in conn.execute(select(documents.c.id, documents.c.body)).all():
        conn.execute(documents.update().where(documents.c.id == row[0]).values(
            fingerprint=fingerprint(row[1]), outlet_inferred=outlet_from_text(row[1])))


def _v4(conn: Connection) -> None:
    """A document whose extraction failed is kept with the error's code and reason."""
    _add_columns(conn, "documents", {"error_code": "VARCHAR(8)", "error": "TEXT"})


def _v5(conn: Connection) -> None:
    """Review: accounts, sessions, statuses, corrections, audit log; the machine's identity kept beside the
    reviewed one (``machine_entity_id``), so reviewers' merges and splits can be applied and undone."""
    _add_columns(conn, "local_entities", {"machine_entity_id": "VARCHAR(32)"})
    _add_columns(conn, "entities", {"merged_into": "VARCHAR(32)", "origin": "VARCHAR(16)"})
    conn.execute(local_entities.update().where(local_entities.c.machine_entity_id.is_(None))
                 .values(machine_entity_id=local_entities.c.entity_id))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_local_entities_machine_entity_id "
                      "ON local_entities (machine_entity_id)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_entities_merged_into ON entities (merged_into)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_entities_origin ON entities (origin)"))
    metadata.create_all(conn, tables=[users, sessions, reviews, corrections, audit_log], checkfirst=True)


def _v6(conn: Connection) -> None:
    """Paged documents: each page's start in a document's text, and the page of each quote and claim (an
    event's evidence keeps its page in its JSON)."""
    _add_columns(conn, "documents", {"pages": "JSON"})
    _add_columns(conn, "quotes", {"page": "INTEGER"})
    _add_columns(conn, "claims", {"page": "INTEGER"})


def _v7(conn: Connection) -> None:
    """Following the news: sources and their fetch state, followed people, alerts and how they are delivered;
    and each document's wire credit, so ten republications of one agency story are one source."""
    from casetrail.casefile.sources import wire_of

    metadata.create_all(conn, tables=[sources, fetch_state, follows, alerts, alert_settings], checkfirst=True)
    _add_columns(conn, "documents", {"wire": "TEXT"})
    for row in conn.execute(select(documents.c.id, documents.c.body, documents.c.dropped)).all():
        conn.execute(documents.update().where(documents.c.id == row[0]).values(wire=wire_of(row[1], row[2])))


MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7]


def current_version(conn: Connection) -> int:
    """The schema version of a store (0 for an empty database)."""
    meta.create(conn, checkfirst=True)
    row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0


def migrate(conn: Connection) -> int:
    """Bring the store to the latest schema; returns the version reached."""
    version = current_version(conn)
    for n, step in enumerate(MIGRATIONS, start=1):
        if n > version:
            step(conn)
            if version == 0 and n == 1:
                conn.execute(meta.insert().values(key="schema_version", value="1"))
            else:
                conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=str(n)))
            version = n
    return version
