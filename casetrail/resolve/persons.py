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

from sqlalchemy import Connection, bindparam, insert, select, update

from casetrail.ingest.document import stable_id
from casetrail.store import schema as t
from casetrail.store.store import Store, executemany, now
from casetrail.values.names import (
    NAME_SUFFIXES,
    loose_keys,
    name_key,
    other_given_name,
    parse_name,
    shortened_form,
    split_camel,
    token_key,
)

ROLE_STOP = frozenset("the a an of for at in and former deputy vice acting".split())


def person_keys(name: str, aliases: list[str]) -> dict[str, list[str]]:
    """Index keys of a local person: full-name keys, second-reference keys, single-name keys."""
    full: set[str] = set()
    refs: set[str] = set()
    singles: set[str] = set()
    loose: set[str] = set()
    runs: set[str] = set()
    for surface in [name, *aliases]:
        parsed = parse_name(surface)
        if not parsed.tokens:
            continue
        if len(parsed.tokens) >= 2 or len(split_camel(parsed.tokens[0])) >= 2:
            full.add(name_key(parsed.full))
            for key, rank in parsed.reference_keys().items():
                if rank == 2:
                    refs.add(key)
            whole, parts, cat = loose_keys(parsed.full)
            loose.update(k for k in (whole, f"cat {cat}" if cat else "") if k)
            runs.update(parts)
        else:
            singles.add(token_key(parsed.tokens[0]))
    if full:
        singles = set()
    return {"full": sorted(full), "ref": sorted(refs), "single": sorted(singles), "loose": sorted(loose),
            "run": sorted(runs)}


def family_key(name: str) -> str:
    """A family name compared across spellings: "al-Hathloul" = "al Hathloul" = "Hathloul"."""
    parsed = parse_name(name)
    words = [w for w in parsed.tokens if w.lower() not in NAME_SUFFIXES]  # "kyzy", "uulu": a patronymic's mark
    if len(words) < 2:
        return ""
    family = parsed.family if parsed.family and parsed.family.lower() not in NAME_SUFFIXES else words[-1]
    fam = re.sub(r"^(?:al|el|ad|as|an|ar|at|az)[\s\-]+", "", family.lower())
    return re.sub(r"[^a-z]", "", fam)


def given_key(name: str) -> str:
    parsed = parse_name(name)
    return parsed.tokens[0].lower() if len(parsed.tokens) >= 2 else ""


def _shortened(name: str, ent: dict[str, Any]) -> bool:
    """Whether the name is one of the entity's names with a middle or second family name added or dropped."""
    return any(shortened_form(name, other) for other in [ent["name"], *ent["aliases"]])


def _loose_lookups(keys: dict[str, list[str]]) -> list[str]:
    """The keys under which another spelling of the same full name was indexed."""
    out = [f"p:loose:{k}" for k in keys["loose"]] + [f"p:run:{k}" for k in keys["loose"] if not k.startswith("cat ")]
    return out + [f"p:loose:{k}" for k in keys["run"]]


# Sentence-initial and calendar words that say nothing of a story.
_STORY_STOP = frozenset("""
the this that these those there they their then when what where while after before however since during
monday tuesday wednesday thursday friday saturday sunday january february march april june july august
september october november december last also under with from into read more share
""".split())
STORY_WORDS = 3  # shared capitalised words that make two articles one story
STORY_DOCS = 5  # how many of an entity's articles are compared
CONTEXT_DOCS = 200  # articles of a candidate whose people are compared
MAX_CANDIDATES = 25  # more people than this behind one partial-name key: the key is not evidence


def story_words(text: str) -> set[str]:
    """Capitalised words of an article (places, institutions, people): a cheap fingerprint of its story."""
    return {w.lower() for w in re.findall(r"(?<![.!?]\s)\b[A-Z][\w\-’']{3,}", text)} - _STORY_STOP


def org_keys(name: str, aliases: list[str]) -> list[str]:
    """Index keys of an organisation: each name and alias, articles and punctuation ignored."""
    out = set()
    for surface in [name, *aliases]:
        s = re.sub(r"^(the)\s+", "", surface.strip(), flags=re.I)
        key = re.sub(r"[\W_]+", "", s.lower())
        if key:
            out.add(key)
    return sorted(out)


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _primary_key(local: dict[str, Any], keys: list[str]) -> str:
    """The key a new entity's id is made from: the first of ``keys`` (an organisation's keys, a person's full
    names or else one-word names), else the local entity's id (for a person, as a one-word key)."""
    if keys:
        return keys[0]
    return local["id"] if local["label"] == "ORG" else f"p:single:{local['id']}"


def role_words(roles: list[dict[str, Any]]) -> set[str]:
    words: set[str] = set()
    for r in roles:
        words.update(w for w in re.findall(r"[a-z]+", r.get("role", "").lower()) if w not in ROLE_STOP)
    return words


class Resolver:
    """Resolves the store's pending local entities (see module docstring).

    During a run, entity rows, their keys and the new links are kept in memory and written in a few
    statements at the end, in the run's one transaction.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.ents: dict[str, dict[str, Any]] = {}  # entity id -> row, as changed in this run
        self.created: set[str] = set()
        self.keys: dict[str, set[str]] = {}  # entity id -> its keys (loaded on first use)
        self.new_keys: dict[str, set[str]] = {}  # key -> entity ids added in this run
        self.links: dict[str, str] = {}  # local entity id -> entity id, resolved in this run
        self.link_docs: dict[str, str] = {}  # local entity id -> its document, for those links
        self.doc_names: dict[tuple[str, str], list[str]] = {}  # (document, entity id) -> names linked there
        self.persons: set[str] = set()  # local entity ids of people among the links
        self.known: dict[str, list[str]] | None = None  # key -> stored entity ids, prefetched for the run
        self.absent: set[str] = set()  # entity ids known not to be stored (prefetched)
        self.story_words: dict[str, set[str]] = {}  # document id -> its capitalised words
        self.role_keys: dict[str, set[tuple[str, str]]] = {}  # entity id -> (role, document) pairs it holds

    def resolve_pending(self) -> set[str]:
        """Give every unresolved local entity a global identity; returns the entity ids touched."""
        with self.store.transaction() as conn:
            pending = [dict(r) for r in conn.execute(
                select(t.local_entities).where(t.local_entities.c.entity_id.is_(None))
                .order_by(t.local_entities.c.doc_id, t.local_entities.c.idx)).mappings().all()]
            # full names first, so one-word references find the people they refer to
            pending.sort(key=lambda r: (r["label"] != "PERSON", len(parse_name(r["name"]).tokens) < 2))
            self._prefetch(conn, pending)
            doc_people: dict[str, list[str]] = {}
            for local in pending:
                if local["label"] not in ("PERSON", "ORG"):
                    continue
                eid = self._resolve_one(conn, local, doc_people)
                self.links[local["id"]] = eid
                self.link_docs[local["id"]] = local["doc_id"]
                self.doc_names.setdefault((local["doc_id"], eid), []).append(local["name"])
                if local["label"] == "PERSON":
                    self.persons.add(local["id"])
                doc_people.setdefault(local["doc_id"], []).append(eid)
            self._flush(conn)
            touched = set(self.ents)
            self.store.mark_stale(conn, touched)
            self.store.reindex_people(conn, list(self.ents.values()))
        return touched

    def _flush(self, conn: Connection) -> None:
        stamp = now()
        new = [dict(e, stale=True, updated_at=stamp) for eid, e in self.ents.items() if eid in self.created]
        if new:
            conn.execute(insert(t.entities), new)
        for eid, e in self.ents.items():
            if eid not in self.created:
                conn.execute(update(t.entities).where(t.entities.c.id == eid).values(
                    name=e["name"], aliases=e["aliases"], roles=e["roles"], gender=e["gender"], stale=True,
                    updated_at=stamp))
        key_rows = [{"key": k, "entity_id": eid} for k, ids in self.new_keys.items() for eid in ids]
        if key_rows:
            conn.execute(insert(t.entity_keys), key_rows)
        executemany(conn, update(t.local_entities).where(t.local_entities.c.id == bindparam("lid"))
                    .values(entity_id=bindparam("eid"), machine_entity_id=bindparam("eid")),
                    [{"lid": lid, "eid": eid} for lid, eid in self.links.items()])

    def _entity(self, conn: Connection, eid: str) -> dict[str, Any] | None:
        if eid not in self.ents:
            if eid in self.absent:
                return None
            row = conn.execute(select(t.entities).where(t.entities.c.id == eid)).mappings().first()
            if row is None:
                return None
            self.ents[eid] = dict(row)
        return self.ents[eid]

    def _prefetch(self, conn: Connection, pending: list[dict[str, Any]]) -> None:
        """Every stored key the pending entities could match, those entities and all their keys, in three
        queries (of 900 ids at most each)."""
        wanted: set[str] = set()
        created: set[str] = set()  # the id each would get as a new entity: its stored row, if any, is read too
        for local in pending:
            if local["label"] == "ORG":
                okeys = [f"o:{k}" for k in org_keys(local["name"], local["aliases"])]
                wanted.update(okeys)
                created.add(stable_id("ORG", _primary_key(local, okeys)))
            elif local["label"] == "PERSON":
                keys = person_keys(local["name"], local["aliases"])
                full = [f"p:full:{k}" for k in keys["full"]]
                singles = [f"p:single:{k}" for k in keys["single"]]
                wanted.update(full)
                wanted.update(f"p:single:{k}" for k in keys["ref"] + keys["single"])
                wanted.update(f"p:ref:{k}" for k in keys["single"])
                wanted.update(k for k in _loose_lookups(keys))
                created.add(stable_id("PERSON", _primary_key(local, full or singles)))
        self.known = {}
        found: set[str] = set()
        for chunk in _chunks(sorted(wanted), 900):
            for key, eid in conn.execute(select(t.entity_keys.c.key, t.entity_keys.c.entity_id)
                                         .where(t.entity_keys.c.key.in_(chunk))).all():
                self.known.setdefault(key, []).append(eid)
                found.add(eid)
        stored: set[str] = set()
        for chunk in _chunks(sorted(found | created), 900):
            for row in conn.execute(select(t.entities).where(t.entities.c.id.in_(chunk))).mappings().all():
                self.ents.setdefault(row["id"], dict(row))
                stored.add(row["id"])
        self.absent = created - stored  # _entity need not ask the store for these
        for chunk in _chunks(sorted(found | created), 900):  # (_absorb then asks for none of these)
            for eid in chunk:
                self.keys.setdefault(eid, set())
            for key, eid in conn.execute(select(t.entity_keys.c.key, t.entity_keys.c.entity_id)
                                         .where(t.entity_keys.c.entity_id.in_(chunk))).all():
                self.keys[eid].add(key)

    def _lookup(self, conn: Connection, keys: list[str]) -> list[str]:
        if not keys:
            return []
        if self.known is not None:
            stored = [e for k in keys for e in self.known.get(k, ())]
        else:
            stored = [r[0] for r in conn.execute(select(t.entity_keys.c.entity_id)
                                                 .where(t.entity_keys.c.key.in_(keys))).all()]
        return list(dict.fromkeys(stored + [e for k in keys for e in self.new_keys.get(k, ())]))

    def _resolve_one(self, conn: Connection, local: dict[str, Any], doc_people: dict[str, list[str]]) -> str:
        if local["label"] == "ORG":
            keys = [f"o:{k}" for k in org_keys(local["name"], local["aliases"])]
            hits = self._lookup(conn, keys)
            eid = hits[0] if hits else self._create(conn, "ORG", local, _primary_key(local, keys))
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
        if eid is None and full:
            # another outlet's spelling, order or extra names: "Mohammed al-Baqer" / "Mohamed El-Baqer"
            # the whole name spelled otherwise first, then a name with extra or fewer parts
            eid = self._with_context(conn, self._lookup(conn, [f"p:loose:{k}" for k in keys["loose"]]), local,
                                     doc_people, spelt_otherwise=True)
            if eid is None:
                eid = self._with_context(conn, self._lookup(conn, _loose_lookups(keys)), local, doc_people,
                                         spelt_otherwise=True)
        if eid is None and singles:
            cands = self._lookup(conn, [f"p:ref:{k}" for k in keys["single"]] + singles)
            eid = self._with_context(conn, cands, local, doc_people)
        if eid is None:
            eid = self._create(conn, "PERSON", local, _primary_key(local, full or singles))
        loose = [f"p:loose:{k}" for k in keys["loose"]] + [f"p:run:{k}" for k in keys["run"]]
        self._absorb(conn, eid, local, full + refs + singles + loose)
        return eid

    def _with_context(self, conn: Connection, cands: list[str], local: dict[str, Any],
                      doc_people: dict[str, list[str]], spelt_otherwise: bool = False) -> str | None:
        """The one candidate that shares context with the local entity (co-mentioned person or role).

        A name spelt otherwise whose family name a relative in either article also bears ("Lina al Hathloul"
        beside her sister "Loujain al-Hathloul") needs a person or a role in common: the same story is told
        about the whole family, so it tells nobody apart."""
        if not cands or len(cands) > MAX_CANDIDATES:  # a name part thousands share tells nobody apart
            return None
        mine_roles = role_words(local["roles"])
        co_here = set(doc_people.get(local["doc_id"], [])) | self._co_mentioned(conn, [local["doc_id"]])
        fitting = []
        for eid in cands:
            ent = self._entity(conn, eid)
            if ent is None or self._told_apart(conn, local, eid):
                continue
            docs = [r[0] for r in conn.execute(select(t.local_entities.c.doc_id)
                                               .where(t.local_entities.c.machine_entity_id == eid)).all()]
            docs += [self.link_docs[lid] for lid, e in self.links.items() if e == eid]
            docs = sorted(set(docs))[-CONTEXT_DOCS:]  # enough to know a person's company, bounded in cost
            co_there = self._co_mentioned(conn, docs) - {eid}
            shared_people = (co_here - {eid}) & co_there
            shared_roles = mine_roles & role_words(ent["roles"])
            if shared_people or shared_roles or (self._same_story(conn, local, ent, docs) and not (
                    spelt_otherwise and not _shortened(local["name"], ent)
                    and self._relatives_named(conn, local, ent, [local["doc_id"], *docs]))):
                fitting.append(eid)
        return fitting[0] if len(fitting) == 1 else None

    def _told_apart(self, conn: Connection, local: dict[str, Any], eid: str) -> bool:
        """Whether the local entity's own article already names someone of this entity by another given name
        and the same family name ("Leila Ben Salem" beside "Omar Ben Salem"): its reading kept them apart."""
        here = list(self.doc_names.get((local["doc_id"], eid), ()))
        here += [r[0] for r in conn.execute(select(t.local_entities.c.name).where(
            t.local_entities.c.doc_id == local["doc_id"], t.local_entities.c.machine_entity_id == eid)).all()]
        return any(other_given_name(local["name"], name) for name in here)

    def _same_story(self, conn: Connection, local: dict[str, Any], ent: dict[str, Any], docs: list[str]) -> bool:
        """Whether the local entity's article tells the same story as one of the entity's (latest) articles:
        they share at least ``STORY_WORDS`` capitalised words besides the person's own names."""
        own = {w.lower() for a in [ent["name"], *ent["aliases"], local["name"], *local["aliases"]]
               for w in re.split(r"[\s\-]+", a)}
        mine = self._story_words(conn, local["doc_id"]) - own
        for doc_id in sorted(set(docs))[-STORY_DOCS:]:
            if len(mine & self._story_words(conn, doc_id)) >= STORY_WORDS:
                return True
        return False

    def _relatives_named(self, conn: Connection, local: dict[str, Any], ent: dict[str, Any],
                         doc_ids: list[str]) -> bool:
        """Whether these articles name another person of the local entity's family name (another given name
        than the local's and the candidate's): a sister, a father, a son."""
        family = family_key(local["name"])
        if not family:
            return False
        own = {given_key(n) for n in [local["name"], *local["aliases"], ent["name"], *ent["aliases"]]}
        rows = conn.execute(select(t.local_entities.c.name).where(
            t.local_entities.c.doc_id.in_(sorted(set(doc_ids))), t.local_entities.c.label == "PERSON")).all()
        return any(family_key(r[0]) == family and given_key(r[0]) not in own for r in rows)

    def _story_words(self, conn: Connection, doc_id: str) -> set[str]:
        if doc_id not in self.story_words:
            body = conn.execute(select(t.documents.c.body).where(t.documents.c.id == doc_id)).scalar() or ""
            self.story_words[doc_id] = story_words(body)
        return self.story_words[doc_id]

    def _co_mentioned(self, conn: Connection, doc_ids: list[str]) -> set[str]:
        """People mentioned in these documents: stored links and this run's links alike."""
        rows = conn.execute(select(t.local_entities.c.machine_entity_id).where(
            t.local_entities.c.doc_id.in_(doc_ids), t.local_entities.c.label == "PERSON",
            t.local_entities.c.machine_entity_id.is_not(None))).all()
        wanted = set(doc_ids)
        return {r[0] for r in rows} | {self.links[lid] for lid in self.persons if self.link_docs[lid] in wanted}

    def _create(self, conn: Connection, kind: str, local: dict[str, Any], primary_key: str) -> str:
        eid = stable_id(kind, primary_key)
        if self._entity(conn, eid) is None:
            self.ents[eid] = {"id": eid, "type": kind, "name": local["name"], "aliases": [], "roles": [],
                              "gender": local.get("gender"), "stale": True, "updated_at": None}
            self.created.add(eid)
        return eid

    def _absorb(self, conn: Connection, eid: str, local: dict[str, Any], keys: list[str]) -> None:
        """Add a local entity's names, roles and keys to its global entity (in memory until the flush)."""
        ent = self._entity(conn, eid)
        assert ent is not None
        aliases = list(ent["aliases"])
        for a in [local["name"], *local["aliases"]]:
            if a not in aliases:
                aliases.append(a)
        if eid not in self.role_keys:  # (role, document) pairs already kept: an agency has thousands
            ent["roles"] = list(ent["roles"])
            self.role_keys[eid] = {(x["role"], x["doc_id"]) for x in ent["roles"]}
        roles = ent["roles"]
        for r in local["roles"]:
            rec = {"role": r["role"], "affiliations": r.get("affiliations", []), "doc_id": local["doc_id"],
                   "start": r.get("start"), "end": r.get("end")}
            if (rec["role"], rec["doc_id"]) not in self.role_keys[eid]:
                self.role_keys[eid].add((rec["role"], rec["doc_id"]))
                roles.append(rec)  # in place: copying a long list for every mention made this quadratic
        if len(parse_name(local["name"]).tokens) > len(parse_name(ent["name"]).tokens):
            ent["name"] = local["name"]  # "Sokha" known first, "Kem Sokha" later: the full name wins
        ent.update(aliases=aliases, roles=roles, gender=ent["gender"] or local.get("gender"))
        if eid not in self.keys:
            self.keys[eid] = {r[0] for r in conn.execute(select(t.entity_keys.c.key)
                                                         .where(t.entity_keys.c.entity_id == eid))}
        for k in dict.fromkeys(keys):
            if k not in self.keys[eid]:
                self.keys[eid].add(k)
                self.new_keys.setdefault(k, set()).add(eid)
