"""Dependency-parse helpers that people, coreference, quotes, claims and events share.

They answer the questions every extractor asks: which entity does this noun phrase denote, who is
the logical subject or object of this verb (through passives, control verbs, conjunctions and
relative clauses), which clause does a token belong to, and is a token inside a quotation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, POS
from spacy.symbols import AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from casetrail.nlp.lexicon import (
    FIRST_PERSON,
    PRONOUNS_FEMALE,
    PRONOUNS_MALE,
    RELATIVE_PRONOUNS,
    REPORTING_VERBS,
    ROLE_NOUNS,
)

CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "parataxis", "conj"})
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJ_DEPS = frozenset({"dobj", "dative", "oprd"})


TEXT_KEY = "casetrail_text"


def doc_text(doc: Doc) -> str:
    """The document's text, built once (spaCy joins all tokens on every ``Doc.text`` access)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


FORMS_KEY = "casetrail_token_forms"
_KINDS = {VERB: "verb", AUX: "verb", NOUN: "noun", PROPN: "noun"}
_LOWERED: dict[int, str] = {}  # a lemma's hash -> the lemma lower-cased (hashes are of the string: any vocab)


@dataclass(frozen=True)
class TokenForms:
    """Per token of a document: its text, its lower-case form, its lemma lower-cased, its trigger kind
    ("verb", "noun" or None) and whether it is a word (neither punctuation nor space). Read from spaCy's
    arrays once per document: making a Token for every word to ask the same is most of a scan's cost."""

    texts: list[str]
    lowers: list[str]
    lemmas: list[str]
    kinds: list[str | None]
    words: list[bool]


def token_forms(doc: Doc) -> TokenForms:
    """The document's ``TokenForms`` (cached on the doc: read after the parse and its repair, which are
    the last to change a word's part of speech or lemma)."""
    found = doc.user_data.get(FORMS_KEY)
    if found is None:
        strings = doc.vocab.strings
        rows = doc.to_array([LOWER, LEMMA, POS, IS_PUNCT, IS_SPACE, ORTH]).tolist()
        lemmas = []
        for _, lemma, _, _, _, _ in rows:
            low = _LOWERED.get(lemma)
            if low is None:
                low = _LOWERED[lemma] = strings[lemma].lower()
            lemmas.append(low)
        found = doc.user_data[FORMS_KEY] = TokenForms(
            [strings[r[5]] for r in rows], [strings[r[0]] for r in rows], lemmas, [_KINDS.get(r[2]) for r in rows],
            [not r[3] and not r[4] for r in rows])
    return found


def mention_index(doc: Doc) -> dict[int, int]:
    """Token index -> local entity index for every token inside a name mention (cached on the doc)."""
    cache = doc.user_data.get("casetrail_mention_index")
    if cache is not None:
        return cache
    out: dict[int, int] = {}
    for m in doc._.casetrail_mentions or []:
        if m.entity is None:
            continue
        for i in range(m.tok_start, m.tok_end):
            out[i] = m.entity
    doc.user_data["casetrail_mention_index"] = out
    return out


QUOTE_MASK_KEY = "casetrail_token_quote_mask"


def quote_mask(doc: Doc) -> list[bool]:
    """Per token: True when the token lies inside a top-level quotation (cached on the doc)."""
    cache = doc.user_data.get(QUOTE_MASK_KEY)
    if cache is not None:
        return cache
    intervals = doc.user_data.get("casetrail_quote_intervals") or []
    mask = [False] * len(doc)
    k = 0
    for t in doc:  # tokens and intervals are both in text order: one merge pass
        while k < len(intervals) and intervals[k][1] <= t.idx:
            k += 1
        if k < len(intervals) and intervals[k][0] <= t.idx:
            mask[t.i] = True
    doc.user_data[QUOTE_MASK_KEY] = mask
    return mask


def in_quote(tok: Token) -> bool:
    """True when ``tok`` is inside a quotation."""
    doc = tok.doc
    mask = doc.user_data.get(QUOTE_MASK_KEY)  # (the cached mask read here: this runs for every token)
    return (mask if mask is not None else quote_mask(doc))[tok.i]


def pronoun_gender(tok: Token) -> str | None:
    """'m' / 'f' for third-person singular pronouns, None otherwise."""
    low = tok.lower_
    if low in PRONOUNS_MALE:
        return "m"
    if low in PRONOUNS_FEMALE:
        return "f"
    return None


def is_first_person(tok: Token) -> bool:
    return tok.lower_ in FIRST_PERSON


def doc_extension(doc: Doc, name: str) -> Any:
    """``doc._.<name>`` read straight from where spaCy keeps it (its ``user_data`` under ("._.", name, None,
    None)): the same value, without building an accessor on every read (the parse helpers read the
    entities and the coreference thousands of times a document). Extensions default to None."""
    return doc.user_data.get(("._.", name, None, None))


def entity_of_token(tok: Token) -> int | None:
    """Entity of a single token: a name mention, or a pronoun/description resolved by coreference."""
    idx = mention_index(tok.doc).get(tok.i)
    if idx is not None:
        return idx
    coref = doc_extension(tok.doc, "casetrail_coref") or {}
    return coref.get(tok.i)


# Nouns of kinship a person is introduced by: "the wife of X, Y", "his son, Y".
KIN_NOUNS = frozenset("""
wife husband son daughter brother sister mother father widow widower nephew niece cousin uncle aunt grandson
granddaughter fiancee fiancée partner
""".split())


# Participles that give a name: "an activist named X", "a blogger called X", "a man identified as X".
NAMING_VERBS = frozenset({"name", "call", "identify", "know", "dub", "nickname"})


def entity_of_np(tok: Token, labels: tuple[str, ...] = ("PERSON",)) -> int | None:
    """Entity denoted by the noun phrase headed by ``tok`` (appositions, "named X", conjuncts)."""
    doc = tok.doc
    ents = doc_extension(doc, "casetrail_entities") or []

    def ok(idx: int | None) -> bool:
        return idx is not None and idx < len(ents) and ents[idx].label in labels

    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        return entity_of_np(tok.head.head, labels)
    if tok.lower_ == "whose" and tok.dep_ == "poss":
        clause = tok.head  # "X, whose detention drew criticism": the relative clause hangs on X
        while clause.dep_ != "relcl" and clause.head.i != clause.i and clause.i > clause.head.i - 8:
            clause = clause.head
        if clause.dep_ == "relcl":
            return entity_of_np(clause.head, labels)
    idx = entity_of_token(tok)
    if ok(idx):
        return idx
    if tok.tag_ in ("NNS", "NNPS") and labels == ("PERSON",):
        return None  # "25 jailed activists, …, Kem Sokha said": a plural is not one named person
    if tok.dep_ == "appos" and tok.head.i != tok.i and ok(entity_of_token(tok.head)):
        return entity_of_token(tok.head)  # "Silvio Baez, a senior bishop exiled in Miami"
    if tok.pos_ == "NOUN" and (tok.lemma_.lower() in ROLE_NOUNS or tok.lemma_.lower() in KIN_NOUNS):
        for prep in tok.children:  # "the wife of Bolot Temirov, Makhabat Tazhibek kyzy,": the parser hangs
            if prep.dep_ != "prep" or prep.lower_ != "of":  # the name on the person the role is of
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                named = [pobj, *(c for c in pobj.children if c.dep_ == "appos" and entity_of_token(pobj) is None)]
                for name in named:  # "deputy minister of foreign affairs Jose Pallais", "the president of the
                    if _title_folded_name(name) and ok(entity_of_token(name)):  # business association Jose
                        return entity_of_token(name)  # Aguerri": the name ends the title and is its holder
            found: list[int] = []  # the entities down the chain of appositions: the owner, then the holder
            while obj is not None and len(found) < 2:
                idx = entity_of_token(obj)
                if idx is None:
                    idx = next((entity_of_token(c) for c in obj.children if c.dep_ == "compound"
                                and entity_of_token(c) is not None), None)
                if idx is not None and idx not in found:
                    found.append(idx)
                obj = next((c for c in obj.children if c.dep_ == "appos"), None)
            if len(found) == 2 and ok(found[1]):
                return found[1]
    # a role noun with the name beside it: "spokesman Sok Eysan", "an activist named Mao Vibol"
    is_role = tok.pos_ == "NOUN" and tok.lemma_.lower() in ROLE_NOUNS
    for child in tok.children:
        if child.dep_ in ("compound", "appos", "conj", "nmod") and ok(entity_of_token(child)):
            if is_role and child.dep_ == "compound" and ents[entity_of_token(child)].label == "ORG":
                continue  # "the PTI chairman": the party the chairman leads, not him
            return entity_of_token(child)
    for child in tok.children:  # "Senator and renowned critic of President X, Y,": the conjoined role's holder
        if child.dep_ == "conj" and child.pos_ == "NOUN" and child.lemma_.lower() in ROLE_NOUNS \
                and any(p.dep_ == "prep" and p.lower_ == "of" for p in child.children):
            held = entity_of_np(child, labels)
            if held is not None:
                return held
    for child in tok.children:
        if child.dep_ in ("appos", "conj") or (child.dep_ == "acl" and (child.lemma_.lower() in NAMING_VERBS or any(
                i == child.i or child.is_ancestor(doc[i]) for i in _naming_words(doc)))):  # "go by the name X"
            for sub in child.subtree:
                if sub.dep_ in ("oprd", "appos", "compound", "conj", "dobj") and ok(entity_of_token(sub)):
                    return entity_of_token(sub)
        if child.dep_ == "prep" and child.lower_ == "from":
            # "an activist from Svay Rieng named Mao Vibol": the name hangs off the place
            for sub in child.subtree:
                if sub.dep_ == "oprd" and ok(entity_of_token(sub)):
                    return entity_of_token(sub)
    if tok.lemma_.lower() in ROLE_NOUNS and tok.tag_ == "NN":
        # "activist and former JNU student Umar Khalid", which parsers break apart: the name that
        # ends the run of role words and modifiers
        for t in doc[tok.i + 1:tok.i + 10]:
            if ok(entity_of_token(t)) and mention_index(doc).get(t.i) is not None:
                return entity_of_token(t)
            if not (t.lower_ in ROLE_NOUNS or t.lower_ in ("and", "former", "ex", "veteran", "prominent", "leading")
                    or t.pos_ in ("ADJ", "PROPN") or t.text == "-"):
                break
    return None


def _naming_words(doc: Doc) -> list[int]:
    """Indexes of "name", "pseudonym", "alias" in the document (few or none: found once, not per clause)."""
    found = doc.user_data.get("casetrail_naming_words")
    if found is None:
        found = doc.user_data["casetrail_naming_words"] = [
            i for i, low in enumerate(token_forms(doc).lowers) if low in ("name", "pseudonym", "alias")]
    return found


def _title_folded_name(obj: Token) -> bool:
    """Whether a name the parser hangs on "of" ends the title it belongs to: "minister of government and
    foreign affairs Jose Pallais" (a bare noun right before the name) and not "the wife of Jose Pallais"."""
    if entity_of_token(obj) is None or obj.pos_ != "PROPN":
        return False
    first = min([obj.i, *(c.i for c in obj.children if c.dep_ == "compound")])
    if first == 0:
        return False
    before = obj.doc[first - 1]
    return before.pos_ == "NOUN" and before.text.islower() and before.head.i != obj.i \
        and before.lemma_.lower() not in ROLE_NOUNS and before.lemma_.lower() not in KIN_NOUNS
    # ("the son of the opposition leader X, Y": the leader's name is his own)


def subject_token(verb: Token, depth: int = 0) -> Token | None:
    """The logical subject of a verb: explicit, or inherited through control, conjunction, relatives."""
    if depth > 6:
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    if len(subjects) > 1:  # "Her co-defendant, lawyer Maxim Snak, … received": the name the parser split off
        ents = verb.doc._.casetrail_entities or []
        mindex = mention_index(verb.doc)
        named = [c for c in subjects if mindex.get(c.i) is not None and ents[mindex[c.i]].label == "PERSON"]
        if len(named) == 1:
            return named[0]
    for c in subjects:
        if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        return c
    for aux in verb.children:  # "the activist X remains jailed": the parser hangs the subject on the auxiliary
        if aux.dep_ in ("aux", "auxpass") and aux.i < verb.i:
            subj = next((c for c in aux.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return subj
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "xcomp":
        head = verb.head
        obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None and not is_passive(head):
            return obj  # object control: "ordered him to pay", "forced her to flee"
        return subject_token(head, depth + 1)
    if verb.dep_ in ("conj", "advcl", "pcomp", "ccomp") and verb.tag_ in ("VBG", "VBN", "VB"):
        head = verb.head
        while head.dep_ == "prep" and head.head != head:
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return subject_token(head, depth + 1)
        return head
    if verb.dep_ == "conj":
        return subject_token(verb.head, depth + 1)
    if verb.dep_ == "acl":
        return verb.head  # "Kim Sok, wanted by the authorities"
    if verb.dep_ == "pcomp":
        head = verb.head
        while head.dep_ == "prep":
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return subject_token(head, depth + 1)
    return None


def speaker_token(verb: Token) -> Token | None:
    """The subject of a reporting verb, repairing inverted attributions the parser misreads.

    In "X should free them, Kem Sokha said" parsers often give "said" no subject and let it inherit
    the first clause's; the person named right before the verb is the speaker.
    """
    explicit = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if explicit is not None and explicit.tag_ != "VBG":
        return subject_token(verb)
    clause = next((c for c in verb.children if c.dep_ in ("csubj", "nsubj") and c.tag_ == "VBG"), None)
    if clause is not None:
        # "Speaking to DW, Evren İşler, one of the lawyers, said": the parser takes the participle for
        # the subject and hangs the speaker's name inside it; the last person named there speaks
        ents = verb.doc._.casetrail_entities or []
        mindex = mention_index(verb.doc)
        named = [t for t in clause.subtree if mindex.get(t.i) is not None and ents[mindex[t.i]].label == "PERSON"]
        if named:
            return named[-1]
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj", "xcomp"):
        for anc in verb.ancestors:  # "X said it “denies…” – adding that “…”": X adds
            if anc.pos_ == "VERB" and not in_quote(anc) and anc.lemma_.lower() in REPORTING_VERBS:
                return speaker_token(anc)
    j = verb.i - 1
    while j >= 0 and verb.doc[j].pos_ == "ADV":
        j -= 1
    if j >= 1 and verb.doc[j].text == "," and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        # "…, Natalia Zviagina, Amnesty International's Russia Director, said:" in a parse that lost the
        # subject: the person named before the appositive the verb follows
        k = j - 1
        while k > j - 14 and k >= 0 and verb.doc[k].text != "," and verb.doc[k].pos_ not in ("VERB", "AUX"):
            k -= 1
        if k >= 1 and verb.doc[k].text == "," and mention_index(verb.doc).get(verb.doc[k - 1].i) is not None:
            j = k - 1
    if j >= 0:
        prev = verb.doc[j]
        if mention_index(verb.doc).get(prev.i) is not None or prev.lower_ in ("he", "she"):
            root = prev
            mindex = mention_index(verb.doc)
            while root.head != root and mindex.get(root.head.i) == mindex.get(prev.i) and root.head.i < verb.i:
                root = root.head
            return root
    return subject_token(verb)


def object_token(verb: Token) -> Token | None:
    """The logical object: the direct object, or the subject of a passive verb."""
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return c
    for aux in verb.children:  # (a subject hung on the passive auxiliary)
        if aux.dep_ == "auxpass" and aux.i < verb.i:
            subj = next((c for c in aux.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return subj
    passive_aux = any(c.dep_ == "auxpass" for c in verb.children)
    for c in verb.children:
        if c.dep_ == "dobj" and not passive_aux:  # (a passive's object is retained: "was granted asylum")
            if c.lower_ in ("whom", "who", "that") and verb.dep_ == "relcl":
                return verb.head  # "the brothers, whom the agency had registered as refugees"
            return c
    if is_passive(verb):
        if verb.dep_ in ("relcl", "acl"):
            return verb.head
        if verb.dep_ == "conj" and passive_aux and not is_passive(verb.head):
            return subject_token(verb.head)  # "fled the country and was granted asylum": the one who fled
        if verb.dep_ in ("conj", "xcomp"):
            return object_token(verb.head) or subject_token(verb.head)
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            # "sentenced after being convicted", "released after being held for two years": the person the
            # governing verb is about
            outer = verb.head.head
            return object_token(outer) if is_passive(outer) else subject_token(outer)
    if verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBD") and is_passive(verb.head) and not any(
            c.dep_ in ("nsubj", "dobj", "dative") for c in verb.children):
        return object_token(verb.head)  # "was jailed in 2019 and sentenced in 2021": one passive subject (the
        # tagger reads a participle after "and" as a past tense too: "was charged and remanded in custody")
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb.tag_ == "VBN" and subj is not None and subj.i < verb.i and verb.i > 0 and verb.doc[verb.i - 1].text == "," \
            and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children):
        return subj  # a reduced passive set off by commas, read as the main verb: "The editor X, detained since
        # March 2022, went on hunger strike" (the person is detained; "The editor detained X" has no comma)
    if verb.tag_ == "VBN" and verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
        return subject_token(verb.head)  # reduced clause: "faces 30 years if convicted", "once released"
    if _series_participle(verb):
        return object_token(verb.head)
    return None


def agent_token(verb: Token) -> Token | None:
    """Who acts: the active subject, or the "by" phrase of a passive."""
    if is_passive(verb):
        for c in verb.children:
            if c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        return None
    return subject_token(verb)


def is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.i != verb.i and not any(
            c.dep_ in ("nsubj", "dobj") for c in verb.children) and is_passive(verb.head):
        return True  # "was jailed in 2019 and sentenced in 2021": the second verb is passive too
    if _series_participle(verb):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl") and not any(c.dep_ == "aux" for c in verb.children)


def _series_participle(verb: Token) -> bool:
    """ "was arrested, charged with sedition and remanded": a bare participle the parser hung on a passive
    verb as a clause of its own shares that verb's subject."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and verb.head.i != verb.i and not any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj", "mark", "aux", "auxpass") for c in verb.children) and any(
        c.dep_ in ("nsubjpass", "auxpass") for c in verb.head.children)


def np_text(tok: Token, drop_relative: bool = True) -> str:
    """Text of the noun phrase headed by ``tok`` without relative clauses and trailing punctuation."""
    doc = tok.doc
    skip: set[int] = set()
    if drop_relative:
        for c in tok.children:
            if c.dep_ in ("relcl", "acl", "appos", "punct") or (c.dep_ == "prep" and c.i > tok.i and c.lower_ != "of"):
                skip.update(t.i for t in c.subtree)
    toks = [t for t in tok.subtree if t.i not in skip]
    if not toks:
        return tok.text
    lo, hi = toks[0].i, toks[-1].i + 1
    span = doc[lo:hi]
    return span.text.strip(" ,;:\"“”'‘’")


def sentence_of(tok: Token | Span) -> Span:
    """The sentence holding a token (or a span's first token), from a per-doc cache.

    spaCy's ``Token.sent`` scans the document's sentences on every call; extractors ask often.
    """
    doc = tok.doc
    i = tok.i if isinstance(tok, Token) else tok.start
    table = doc.user_data.get("casetrail_sent_index")
    if table is None:
        bounds = [(s.start, s.end) for s in doc.sents]
        table = [0] * len(doc)
        for k, (a, b) in enumerate(bounds):
            for j in range(a, b):
                table[j] = k
        doc.user_data["casetrail_sent_index"] = table
        doc.user_data["casetrail_sent_bounds"] = bounds
    a, b = doc.user_data["casetrail_sent_bounds"][table[i]]
    return doc[a:b]


def sentence_bounds(sent: Span) -> tuple[int, int]:
    """Character offsets of a sentence without its surrounding whitespace."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return start, start + len(text.strip())


def paragraph_of(doc: Doc, char: int) -> int:
    """Index of the paragraph that holds character offset ``char``."""
    paras = doc._.casetrail_paragraphs or []
    for i, (s, e) in enumerate(paras):
        if s <= char <= e:
            return i
        if char < s:
            return max(i - 1, 0)
    return max(len(paras) - 1, 0)


