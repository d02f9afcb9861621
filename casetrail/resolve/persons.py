"""One identity per person (and organisation) across articles, added to incrementally.

Each local entity (one person in one article) is matched to a global entity through a key index:

* a full name ("Kim Sok", "SokEy San" = "Sok Eysan") matches the same full name, token order kept;
* a person known in an article only by one word ("Sokha") joins a person whose conventional second
  reference that word is *only* when context agrees: a person co-mentioned in both, or a shared role
  word. A shared family token never merges ("Hun Sen" / "Hun Many");
* an organisation matches by name or acronym ("CNRP" = "Cambodia National Rescue Party").

New articles only touch their own local entities, so adding one article to a large store is cheap;
every entity a new article touches is marked stale so its case file is recomputed.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, insert, select, update

from casetrail.ingest.document import stable_id
from casetrail.store import schema as t
from casetrail.store.store import Store, now
from casetrail.values.names import name_key, parse_name, split_camel, token_key

ROLE_STOP = frozenset("the a an of for at in and former deputy vice acting".split())


def person_keys(name: str, aliases: list[str]) -> dict[str, list[str]]:
    """Index keys of a local person: full-name keys, second-reference keys, single-name keys."""
    full: set[str] = set()
    refs: set[str] = set()
    singles: set[str] = set()
    for surface in [name, *aliases]:
        parsed = parse_name(surface)
        if not parsed.tokens:
            continue
        if len(parsed.tokens) >= 2 or len(split_camel(parsed.tokens[0])) >= 2:
            full.add(name_key(parsed.full))
            for key, rank in parsed.reference_keys().items():
                if rank == 2:
                    refs.add(key)
        else:
            singles.add(token_key(parsed.tokens[0]))
    if full:
        singles = set()
    return {"full": sorted(full), "ref": sorted(refs), "single": sorted(singles)}


def org_keys(name: str, aliases: list[str]) -> list[str]:
    """Index keys of an organisation: each name and alias, articles and punctuation ignored."""
    out = set()
    for surface in [name, *aliases]:
        s = re.sub(r"^(the)\s+", "", surface.strip(), flags=re.I)
        key = re.sub(r"[\W_]+", "", s.lower())
        if key:
            out.add(key)
    return sorted(out)


def role_words(roles: list[dict[str, Any]]) -> set[str]:
    words: set[str] = set()
    for r in roles:
        words.update(w for w in re.findall(r"[a-z]+", r.get("role", "").lower()) if w not in ROLE_STOP)
    return words


class Resolver:
    """Resolves the store's pending local entities (see module docstring)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def resolve_pending(self) -> set[str]:
        """Give every unresolved local entity a global identity; returns the entity ids touched."""
        touched: set[str] = set()
        with self.store.transaction() as conn:
            pending = [dict(r) for r in conn.execute(
                select(t.local_entities).where(t.local_entities.c.entity_id.is_(None))
                .order_by(t.local_entities.c.doc_id, t.local_entities.c.idx)).mappings().all()]
            # full names first, so one-word references find the people they refer to
            pending.sort(key=lambda r: (r["label"] != "PERSON", len(parse_name(r["name"]).tokens) < 2))
            doc_people: dict[str, list[str]] = {}
            for local in pending:
                if local["label"] not in ("PERSON", "ORG"):
                    continue
                eid = self._resolve_one(conn, local, doc_people)
                conn.execute(update(t.local_entities).where(t.local_entities.c.id == local["id"])
                             .values(entity_id=eid))
                doc_people.setdefault(local["doc_id"], []).append(eid)
                touched.add(eid)
            self.store.mark_stale(conn, touched)
            people = [dict(r) for r in conn.execute(select(t.entities).where(t.entities.c.id.in_(sorted(touched))))
                      .mappings().all()]
            self.store.reindex_people(conn, people)
        return touched

    def _lookup(self, conn: Connection, keys: list[str]) -> list[str]:
        if not keys:
            return []
        rows = conn.execute(select(t.entity_keys.c.entity_id, t.entity_keys.c.key)
                            .where(t.entity_keys.c.key.in_(keys))).all()
        ids: list[str] = []
        for r in rows:
            if r[0] not in ids:
                ids.append(r[0])
        return ids

    def _resolve_one(self, conn: Connection, local: dict[str, Any], doc_people: dict[str, list[str]]) -> str:
        if local["label"] == "ORG":
            keys = [f"o:{k}" for k in org_keys(local["name"], local["aliases"])]
            hits = self._lookup(conn, keys)
            eid = hits[0] if hits else self._create(conn, "ORG", local, keys[0] if keys else local["id"])
            self._absorb(conn, eid, local, keys)
            return eid
        keys = person_keys(local["name"], local["aliases"])
        full = [f"p:full:{k}" for k in keys["full"]]
        refs = [f"p:ref:{k}" for k in keys["ref"]]
        singles = [f"p:single:{k}" for k in keys["single"]]
        hits = self._lookup(conn, full)
        eid: str | None = hits[0] if hits else None
        if eid is None and full:
            # an earlier article knew this person by one word only: adopt it when context agrees
            orphans = self._lookup(conn, [f"p:single:{k}" for k in keys["ref"]])
            eid = self._with_context(conn, orphans, local, doc_people)
        if eid is None and singles:
            cands = self._lookup(conn, [f"p:ref:{k}" for k in keys["single"]] + singles)
            eid = self._with_context(conn, cands, local, doc_people)
        if eid is None:
            primary = (full or singles or [f"p:single:{local['id']}"])[0]
            eid = self._create(conn, "PERSON", local, primary)
        self._absorb(conn, eid, local, full + refs + singles)
        return eid

    def _with_context(self, conn: Connection, cands: list[str], local: dict[str, Any],
                      doc_people: dict[str, list[str]]) -> str | None:
        """The one candidate that shares context with the local entity (co-mentioned person or role)."""
        if not cands:
            return None
        mine_roles = role_words(local["roles"])
        co_here = set(doc_people.get(local["doc_id"], [])) | self._co_mentioned(conn, [local["doc_id"]])
        fitting = []
        for eid in cands:
            ent = conn.execute(select(t.entities).where(t.entities.c.id == eid)).mappings().first()
            if ent is None:
                continue
            docs = [r[0] for r in conn.execute(select(t.local_entities.c.doc_id)
                                               .where(t.local_entities.c.entity_id == eid)).all()]
            co_there = self._co_mentioned(conn, docs) - {eid}
            shared_people = (co_here - {eid}) & co_there
            shared_roles = mine_roles & role_words(ent["roles"])
            if shared_people or shared_roles:
                fitting.append(eid)
        return fitting[0] if len(fitting) == 1 else None

    @staticmethod
    def _co_mentioned(conn: Connection, doc_ids: list[str]) -> set[str]:
        rows = conn.execute(select(t.local_entities.c.entity_id).where(
            t.local_entities.c.doc_id.in_(doc_ids), t.local_entities.c.label == "PERSON",
            t.local_entities.c.entity_id.is_not(None))).all()
        return {r[0] for r in rows}

    @staticmethod
    def _create(conn: Connection, kind: str, local: dict[str, Any], primary_key: str) -> str:
        eid = stable_id(kind, primary_key)
        exists = conn.execute(select(t.entities.c.id).where(t.entities.c.id == eid)).first()
        if exists is None:
            conn.execute(insert(t.entities).values(id=eid, type=kind, name=local["name"], aliases=[], roles=[],
                                                   gender=local.get("gender"), stale=True, updated_at=now()))
        return eid

    @staticmethod
    def _absorb(conn: Connection, eid: str, local: dict[str, Any], keys: list[str]) -> None:
        """Add a local entity's names, roles and keys to its global entity."""
        ent = conn.execute(select(t.entities).where(t.entities.c.id == eid)).mappings().first()
        assert ent is not None
        aliases = list(ent["aliases"])
        for a in [local["name"], *local["aliases"]]:
            if a not in aliases:
                aliases.append(a)
        roles = list(ent["roles"])
        for r in local["roles"]:
            rec = {"role": r["role"], "affiliations": r.get("affiliations", []), "doc_id": local["doc_id"],
                   "start": r.get("start"), "end": r.get("end")}
            if not any(x["role"] == rec["role"] and x["doc_id"] == rec["doc_id"] for x in roles):
                roles.append(rec)
        name = ent["name"]
        if len(parse_name(local["name"]).tokens) > len(parse_name(name).tokens):
            name = local["name"]  # "Sokha" known first, "Kem Sokha" later: the full name wins
        conn.execute(update(t.entities).where(t.entities.c.id == eid).values(
            name=name, aliases=aliases, roles=roles, gender=ent["gender"] or local.get("gender"), stale=True,
            updated_at=now()))
        have = {r[0] for r in conn.execute(select(t.entity_keys.c.key).where(t.entity_keys.c.entity_id == eid))}
        new = [k for k in dict.fromkeys(keys) if k not in have]
        if new:
            conn.execute(insert(t.entity_keys), [{"key": k, "entity_id": eid} for k in new])
