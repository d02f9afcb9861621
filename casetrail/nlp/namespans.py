"""Name spans: which stretches of text are names, and which are not, before people are grouped.

NER is the start; these repairs finish the spans it cuts or runs on ("Ibraheem" + "Ali", "Hun Sen. Local"),
find the names it misses (inside lists of people, with a nickname inside, organisations at a sentence
start) and check what the text says of a one-word "person" (a place, a street, a thing listed with
things, a word the article also writes in lower case).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from casetrail.nlp.grammar import doc_text, in_quote, sentence_of, token_forms
from casetrail.nlp.groups import GROUP_NOUNS
from casetrail.nlp.lexicon import (
    OFFICIAL_NOUNS,
    ORG_NOUNS,
    ORG_WORDS,
    PERSON_NOUNS,
    PLACE_HEADS,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    THING_HEADS,
)
from casetrail.values.names import HONORIFICS, NAME_PARTICLES, NAME_SUFFIXES

# Nouns that begin an event noun phrase after a name the parser read as a modifier: "granted X house arrest".
EVENT_NOUN_STARTS = frozenset("house bail asylum refugee travel death prison jail life".split())
_NICKNAMED = re.compile(r"\b[A-Z][\w\-]+ [\"“‘][A-Z][\w\-]+[\"”’] [A-Z][\w\-]+(?: [A-Z][\w\-]+)?"
                        r"|[\"“][A-Z][\w\-]+(?: [A-Z][\w\-]+)?[\"”] [A-Z][\w]+(?:[ -][A-Z]?[\w]+){1,2}(?=,)")
_HONORIFIC_TOKENS = {h.rstrip(".") for h in HONORIFICS if " " not in h}
_ROLE_OR_PERSON_NOUNS = ROLE_NOUNS | PERSON_NOUNS


def is_honorific(tok: Any) -> bool:
    """A title before a name ("Mr.", "Judge"), capitalised."""
    return tok.text.rstrip(".").lower() in _HONORIFIC_TOKENS and tok.text[:1].isupper()


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A name span without the articles, punctuation and possessives NER leaves at its edges, cut at a
    parenthesis, a sentence end or a line break."""
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in ("the", "a", "an")
                           or not doc[start].text.strip() or doc[start].text in "•·"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].lower_ in ("'s", "’s", "’", "'")):
        end -= 1
    # a name ends before a parenthesis: "International Organisation for Migration (IOM"
    for i in range(start + 1, end):
        if doc[i].text in ("(", "["):
            end = i
            break
    # never let a name run across a sentence end: "Hun Sen. Local and international critics"
    for i in range(start, end - 1):
        t = doc[i]
        if (t.text == "." or (t.text.endswith(".") and len(t.text) > 3)) and doc[i + 1].text[:1].isupper():
            end = i if t.text == "." else i + 1
            break
    # never let a name run across a line break
    for i in range(start, end - 1):
        if "\n" in doc[i].whitespace_ or doc[i + 1].is_space:
            end = i + 1
            break
    return start, end


def is_acronym(text: str) -> bool:
    """An acronym such as "CNRP" or "U.S.": an organisation or a place, never a person's name."""
    return bool(re.fullmatch(r"[A-Z][A-Z.&]{1,9}", text.replace(" ", "")))


# A name whose last word is one of these is a place: "Ho Chi Minh City", "Svay Rieng Province".
PLACE_WORDS = frozenset("""
city province district county state street road avenue square island islands river lake mountain mountains
valley region village town prefecture oblast canton municipality lane drive close crescent terrace way grove
gardens estate park boulevard highway
""".split())


def unknown_word(tok: Any) -> bool:
    """A lower-case word the model's vectors do not know (never in a model without vectors): no English
    word, so inside a name a title or link of the name's own language ("qori", "oglu")."""
    return tok.is_alpha and tok.text.islower() and len(tok.text) >= 3 and tok.vocab.vectors.shape[0] > 0 \
        and not tok.has_vector


def looks_like_name(span: Span) -> bool:
    """Capitalised words, with hyphens and lower-case particles inside ("Kara-Murza", "bin Laden")."""
    words = [t for t in span if not is_honorific(t)]
    if not words or len([t for t in words if t.text not in "-‐'’"]) > 6:
        return False
    for k, t in enumerate(words):
        if any(c.isdigit() for c in t.text):
            return False
        if t.text in ("-", "‐", "'", "’", "“", "”", '"', "‘"):
            if k == 0 or k == len(words) - 1:
                return False
            continue  # a hyphen, an apostrophe, the marks around a nickname: Mohamed “Oxygen” Ibrahim
        if t.lower_ in NAME_PARTICLES and 0 < k < len(words) - 1:
            continue
        if t.lower_ in NAME_SUFFIXES and k >= 1:
            continue  # "Makhabat Tazhibek kyzy", "Rashad Vugar oglu Huseynli"
        if 0 < k < len(words) - 1 and unknown_word(t):
            continue  # a title or link of another language inside a name: "Rahmatulla qori Saidov"
        if k > 0 and words[k - 1].text in ("-", "‐") and not words[k - 1].whitespace_:
            continue  # "Jae-won", "al-Zawahiri"
        if not t.text[:1].isupper():
            return False
    return True


def role_word(tok: Any) -> bool:
    """A role noun, singular or plural ("Defendants", capitalised at a sentence start, is one)."""
    low = tok.lower_
    return low in ROLE_NOUNS or tok.lemma_.lower() in ROLE_NOUNS or (low.endswith("s") and low[:-1] in ROLE_NOUNS)


def has_org_word(span: Span) -> bool:
    """Whether a span holds a word that makes it an organisation ("party", "court", "watch")."""
    return any(t.lower_ in ORG_WORDS for t in span)


OF_LINKS = frozenset({"of", "for", "on"})
# Bodies an article names by nationality and kind: "the Polish foreign ministry", "Iran's judiciary".
DESCRIBED_ORGS = frozenset("""
ministry judiciary embassy government parliament presidency prosecutor's police department army office agency
council
""".split())


def _of_organisation(doc: Doc, i: int) -> int | None:
    """End of "Department of Justice", "Ministry of Foreign Affairs", "Committee for Human Rights" starting at
    token ``i`` (an organisation word, "of"/"for", then capitalised words), or None."""
    forms = token_forms(doc)
    if not (forms.lowers[i] in ORG_WORDS and forms.texts[i][:1].isupper() and i + 2 < len(doc)):
        return None
    if doc[i + 1].lower_ not in OF_LINKS:
        return None
    j = i + 2
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    k = j
    while k < len(doc) and k - j < 5 and doc[k].text[:1].isupper() and doc[k].is_alpha \
            and doc[k].ent_type_ != "DATE":  # ("the Court on Tuesday sentenced…": a day, not the court's field)
        k += 1
    return k if k > j else None


def organisations_missed(doc: Doc, out: list[tuple[int, int, str, str]], taken: set[int]
                          ) -> list[tuple[int, int, str, str]]:
    """Title-case names ending in an organisation word that NER missed, often at a sentence start:
    "Human Rights Watch demanded…", "Freedom Now Committee said…", and "the U.S. Department of Justice",
    "Poland's Ministry of Foreign Affairs" (an organisation word, "of", its field)."""
    for i in range(len(doc)):
        end = _of_organisation(doc, i)
        if end is None or any(x in taken for x in range(i, end)):
            continue
        start = i
        while start > 0 and (doc[start - 1].text[:1].isupper() and (doc[start - 1].is_alpha or is_acronym(
                doc[start - 1].text))) and "\n" not in doc[start - 1].whitespace_ and not doc[start - 1].is_sent_start:
            start -= 1  # "the U.S. Department of Justice", "the Supreme People's Court"
        out = [c for c in out if c[1] <= start or c[0] >= end]
        out.append((start, end, "ORG", "orgword"))
        taken.update(range(start, end))
    for ent in doc.ents:  # "the Polish foreign ministry", "Russia's defence ministry said"
        i = ent.start
        if ent.label_ not in ("NORP", "GPE", "ORG", "PERSON") or (ent.label_ in ("ORG", "PERSON") and len(ent) > 1):
            continue  # (a one-word place NER typed otherwise: "the Namangan regional police department")
        if i in taken and not any(c[0] <= i < c[1] and c[2] in ("ORG", "ORG?", "GPE?") for c in out):
            continue
        j = i + 1
        if j < len(doc) and doc[j].lower_ in ("'s", "’s"):
            j += 1
        k = j
        while k < len(doc) and k - j < 3 and doc[k].text.islower() and doc[k].is_alpha \
                and doc[k].lower_ not in DESCRIBED_ORGS and doc[k].pos_ in ("ADJ", "NOUN"):
            k += 1  # (modifiers only: "regional", "foreign"; never "lawyer says a")
        overlapped = [c for c in out if not (c[1] <= i or c[0] > k)]
        while k + 1 < len(doc) and doc[k].lower_ in DESCRIBED_ORGS and doc[k + 1].lower_ in DESCRIBED_ORGS:
            k += 1  # "police department"
        if k < len(doc) and doc[k].lower_ in DESCRIBED_ORGS \
                and all(c[2] in ("ORG", "ORG?", "GPE?") and c[0] >= i and c[1] <= k + 1 for c in overlapped) \
                and not any(x in taken for x in range(i, k + 1) if not any(c[0] <= x < c[1] for c in overlapped)):
            out = [c for c in out if c[1] <= i or c[0] > k]
            out.append((i, k + 1, "ORG", "described"))
            taken.update(range(i, k + 1))
    texts = token_forms(doc).texts
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < 6 and j not in taken and texts[j][:1].isupper() and doc[j].is_alpha \
                and not texts[j].isupper() and (j == i or "\n" not in doc[j - 1].whitespace_):
            j += 1
        if j - i >= 2 and doc[j - 1].lower_ in ORG_WORDS and doc[j - 1].pos_ == "PROPN":
            out.append((i, j, "ORG", "orgword"))
            taken.update(range(i, j))
        i = max(j, i + 1)
    return out

def nicknamed(doc: Doc, out: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """One person for a name with a nickname inside, which NER splits: Mohamed “Oxygen” Ibrahim."""
    text = doc_text(doc)
    for m in _NICKNAMED.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        before = doc[span.start - 1] if span.start > 0 else None
        named = any(t.ent_type_ in ("PERSON", "WORK_OF_ART", "ORG") for t in span)
        leading = m.group(0)[:1] in "\"“"
        if not ((before is not None and before.lower_ in ROLE_NOUNS) or named) or (
                span[0].is_sent_start and not leading):
            continue  # only where NER saw a name in it, or a role noun introduces it
        out = [c for c in out if c[1] <= span.start or c[0] >= span.end]
        out.append((span.start, span.end, "PERSON", "nickname"))
    return sorted(out)

def list_names(doc: Doc, out: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Names inside a list of people that NER missed or mistyped: "Hakan Altınay, Mine Özerden,
    Can Atalay, Tayfun Kahraman and …", "eight others - Sharjeel Imam, Mohd Saleem Khan, …".

    A capitalised run is a person when list separators bound it and a person stands next to it
    across a separator ("Mine" and "Can" are English words, so the tagger misses such names)."""
    persons = [(s, e) for s, e, label, _ in out if label == "PERSON"]
    if len(persons) < 2:
        return out
    firm = {i for s, e, label, _ in out if label in ("PERSON", "ORG") for i in range(s, e)}
    runs: list[tuple[int, int]] = []
    texts = token_forms(doc).texts
    i = 1
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < 4 and j not in firm and texts[j][:1].isupper() and (
                doc[j].is_alpha or re.fullmatch(r"\w+(?:[-'’]\w+)+", doc[j].text)) \
                and doc[j].ent_type_ not in ("GPE", "LOC", "DATE") and (j == i or doc[j - 1].whitespace_):
            j += 1
        # a one-word nationality ("Tajik") is no name; two words NER calls a nationality may be one
        if j > i and not (j - i == 1 and doc[i].ent_type_ == "NORP"):
            runs.append((i, j))
        i = max(j, i + 1)
    seps = {",", "and", "&", ";", "—", "–", "-", "‐", ":"}
    found: list[tuple[int, int]] = []
    changed = True
    while changed:
        changed = False
        ends = {e for _, e in persons}
        starts = {s for s, _ in persons}
        for s, e in runs:
            if (s, e) in found or not looks_like_name(doc[s:e]) or has_org_word(doc[s:e]):
                continue
            before, after = doc[s - 1], doc[e] if e < len(doc) else None
            left = before.lower_ in seps and (s - 1 in ends or (
                before.lower_ == "and" and doc[s - 2].text == "," and s - 2 in ends) or (
                before.text in "-—–:" and doc[s - 2].lower_ in ("others", "defendants", "co-defendants")))
            right = after is not None and after.lower_ in seps and (e + 1 in starts or (
                after.text == "," and e + 2 < len(doc) and doc[e + 1].lower_ == "and" and e + 2 in starts))
            if (left and (right or before.lower_ == "and" or (after is not None and after.lower_ in seps))) or (
                    right and before.lower_ in seps):
                found.append((s, e))
                persons.append((s, e))
                changed = True
    if not found:
        return out
    cut = {i for s, e in found for i in range(s, e)}
    kept = [c for c in out if not any(i in cut for i in range(c[0], c[1]))]
    return sorted(kept + [(s, e, "PERSON", "list") for s, e in found])

def said_to_be_a_person(doc: Doc, span: Span, words: list[Any]) -> bool:
    """What the text says of a one-word name NER calls a person: a place ("held in Melekhovo", "the
    court, Barnsley"), a street or place word after it ("Tennyson Lane"), or a common noun the
    article also writes in lower case ("Spice … smoking spice") is not a person."""
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in PLACE_WORDS and after.text[:1].isupper():
        return False
    if len(words) > 1:
        return True
    word = words[0]
    before = doc[word.i - 1] if word.i > 0 else None
    if before is not None and before.lower_ in ("in", "near", "outside", "inside", "across", "throughout", "at") \
            and not (after is not None and after.lower_ in ("'s", "’s")):
        return False
    if before is not None and before.text == "," and word.i >= 2 and doc[word.i - 2].lower_ in (
            "court", "city", "town", "county", "district", "province"):
        return False  # "… told the court, Barnsley …"
    joined = [c for c in (*word.conjuncts, word.head if word.dep_ == "conj" else word) if c.i != word.i]
    if any(c.pos_ == "NOUN" and c.text.islower() and c.lemma_.lower() not in _ROLE_OR_PERSON_NOUNS
           and c.lower_ not in GROUP_NOUNS for c in joined):
        return False  # "cocaine and Ketamin": a thing listed with things
    lower = doc.user_data.get("casetrail_lower_words")
    if lower is None:
        strings = doc.vocab.strings  # (from the token array: a Token per word costs more than the test)
        lower = doc.user_data["casetrail_lower_words"] = {
            w for w in (strings[o] for o in set(doc.to_array(ORTH).tolist())) if w.islower()}
    return word.lower_ not in lower

def name_head(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a first name NER left outside the person name after it."""
    t = doc[i]
    if not (t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and not t.text.isupper()):
        return False
    if "\n" in t.whitespace_ or role_word(t) or t.tag_ == "NNPS" or t.lower_ in ORG_WORDS or is_honorific(t):
        return False
    glued = t.dep_ == "compound" and t.head.i > i and t.head.ent_type_ == "PERSON" \
        and t.ent_type_ in ("", "GPE", "ORG", "LOC") and not role_word(t)  # "Samari Carolina" + "Gómez
    if not glued and (t.ent_type_ not in ("", "PERSON", "ORG") or (t.ent_type_ == "ORG" and t.ent_iob_ == "I")):
        return False  # Díaz": given names NER typed a place, that the parser hangs on the name
    prev = doc[i - 1] if i > 0 else None
    prev_glued = prev is not None and prev.dep_ == "compound" and prev.head.i == t.head.i and glued
    return prev is None or prev_glued or (prev.lower_ not in ("the", "a", "an") and not (
        prev.pos_ == "PROPN" and prev.ent_type_ in ("GPE", "ORG", "NORP")))

def name_tail(doc: Doc, i: int) -> bool:
    """Whether token ``i`` can continue the person name before it ("Dang Dinh" + "Manh")."""
    if doc[i].ent_type_ in ("", "PERSON"):
        return True
    if doc[i].ent_iob_ != "B" or doc[i].lower_ in ORG_WORDS or is_acronym(doc[i].text):
        return False
    # a one-word entity of another type glued to the name, not followed by more name words
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return nxt is None or nxt.ent_iob_ != "I"


def bare_role(words: list[Any]) -> bool:
    """A title or role written capitalised with no name in it: "Senior Researcher", "Deputy Chair", "Vice
    President", "Advocate", "All Prisoners"."""
    return bool(words) and all(role_word(t) or t.lower_ in ROLE_MODIFIERS or t.lower_ in ("and", "of", "the")
                               for t in words) and any(role_word(t) for t in words)


def part_of_a_thing(doc: Doc, span: Span, heads: frozenset[str] = THING_HEADS) -> bool:
    """A name that is a word of a thing's name: "the Sakharov prize", "Muyinga prison", "a Mansoura High
    Emergency State Security Court" (the capitalised run after it ends in a thing's or an organisation's word)."""
    j = span.end
    while j < len(doc) and j - span.end < 6 and doc[j].text[:1].isupper() and doc[j].is_alpha \
            and "\n" not in doc[j - 1].whitespace_:
        j += 1
    if j > span.end and (doc[j - 1].lower_ in ORG_WORDS or doc[j - 1].lower_ in heads):
        return heads is THING_HEADS or doc[j - 1].lower_ in heads
    k = j
    while k < len(doc) and k - j < 2 and doc[k].pos_ == "ADJ" and doc[k].text.islower():
        k += 1  # "the Pchum Ben religious holiday"
    after = doc[k] if k < len(doc) else None
    return after is not None and after.lower_ in heads and (after.text.islower() or j > span.end) \
        and span.root.dep_ in ("compound", "nmod", "amod")


# Nouns of settlements and areas a name in apposition is the name of: "the capital, Naypyitaw".
SETTLEMENT_NOUNS = frozenset("""
capital city town village province district region county suburb township municipality state prefecture
""".split())


CUSTODY_NAME_WORDS = frozenset("jail prison penitentiary gaol camp colony".split())


def described_as_a_thing(doc: Doc, span: Span) -> str | None:
    """What the text says a name is, when it is no person: "ORG" for an outlet or agency ("Belta, the
    state-owned agency", "the portal Belta"), "PLACE" for a place ("in Taman Desa, Ulu Tiram"), "PEOPLE" for
    a people ("Uyghurs and Hans", "the Uighur professor"); None when it may be a person."""
    root = span.root
    for c in root.children:
        if c.dep_ == "appos" and c.lemma_.lower() in ORG_NOUNS and c.i >= span.end and c.text.islower() \
                and c.left_edge.i <= span.end + 1:
            return "ORG"  # "Belta, the state-owned agency", not "X said: “BREAKING NEWS: …”"
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lemma_.lower() in ORG_NOUNS and before.text.islower():
        return "ORG"
    if root.dep_ == "appos" and root.head.ent_type_ in ("GPE", "LOC", "FAC") and root.head.i < span.start \
            and root.head.head.dep_ != "conj" and doc[span.start - 1].text == ",":
        return "PLACE"  # "in Taman Desa Cemerlang, Ulu Tiram": a place and the place it lies in
    if root.dep_ == "appos" and root.head.ent_type_ == "ORG" and root.head.i < span.start and len(span) == 1:
        return "ORG"  # "the Bolivarian Intelligence Service, Sebin": a body's short name
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head.lemma_.lower() in (
            "report", "investigation", "analysis", "article") and len(span) == 1:
        return "ORG"  # "according to a report by Rappler": an outlet
    if any(t.lower_ in CUSTODY_NAME_WORDS for t in span):
        return "PLACE"  # "Kot Lakhpat Jail", "Adiala Jail Rawalpindi": no person's name holds "Jail"
    if root.dep_ == "appos" and root.head.lemma_.lower() in SETTLEMENT_NOUNS and root.head.i < span.start:
        return "PLACE"  # "the capital, Naypyitaw"
    if len(span) == 1 and span.start >= 2 and doc[span.start - 1].text == "," \
            and doc[span.start - 2].lemma_.lower() in SETTLEMENT_NOUNS:
        return "PLACE"  # "the judge in the capital, Naypyitaw," (the parser hangs it on the judge)
    words = [t for t in span if not is_honorific(t)]
    if len(words) == 1:
        word = words[0]
        if word.tag_ == "NNPS" or any(c.tag_ == "NNPS" and c.ent_type_ in ("NORP", "")
                                      for c in (*word.conjuncts, *( [word.head] if word.dep_ == "conj" else []))):
            return "PEOPLE"  # "Uyghurs", "Uyghurs and Hans": peoples, not persons
        if word.text.endswith("s") and len(word.text) > 4 and any(
                t.text == word.text[:-1] and (t.ent_type_ in ("NORP", "GPE") or t.dep_ in ("amod", "nmod"))
                for t in doc):
            return "PEOPLE"  # "Uighurs" beside "the Uighur minority": a people's plural
        joined = [c for c in (*word.conjuncts, *([word.head] if word.dep_ == "conj" else [])) if c.i != word.i]
        if any((c.ent_type_ in ("NORP", "GPE") or (c.ent_type_ == "ORG" and c.text.endswith("s")))
               and c.pos_ == "PROPN" and c.ent_iob_ == "B" and (c.i + 1 >= len(doc) or doc[c.i + 1].ent_iob_ != "I")
               for c in joined):
            return "PEOPLE"  # one word listed with one-word groups or places: "Uyghurs and Hans"
        if word.dep_ in ("compound", "amod") and word.head.pos_ == "NOUN" and word.head.text.islower() \
                and word.head.lemma_.lower() in ROLE_NOUNS | {"minority", "community", "people"}:
            return "PEOPLE"  # "a Uighur professor", "the Uighur ethnic minority"
    return None


TITLE_BREAK = frozenset("""
to in for over at on with after from by of as amid into against under and or but says said held sentenced
jailed arrested detained freed released charged convicted acquitted denied faces gets given wins loses
""".split())


def headline_cut(doc: Doc, start: int, end: int) -> int:
    """Where a name ends in a title-case line: "Activist Jane Roe Sentenced To Five Years" is Jane Roe, "Ahmed
    Mansoor Held in Isolation" is Ahmed Mansoor. In a line whose words are nearly all capitalised, a name
    stops at a capitalised preposition or verb of the headline, or at the longest part of it that the
    article writes elsewhere as a name."""
    if not _title_case_line(doc, start):
        return end
    for i in range(start + 1, end):
        if doc[i].lower_ in TITLE_BREAK:
            return i
    if end - start >= 3:
        text = doc_text(doc)
        here = doc[start].idx
        for cut in range(end - 1, start + 1, -1):
            name = doc[start:cut].text
            rest = doc[start:end].text
            for m in re.finditer(re.escape(name), text):
                if m.start() != here and not text[m.start():].startswith(rest):
                    return cut
    return end


def _title_case_line(doc: Doc, i: int) -> bool:
    """Whether token ``i``'s sentence is a title-case line: four words or more, 70 % of them capitalised
    (cached per sentence: every name candidate asks)."""
    sent = sentence_of(doc[i])
    cache = doc.user_data.setdefault("casetrail_title_case_lines", {})
    found = cache.get(sent.start)
    if found is None:
        words = [t.text for t in sent if t.is_alpha]
        found = cache[sent.start] = len(words) >= 4 and sum(1 for w in words if w[:1].isupper()) >= 0.7 * len(words)
    return found


_TITLE_NOUNS = ROLE_NOUNS | OFFICIAL_NOUNS | {"police"}


def may_be_title(low: str) -> bool:
    """Whether a word, lower-cased, can be a ``title_word`` at all (before its token is looked at)."""
    return low in _TITLE_NOUNS or low.rstrip(".") in _HONORIFIC_TOKENS


def title_word(tok: Any) -> bool:
    """A role or title that may stand right before a name: "lawmaker", "Superintendent", "Police",
    "Minister", "writer"."""
    return tok.lower_ in _TITLE_NOUNS or is_honorific(tok)


# Verbs whose subject, passive or active, only a person can be: "X was charged", "X was jailed".
UNDERGONE = frozenset("charge arrest detain sentence convict jail imprison acquit abduct".split())


def appositive_names(doc: Doc, out: list[tuple[int, int, str, str]], taken: set[int]
                     ) -> list[tuple[int, int, str, str]]:
    """A capitalised name NER missed that the sentence shows to be a person's: a role describes it right
    after ("Ramjan Ali Pramanik, news editor of the local daily, …": a comma, then a role noun within three
    words), an age follows it ("Nurillo qori Tashpulatov, 58,"), or it undergoes what only people undergo
    ("Bilol Saidov was jailed for 15 days")."""
    texts = token_forms(doc).texts
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < 5 and j not in taken and (
                (texts[j][:1].isupper() and doc[j].pos_ == "PROPN" and doc[j].is_alpha
                 and doc[j].ent_type_ not in ("GPE", "NORP", "DATE", "ORG", "LOC"))
                or (j > i and j + 1 < len(doc) and texts[j + 1][:1].isupper() and _name_link(doc[j]))):
            j += 1
        if j - i >= 2 and looks_like_name(doc[i:j]) and not has_org_word(doc[i:j]) \
                and not any(role_word(t) for t in doc[i:j]) and (i == 0 or not doc[i - 1].text[:1].isupper()) \
                and (_role_after(doc, j) or _age_after(doc, j) or _undergoes(doc[j - 1])) and not in_quote(doc[i]):
            out.append((i, j, "PERSON", "appos"))
            taken.update(range(i, j))
        i = max(j, i + 1)
    return sorted(out)


def _name_link(tok: Token) -> bool:
    """A lower-case word that joins the parts of one name: a particle, a patronymic word, an unknown title."""
    return tok.text.islower() and (tok.lower_ in NAME_PARTICLES or tok.lower_ in NAME_SUFFIXES or unknown_word(tok))


def _age_after(doc: Doc, j: int) -> bool:
    """A name followed by an age set off by commas: "Anna Berg, 58, a teacher" (only people have ages)."""
    return j + 2 < len(doc) and doc[j].text == "," and re.fullmatch(r"[1-9]\d", doc[j + 1].text) is not None \
        and doc[j + 2].text in (",", ")", "—", "–")


def _role_after(doc: Doc, j: int) -> bool:
    return j + 1 < len(doc) and doc[j].text == "," and any(
        t.lower_ in ROLE_NOUNS and t.text.islower() for t in doc[j + 1:j + 4])


def _undergoes(head: Token) -> bool:
    """Whether a name's head word is the passive subject of a verb only people undergo ("was jailed"), or
    in apposition to that subject."""
    if head.dep_ == "appos" and head.head.dep_ == "nsubjpass":
        head = head.head  # "His son, Bilol Saidov, was jailed"
    verb = head.head
    return head.dep_ == "nsubjpass" and verb.i > head.i and verb.lemma_.lower() in UNDERGONE \
        and head.lower_ not in PLACE_WORDS


_OPEN_QUOTES = frozenset({"“", "\"", "‘", "'"})
_CLOSE_QUOTES = frozenset({"”", "\"", "’", "'"})




def patronymic_start(doc: Doc, s: int) -> int:
    """The start of a name whose family name follows a patronymic word ("Rashad Vugar oglu Huseynli"): the
    father's name before the word and the given name before it, the capitalised words of the same line,
    tagged as they may be (a given name at a sentence start is often read as a verb)."""
    if s < 2 or not doc[s - 1].text.islower() or not (doc[s - 1].lower_ in NAME_SUFFIXES or unknown_word(doc[s - 1])):
        return s  # (an unknown lower-case word links the same way: a title such as "Rahmatulla qori Saidov")

    def name_word(tok: Token) -> bool:
        return tok.is_alpha and tok.text[:1].isupper() and not tok.text.isupper() and not role_word(tok) \
            and not is_honorific(tok) and "\n" not in tok.whitespace_

    if not name_word(doc[s - 2]):
        return s
    s -= 2
    if s > 0 and name_word(doc[s - 1]) and doc[s - 1].ent_type_ not in ("GPE", "NORP", "ORG"):
        s -= 1
    return s


def nicknamed_names(doc: Doc) -> list[tuple[int, int]]:
    """Spans of names written with a nickname inside: a capitalised given name, one or two capitalised
    words in quote marks, then one or two capitalised names ("Mohamed “Oxygen” Ibrahim")."""
    out = []
    for i in range(len(doc) - 4):
        if not (doc[i].text[:1].isupper() and doc[i].is_alpha and doc[i].pos_ == "PROPN"
                and doc[i + 1].text in _OPEN_QUOTES):
            continue
        j = i + 2
        while j < min(len(doc), i + 4) and doc[j].text[:1].isupper() and doc[j].is_alpha:
            j += 1
        if j == i + 2 or j >= len(doc) or doc[j].text not in _CLOSE_QUOTES:
            continue
        k = j + 1
        while k < min(len(doc), j + 3) and doc[k].text[:1].isupper() and doc[k].is_alpha and doc[k].pos_ == "PROPN":
            k += 1
        if k > j + 1 and all("\n" not in t.whitespace_ for t in doc[i:k - 1]):
            out.append((i, k))
    return out


def untyped_name_after(doc: Doc, s: int, e: int, max_tokens: int) -> int | None:
    """End of a name NER typed only in part: a one-word place or group ("Aung") that is the compound of an
    untyped run of capitalised proper nouns ("San Suu Kyi") within one line, whose end the article names as
    a person elsewhere: the whole run is the name."""
    if e - s != 1 or doc[s].ent_type_ not in ("GPE", "NORP", "ORG", "LOC") or doc[s].dep_ != "compound":
        return None
    j = e
    while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].ent_type_ == "" and doc[j].is_alpha \
            and doc[j].text[:1].isupper() and "\n" not in doc[j - 1].whitespace_ and j - s < max_tokens:
        j += 1
    if j - e < 2 or doc[j - 1].dep_ == "compound" or doc[s].head.i not in range(e, j):
        return None
    span = doc[s:j]
    if any(t.tag_ == "NNPS" or t.lower_ in PLACE_WORDS | PLACE_HEADS for t in span) or has_org_word(span):
        return None  # "Hong Kong Baptist University": a thing's name
    tail = {doc[k:j].text for k in range(e, j - 1)}
    if not any(x.label_ == "PERSON" and x.text in tail for x in doc.ents):
        return None  # only when the article names the person so elsewhere ("Suu Kyi"), not "Xinjiang Victims
    return j  # Database"
