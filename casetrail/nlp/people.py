"""People and organisations in one article: mentions, type repairs, second references, roles.

The spaCy component ``casetrail_people`` finds name mentions (NER plus repairs: a name tagged
ORG that is used as a person, a name NER missed after a role noun, a name cut short), groups them
into local entities (one per person), resolves one-word second references by the name's culture
("Sok" -> Kim Sok, never Sok Eysan) and records roles ("CPP spokesman") with their offsets.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from casetrail.nlp.grammar import doc_text, token_forms
from casetrail.nlp.lexicon import PLACE_HEADS, PLATFORMS, REPORTING_VERBS, ROLE_NOUNS
from casetrail.nlp.namespans import (
    EVENT_NOUN_STARTS,
    NAME_PARTICLES,
    PLACE_WORDS,
    UNDERGONE,
    appositive_names,
    bare_role,
    described_as_a_thing,
    has_org_word,
    headline_cut,
    is_acronym,
    is_honorific,
    list_names,
    looks_like_name,
    may_be_title,
    name_head,
    name_tail,
    nicknamed,
    nicknamed_names,
    organisations_missed,
    part_of_a_thing,
    patronymic_start,
    role_word,
    said_to_be_a_person,
    title_word,
    trim,
    untyped_name_after,
)
from casetrail.nlp.records import LocalEntity, Mention
from casetrail.nlp.roles import add_roles, name_owners
from casetrail.values.names import (
    HONORIFICS,
    NAME_SUFFIXES,
    clean_surface,
    name_key,
    nickname,
    parse_name,
    token_key,
)

NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
# "Mohamed Ibrahim, also known as Mohamed Oxygen": the second name is the same person's.
_AKA = re.compile(r",?\s*(?:also known as|better known as|known as|a\.k\.a\.?|aka|alias)\s*$", re.I)
# Titles of courtesy say nothing of a role ("Mr. Sokha"); others ("Prime Minister", "Judge") are roles.
COURTESY = frozenset("mr mrs ms miss madam madame sir dame lord lady dr prof professor his her excellency h.e".split())

WEEKDAY = re.compile(r"(?i)(?:mon|tues|wednes|thurs|fri|satur|sun)day")
KINSHIP = frozenset("""
son daughter wife husband mother father brother sister widow widower child children nephew niece cousin uncle
aunt grandson granddaughter grandfather grandmother stepson stepdaughter sibling
""".split())


def _one_edit(a: str, b: str) -> bool:
    """Whether two words differ by one inserted, deleted or replaced letter."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def is_relative(ent: LocalEntity) -> bool:
    """Whether the article introduces a person as someone's relative ("Zamora's son, Jose Carlos Zamora"):
    such a person is never the default referent of the family name they share."""
    return any(re.findall(r"[a-z]+", r["role"].lower())[-1:] and re.findall(r"[a-z]+", r["role"].lower())[-1]
               in KINSHIP for r in ent.roles)


class PeopleExtractor:
    """spaCy component: name mentions -> local people and organisations (see module docstring)."""

    def __init__(self, nlp: Language, name: str, max_name_tokens: int) -> None:
        self.name = name
        self.max_name_tokens = max_name_tokens

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    # -- match: candidate spans with a provisional label --------------------------------------
    def match(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        """Candidate (start, end, label, why) name spans after repairs; PERSON before ORG repair."""
        out: list[tuple[int, int, str, str]] = []
        taken: set[int] = set()
        for ent in doc.ents:
            if ent.label_ not in NAME_LABELS or ent.start in taken:
                continue
            s, e = trim(doc, ent.start, ent.end)
            if s >= e:
                continue
            ner_label = ent.label_
            chain = untyped_name_after(doc, s, e, self.max_name_tokens)
            if chain is not None:  # "Aung" (typed a place) + "San Suu Kyi" (untyped): one person's name
                e, ner_label = chain, "PERSON"
            if ner_label == "PERSON":
                while e - s > 1 and role_word(doc[s]) and doc[s].lower_ not in ROLE_NOUNS:
                    s += 1  # "Defendants Mücella Yapıcı": a plural role word is not part of the name
                # hyphenated given names the tagger cut at the hyphen: "Lee Jae-" + "won"
                while e + 1 < len(doc) and doc[e].text in ("-", "‐") and not doc[e - 1].whitespace_ \
                        and not doc[e].whitespace_ and doc[e + 1].is_alpha:
                    e += 2
                # a particle surname NER left outside: "Abdel Fattah" + "el-Sisi", "Osama" + "bin Laden"
                while e + 1 < len(doc) and doc[e].lower_ in NAME_PARTICLES and doc[e].text.islower() \
                        and "\n" not in doc[e - 1].whitespace_:
                    j = e + 2 if doc[e + 1].text in ("-", "‐") and not doc[e].whitespace_ else e + 1
                    if j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha:
                        e = j + 1
                    else:
                        break
                if e < len(doc) and doc[e].lower_ in NAME_SUFFIXES and "\n" not in doc[e - 1].whitespace_:
                    e += 1  # "Makhabat Tazhibek" + "kyzy": a patronymic word ends the name
                # NER sometimes cuts a name in two ("Dang Dinh" + "Manh"): run on over capitalised
                # proper nouns that are untyped or typed PERSON, within the line
                while e < len(doc) and e - s < self.max_name_tokens and doc[e].pos_ == "PROPN" \
                        and doc[e].text[:1].isupper() and name_tail(doc, e) \
                        and "\n" not in doc[e - 1].whitespace_ and not doc[e].is_sent_start \
                        and doc[e - 1].whitespace_ and not (doc[e - 1].text.endswith(".") and len(doc[e - 1].text) > 2):
                    e += 1
                # and at its start: "Ibraheem" + "Ali", "Samari Carolina" + "Gómez Díaz"
                while s > 0 and e - s < self.max_name_tokens and name_head(doc, s - 1):
                    s -= 1
                s = patronymic_start(doc, s)  # "Elnur Tofig oglu" + "Mammadli", whatever the tagger made of them
                e = headline_cut(doc, s, e)  # "Ahmed Mansoor Held in Isolation": the headline's verb is no name
            span = doc[s:e]
            if s > 0 and is_honorific(doc[s - 1]):
                s -= 1
                if s > 0 and f"{doc[s - 1].lower_} {doc[s].lower_}" in HONORIFICS:
                    s -= 1  # "Prime Minister", "Vice President", "Lok Chumteav"
                span = doc[s:e]
            label = self._label(doc, span, ner_label)
            if label:
                out = [c for c in out if c[1] <= s or c[0] >= e]  # a candidate the longer name swallowed
                out.append((s, e, label, "ner"))
                taken.update(range(s, e))
        for s, e in nicknamed_names(doc):  # "Parit “Penguin” Chiwarak", which NER cuts at the quote marks
            if not any(c[0] <= s and e <= c[1] and c[2] == "PERSON" for c in out):
                out = [c for c in out if c[1] <= s or c[0] >= e]
                out.append((s, e, "PERSON", "nickname"))
                taken.update(range(s, e))
        # names NER missed right after a role or title: "CPP lawmaker SokEy San told RFA", "Superintendent of
        # Police Shahed Ahmed told", "the Tibetan writer Woser visited"
        for i, low in enumerate(token_forms(doc).lowers[:-1]):
            if not may_be_title(low):  # most words are no title: their Token is never made
                continue
            tok = doc[i]
            if not title_word(tok):
                continue
            j = tok.i + 1
            while j < len(doc) and j - tok.i <= self.max_name_tokens and doc[j].pos_ == "PROPN" \
                    and doc[j].text[:1].isupper() and j not in taken and not title_word(doc[j]) \
                    and doc[j].ent_type_ not in ("GPE", "NORP") and not WEEKDAY.fullmatch(doc[j].text) \
                    and "\n" not in doc[j - 1].whitespace_:
                j += 1
            if j == tok.i + 1:
                continue
            span = doc[tok.i + 1:j]
            camel = any(re.search(r"[a-z][A-Z]", t.text) for t in span)
            follows = j >= len(doc) or doc[j].pos_ in ("VERB", "AUX") or doc[j].text in (",", ".")
            lone = len(span) == 1 and tok.text.islower() and tok.lower_ in ROLE_NOUNS and j < len(doc) \
                and doc[j].pos_ in ("VERB", "AUX", "ADP") and span[0].ent_type_ in ("", "PERSON")
            if (len(span) >= 2 or camel or lone) and (follows or lone) and not has_org_word(span) \
                    and looks_like_name(span):
                out = [c for c in out if c[1] <= tok.i + 1 or c[0] >= j]  # (a title NER took for a work's name)
                out.append((tok.i + 1, j, "PERSON", "role"))
                taken.update(range(tok.i + 1, j))
        out = appositive_names(doc, out, taken)
        out = organisations_missed(doc, out, taken)
        return self._no_things(doc, list_names(doc, nicknamed(doc, sorted(out))))

    @staticmethod
    def _no_things(doc: Doc, cands: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
        """Candidates without the bare roles, things and places the text shows a "person" to be; a name the
        article writes as a thing once ("the Pchum Ben religious holiday") is that thing everywhere."""
        things: set[str] = set()
        keep: list[tuple[int, int, str, str]] = []
        for s, e, label, why in cands:
            span = doc[s:e]
            words = [t for t in span if not is_honorific(t)]
            if label == "PERSON" and (bare_role(words) or part_of_a_thing(doc, span)):
                if bare_role(words) or part_of_a_thing(doc, span, PLACE_HEADS):
                    things.add(span.text.lower())
                continue
            if label == "PERSON" and why != "ner" and described_as_a_thing(doc, span) is not None:
                continue
            if label == "PERSON" and e - s >= 2 and any(
                    lab == "ORG" and doc[s2].text == doc[s].text and (s2, e2) != (s, e) and (
                        abs(s2 - s) <= 12 or (e2 - s2 >= 2 and doc[s2 + 1].text == doc[s + 1].text))
                    for s2, e2, lab, _ in [*cands, *((a, b, "ORG", w) for a, b, lab2, w in keep if lab2 == "ORG")]):
                label = "ORG"  # "Abiel Real Estate Fund, Abiel Holdings and Abiel Spaceplus": one family of firms
            keep.append((s, e, label, why))
        lowers = token_forms(doc).lowers
        starts: dict[str, list[int]] = {}
        for i, w in enumerate(lowers):
            starts.setdefault(w, []).append(i)
        for s, e, label, _ in keep:  # another writing of the same words as a thing's name
            if label == "PERSON" and doc[s:e].text.lower() not in things and e - s >= 2:
                words = lowers[s:e]
                for i in starts.get(words[0], ()):
                    if i != s and lowers[i:i + len(words)] == words \
                            and part_of_a_thing(doc, doc[i:i + len(words)], PLACE_HEADS):
                        things.add(doc[s:e].text.lower())
                        break
        return [c for c in keep if not (c[2] == "PERSON" and doc[c[0]:c[1]].text.lower() in things)]

    def _label(self, doc: Doc, span: Span, ner_label: str) -> str | None:
        if not looks_like_name(span):
            return "ORG" if ner_label == "ORG" else None
        words = [t for t in span if not is_honorific(t)]
        if len(words) == 1 and words[0].lower_ in PLATFORMS:
            return "ORG"  # "said on Twitter"
        if ner_label == "PERSON":
            if has_org_word(span) or (len(words) == 1 and is_acronym(words[0].text)):
                return "ORG"
            if bare_role(words) or part_of_a_thing(doc, span):
                return None  # "Senior Researcher", "the Sakharov prize", "Muyinga prison"
            thing = described_as_a_thing(doc, span)
            if thing is not None:
                return "ORG" if thing == "ORG" else None
            if words[-1].lower_ in PLACE_WORDS:
                return None  # "Ho Chi Minh City", "Burnside Lane"
            if not said_to_be_a_person(doc, span, words):
                return None
            before = doc[span[0].i - 1] if span[0].i > 0 else None
            after = doc[span[-1].i + 1] if span[-1].i + 1 < len(doc) else None
            if before is not None and before.lower_ == "the" and not is_honorific(span[0]):
                return "ORG"  # "the Kremlin", "the Shargh newspaper": people take no article
            role_before = before is not None and before.lower_ in ROLE_NOUNS
            if after is not None and after.pos_ == "NOUN" and span.root.dep_ == "compound" and not role_before \
                    and after.lemma_.lower() not in ROLE_NOUNS and after.lower_ not in EVENT_NOUN_STARTS:
                return "ORG"  # "the Shargh newspaper", "a Navalny foundation" (not "granted X house arrest")
            first = span[0]
            if len(words) == 1 and first.i > 0 and not is_honorific(doc[first.i - 1]):
                prev = doc[first.i - 1]
                if prev.text[:1].isupper() and prev.pos_ == "PROPN" and not prev.is_sent_start \
                        and prev.lower_ not in ROLE_NOUNS and not WEEKDAY.fullmatch(prev.text):
                    return None  # a cut-off multiword name ("Pchum Ben"): not a person ("On Tuesday Zaki" is)
            root = span.root
            if root.dep_ == "pobj" and root.head.lower_ in ("from", "in") and root.head.head.lower_ in ROLE_NOUNS:
                return None  # "an activist from Svay Rieng": a place
            return "PERSON"
        if ner_label not in ("ORG", "GPE", "NORP", "LOC"):
            return None
        if has_org_word(span) or any(is_acronym(t.text) for t in words):
            return "ORG" if ner_label == "ORG" else None
        root = span.root
        if span[0].i > 0 and (is_honorific(doc[span[0].i - 1]) or is_honorific(span[0])):
            return "PERSON"
        if root.dep_ in ("nsubj",) and root.head.lemma_ in REPORTING_VERBS and ner_label != "GPE" \
                and len(words) >= 2 and not (span[0].i > 0 and doc[span[0].i - 1].lower_ == "the"):
            return "PERSON"  # an unknown two-word name NER typed as ORG, saying something
        if any(c.dep_ == "appos" and c.lemma_.lower() in ROLE_NOUNS for c in root.children):
            return "PERSON"
        if span.end < len(doc) and doc[span.end].lower_ in NAME_SUFFIXES:
            return "PERSON"  # "Makhabat Tazhibek kyzy": a patronymic word only a person's name ends with
        subject = root if root.dep_ != "conj" or root.head.ent_type_ == "ORG" else root.head
        whole = all(t.head.i in range(span.start, span.end) for t in span if t.i != root.i)  # one noun phrase
        if len(words) >= 2 and whole and subject.dep_ == "nsubjpass" and subject.head.lemma_.lower() in UNDERGONE \
                and not (span.start > 0 and doc[span.start - 1].lower_ == "the"):
            return "PERSON"  # "X and Y were charged under Articles 41 and 278": people a penalty befalls
        if root.dep_ == "appos" and root.head.lemma_.lower() in ROLE_NOUNS and root.head.tag_ == "NN" \
                and len(words) >= 2 and doc[span.start - 1].text == ",":
            return "PERSON"  # "another prominent activist, Arnon Nampa,": the name a role is given to
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and (role_word(nxt) or nxt.pos_ == "NOUN"):
            return "ORG?" if ner_label == "ORG" else ("GPE?" if ner_label == "GPE" else None)  # "deputy Asia director"
        if span[0].i > 0 and role_word(doc[span[0].i - 1]) and doc[span[0].i - 1].text.islower():
            return "PERSON"  # "lawyer Nam Ky", "activists Agnes Chow and …"
        if len(words) >= 2 and not (span[0].i > 0 and doc[span[0].i - 1].lower_ == "the") and any(
                t.ent_type_ == "PERSON" and t.pos_ == "PROPN" for t in (*root.conjuncts, root.head)
                if t.i not in range(span.start, span.end) and (t.dep_ == "conj" or root.dep_ == "conj")):
            return "PERSON"  # listed with a person: "Claudia Mo and Helena Wong", "Agnes Chow and Ivan Lam"
        return "ORG?" if ner_label == "ORG" else ("GPE?" if ner_label == "GPE" else None)

    # -- set_annotations: entities, second references, roles ---------------------------------
    def set_annotations(self, doc: Doc, cands: list[tuple[int, int, str, str]]) -> None:
        mentions: list[Mention] = []
        entities: list[LocalEntity] = []
        by_key: dict[str, int] = {}
        pending: list[int] = []

        def new_entity(label: str, name: str) -> LocalEntity:
            ent = LocalEntity(index=len(entities), label=label, name=name,
                              parsed=parse_name(name) if label == "PERSON" else None)
            entities.append(ent)
            return ent

        def attach(m_idx: int, ent: LocalEntity) -> None:
            m = mentions[m_idx]
            m.entity = ent.index
            m.label = ent.label
            ent.mentions.append(m_idx)
            alias = clean_surface(m.text)
            if alias:
                ent.aliases.add(alias)
            nick = nickname(m.text)
            if nick:  # Mohamed “Oxygen” Ibrahim is also "Mohamed Oxygen" and "Oxygen"
                ent.aliases.add(nick)
                if not re.match(r"^\W*[\"“‘']", m.text):  # ("“Long Hair” Leung Kwok-hung" is "Long Hair")
                    also = f"{parse_name(m.text).tokens[0]} {nick}"
                    ent.aliases.add(also)
                    by_key.setdefault(name_key(also), ent.index)
            parsed = parse_name(m.text)
            if parsed.gender and not ent.gender:
                ent.gender = parsed.gender
            for title in parsed.titles:  # "Prime Minister Hun Sen": the title is a role, not a name
                if title.lower().rstrip(".") not in COURTESY and not any(
                        r["role"].lower() == title.lower() for r in ent.roles):
                    ent.roles.append({"role": title, "affiliations": [], "start": m.start,
                                      "end": m.start + len(title)})

        for s, e, label, _why in cands:
            span = doc[s:e]
            mentions.append(Mention(start=span.start_char, end=span.end_char, tok_start=s, tok_end=e,
                                    text=span.text, label=label))
        # pass 1: full person names (two tokens or more)
        for i, m in enumerate(mentions):
            if m.label != "PERSON":
                continue
            parsed = parse_name(m.text)
            if len(parsed.tokens) < 2:
                pending.append(i)
                continue
            key = parsed.key
            idx = by_key.get(key)
            if idx is None:
                idx = self._suffix_match(entities, parsed.tokens)
            if idx is None:
                idx = self._also_known_as(doc, mentions, i)
            if idx is None:
                idx = self._misspelt(entities, parsed.tokens)
            if idx is None:
                ent = new_entity("PERSON", parsed.full)
                by_key[key] = ent.index
            else:
                ent = entities[idx]
                if len(parsed.tokens) > len(ent.parsed.tokens if ent.parsed else ()):
                    ent.name, ent.parsed = parsed.full, parsed
                    by_key[key] = ent.index
            attach(i, ent)
        # pass 2: one-word references and names NER typed as ORG/GPE
        persons = [e for e in entities if e.label == "PERSON"]
        relatives = set()
        owners = name_owners(doc, mentions)
        for p in persons:  # who is introduced as someone's relative, from the roles known so far
            probe = copy.copy(p)
            probe.roles = []
            add_roles(doc, mentions, probe, owners)
            if is_relative(probe):
                relatives.add(p.index)
        for i, m in enumerate(mentions):
            if m.label in ("PERSON",) and i not in pending:
                continue
            if m.label not in ("PERSON", "ORG?", "GPE?", "ORG"):
                continue
            parsed = parse_name(m.text)
            family = self._shared_family_name(doc, mentions, i) if m.label == "PERSON" else None
            if family is not None:  # "the brothers Ali and Omar Haidari": Ali Haidari
                full = parse_name(f"{m.text} {family}")
                idx = by_key.get(full.key)
                ent = entities[idx] if idx is not None else new_entity("PERSON", full.full)
                by_key[full.key] = ent.index
                attach(i, ent)
                ent.aliases.add(full.full)
                continue
            target = self._resolve_reference(persons, mentions, parsed.tokens, m, relatives) if parsed.tokens \
                else None
            if target is None and m.label == "PERSON" and len(parsed.tokens) == 1 and len(parsed.tokens[0]) >= 6:
                key = token_key(parsed.tokens[0])  # "Lysager" for Stinne Lyager Bech: a one-letter slip
                near = [p for p in persons if p.parsed and len(p.parsed.tokens) >= 2
                        and any(len(k) >= 5 and _one_edit(key, k) for k in p.parsed.reference_keys())]
                target = near[0] if len(near) == 1 else None
            if target is None and len(parsed.tokens) == 1:
                glued = self._misspelt(persons, parsed.tokens)  # "Journalist EskinderNga", typed ORG
                target = entities[glued] if glued is not None else None
                if target is not None:
                    m.label = "PERSON"
            if target is not None:
                attach(i, target)
            elif m.label == "PERSON":
                key = parsed.key
                if not key:
                    continue
                sharing = [p for p in persons if p.parsed and token_key(parsed.tokens[0]) in p.parsed.reference_keys()]
                if len(sharing) > 1 and len([p for p in sharing if p.index not in relatives]) == 1:
                    attach(i, next(p for p in sharing if p.index not in relatives))
                    continue
                if len(parsed.tokens) == 1 and len(sharing) > 1:
                    m.how = "ambiguous"  # "Lee" after "Lee Min-ho" and "Lee Jae-won": left unresolved
                    continue
                if key in by_key:
                    attach(i, entities[by_key[key]])
                else:
                    ent = new_entity("PERSON", parsed.full)
                    by_key[key] = ent.index
                    attach(i, ent)
            elif m.label in ("ORG", "ORG?"):
                m.label = "ORG"
                self._attach_org(doc, mentions, entities, by_key, i, attach, new_entity)
            else:
                m.label = "GPE"
        self._second_references(doc, mentions, persons, attach, relatives)
        owners = name_owners(doc, mentions)
        for ent in entities:
            if ent.label == "PERSON":
                add_roles(doc, mentions, ent, owners)
        doc._.casetrail_mentions = mentions
        doc._.casetrail_entities = entities

    @staticmethod
    def _also_known_as(doc: Doc, mentions: list[Mention], i: int) -> int | None:
        """The person a name is another name of: "Mohamed Ibrahim, also known as Mohamed Oxygen"."""
        if i == 0 or mentions[i - 1].entity is None or mentions[i - 1].label != "PERSON":
            return None
        between = doc_text(doc)[mentions[i - 1].end:mentions[i].start]
        return mentions[i - 1].entity if _AKA.fullmatch(between) or (_AKA.search(between) and len(between) < 30) \
            else None

    @staticmethod
    def _second_references(doc: Doc, mentions: list[Mention], persons: list[LocalEntity], attach: Any,
                           relatives: set[int] | None = None) -> None:
        """Second references NER missed ("Siphan said"): a lone capitalised word that is exactly one
        person's conventional second-reference name."""
        taken = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
        refs: dict[str, list[LocalEntity]] = {}
        single: set[int] = set()
        for p in persons:
            if p.parsed and len(p.parsed.tokens) >= 2:
                for key, rank in p.parsed.reference_keys().items():
                    if rank == 2:
                        refs.setdefault(key, []).append(p)
            elif p.parsed and p.parsed.tokens:
                refs.setdefault(token_key(p.parsed.tokens[0]), []).append(p)  # known by one word only
                single.add(p.index)
        for tok in doc:
            if tok.i in taken or not tok.text[:1].isupper() or (tok.is_sent_start and tok.pos_ != "PROPN"):
                continue
            key = token_key(clean_surface(tok.text))
            hits = refs.get(key, [])
            if len(hits) != 1:
                continue
            if relatives and hits[0].index in relatives:
                # a relative's family name that is the story's person's own name ("his daughter, Meryem Ilkan")
                own = [p for p in persons if p.index not in relatives and p.parsed and key in p.parsed.reference_keys()]
                if len(own) == 1:
                    hits = own
                else:
                    continue
            prev = doc[tok.i - 1] if tok.i > 0 else None
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if (prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper() and not is_honorific(prev)) or (
                    nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper()):
                continue  # part of a longer name
            first = min((mentions[j].start for j in hits[0].mentions), default=None)
            if first is None or (first > tok.idx and hits[0].index not in single):
                continue  # a second reference follows the first mention
            start = tok.i - 1 if prev is not None and is_honorific(prev) else tok.i
            span = doc[start:tok.i + 1]
            mentions.append(Mention(start=span.start_char, end=span.end_char, tok_start=start, tok_end=tok.i + 1,
                                    text=span.text, label="PERSON", how="reference"))
            attach(len(mentions) - 1, hits[0])

    @staticmethod
    def _shared_family_name(doc: Doc, mentions: list[Mention], i: int) -> str | None:
        """The family name two relatives named together share: "the brothers Ali and Omar Haidari", "sisters Ana
        and Maria Ortiz" (a given name, "and", a full name, after a plural word of kinship)."""
        m = mentions[i]
        if m.tok_end - m.tok_start != 1 or m.tok_end + 1 >= len(doc) or doc[m.tok_end].lower_ != "and":
            return None
        nxt = next((x for x in mentions if x.tok_start == m.tok_end + 1 and x.label == "PERSON"), None)
        if nxt is None or nxt.tok_end - nxt.tok_start != 2:
            return None
        before = {t.lemma_.lower() for t in doc[max(0, m.tok_start - 3):m.tok_start]}
        if not before & {"brother", "sister", "sibling", "couple", "twin", "cousin", "son", "daughter", "parent"}:
            return None
        return doc[nxt.tok_end - 1].text

    @staticmethod
    def _misspelt(entities: list[LocalEntity], tokens: tuple[str, ...]) -> int | None:
        """The one earlier name a full name differs from by one letter in one long word ("Ilham Tohi" a
        line above "Ilham Tohti"): in one article, a typo, not another person."""
        keys = tuple(token_key(t) for t in tokens)
        hits = []
        glued = len(tokens) == 1 and re.fullmatch(r"[A-Z][a-z]+[A-Z][a-z]+", tokens[0]) is not None
        for ent in entities:
            if glued and ent.label == "PERSON" and ent.parsed and len(ent.parsed.tokens) == 2 and _one_edit(
                    keys[0], "".join(token_key(t) for t in ent.parsed.tokens)):
                hits.append(ent.index)  # "EskinderNga" below "Eskinder Nega": glued, and one letter off
                continue
            if ent.label != "PERSON" or not ent.parsed or len(ent.parsed.tokens) != len(keys) or len(keys) < 2:
                continue
            other = tuple(token_key(t) for t in ent.parsed.tokens)
            diff = [(a, b) for a, b in zip(keys, other, strict=True) if a != b]
            if len(diff) == 1 and min(len(diff[0][0]), len(diff[0][1])) >= 4 and _one_edit(*diff[0]):
                hits.append(ent.index)
        return hits[0] if len(hits) == 1 else None

    @staticmethod
    def _suffix_match(entities: list[LocalEntity], tokens: tuple[str, ...]) -> int | None:
        """A longer or shorter form of an earlier multiword name: "Suu Kyi" / "Aung San Suu Kyi", or the same
        first and last name with a middle name between ("Patrick Zaki" / "Patrick George Zaki")."""
        keys = tuple(token_key(t) for t in tokens)
        hits = []
        for ent in entities:
            if ent.label != "PERSON" or not ent.parsed or len(ent.parsed.tokens) < 2:
                continue
            other = tuple(token_key(t) for t in ent.parsed.tokens)
            short, long_ = (keys, other) if len(keys) <= len(other) else (other, keys)
            if len(short) >= 2 and short != long_ and (long_[-len(short):] == short or (
                    len(short) == 2 and len(long_) == 3 and short in ((long_[0], long_[2]), long_[:2]))):
                hits.append(ent.index)  # (and "Benny Tai" of "Benny Tai Yiu-ting": a given name added after)
        return hits[0] if len(hits) == 1 else None

    @staticmethod
    def _resolve_reference(persons: list[LocalEntity], mentions: list[Mention], tokens: tuple[str, ...],
                           m: Mention, relatives: set[int] | None = None) -> LocalEntity | None:
        """Resolve a one-word (or run-together) reference to the one person it conventionally names."""
        key = token_key("".join(tokens))
        if len(tokens) > 1 and not any(name_key(p.name) == key for p in persons):
            return None
        ranked: list[tuple[int, int, LocalEntity]] = []
        for p in persons:
            if not p.parsed:
                continue
            if name_key(p.name) == key:
                return p
            rank = p.parsed.reference_keys().get(key)
            if rank == 1 and m.label in ("GPE?", "ORG?", "ORG", "GPE") and key != token_key(p.parsed.tokens[0]):
                continue  # a word NER took for a place is no inner name of a person ("Aung" of "Min Aung Hlaing")
            if rank:
                first_at = min(mentions[j].start for j in p.mentions) if p.mentions else 10**9
                before = 1 if first_at < m.start else 0
                ranked.append((rank, before, p))
        if not ranked:
            return None
        ranked.sort(key=lambda r: (r[0], r[1]), reverse=True)
        if relatives and ranked[0][2].index in relatives:
            others = [r for r in ranked if r[2].index not in relatives]
            if others and (len(others) == 1 or others[0][:2] != others[1][:2]):
                return others[0][2]  # "Ilham" is the professor, not "his daughter, Jewher Ilham"
        best = ranked[0]
        ties = [r for r in ranked if r[0] == best[0] and r[1] == best[1]]
        if len(ties) > 1:  # "Zamora" after Jose Ruben Zamora and "Zamora's son, Jose Carlos Zamora"
            ties = [r for r in ties if r[2].index not in (relatives or set())]
        return ties[0][2] if len(ties) == 1 else None

    @staticmethod
    def _attach_org(doc: Doc, mentions: list[Mention], entities: list[LocalEntity], by_key: dict[str, int],
                    i: int, attach: Any, new_entity: Any) -> None:
        m = mentions[i]
        text = re.sub(r"^(the|The)\s+", "", m.text)
        key = "org:" + name_key(text)
        if key not in by_key:
            acro = "".join(w[0] for w in re.findall(r"[A-Z][\w’']*", text) if w[0].isupper())
            for ent in entities:
                if ent.label == "ORG":
                    ent_acro = "".join(w[0] for w in re.findall(r"[A-Z][\w’']*", ent.name))
                    if (is_acronym(text) and ent_acro == text) or (is_acronym(ent.name) and acro == ent.name):
                        by_key[key] = ent.index
                        if len(text) > len(ent.name):
                            ent.name = text
                        break
        if key not in by_key and " " not in text and text[:1].isupper() and not is_acronym(text):
            # "the Journal" after "the Wall Street Journal": the last word of one organisation named before
            ends = [e for e in entities if e.label == "ORG" and " " in e.name
                    and e.name.split()[-1].lower() == text.lower() and e.mentions
                    and min(mentions[j].start for j in e.mentions) < m.start]
            if len(ends) == 1:
                by_key[key] = ends[0].index
        if key not in by_key:
            by_key[key] = new_entity("ORG", text).index
        attach(i, entities[by_key[key]])


@Language.factory("casetrail_people", default_config={"max_name_tokens": 5})
def make_people(nlp: Language, name: str, max_name_tokens: int) -> PeopleExtractor:
    """Factory for the people component."""
    return PeopleExtractor(nlp, name, max_name_tokens)
