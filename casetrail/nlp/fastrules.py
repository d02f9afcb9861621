"""spaCy's rule-based components given the same answers faster: casetrail's pipeline runs them on every token.

Two of the model's own components cost more than casetrail's extractors together (measured on the real
corpora: the attribute ruler 2.0 s, the rule lemmatizer 0.95 s, for 130 articles). Neither is changed in what it
does; each is given a quicker way to find what it already looks for, and falls back to spaCy's own where the
model holds a rule the quick way does not cover.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy import attrs as spacy_attrs
from spacy.language import Language
from spacy.tokens import Doc

# token attributes whose value is a string hash in Doc.to_array (an exact-value pattern compares hashes)
_HASHED = {"ORTH": spacy_attrs.ORTH, "TEXT": spacy_attrs.ORTH, "LOWER": spacy_attrs.LOWER,
           "NORM": spacy_attrs.NORM, "TAG": spacy_attrs.TAG, "DEP": spacy_attrs.DEP,
           "LEMMA": spacy_attrs.LEMMA, "SHAPE": spacy_attrs.SHAPE, "ENT_TYPE": spacy_attrs.ENT_TYPE}
# word attributes tried first when a pattern is indexed: the rarest values, so the fewest candidates per token
_SELECTIVE = ("ORTH", "TEXT", "LOWER", "NORM", "LEMMA", "DEP", "TAG", "SHAPE", "ENT_TYPE")


def index_lemma_lookups(nlp: Language) -> None:
    """The rule lemmatizer asks whether a candidate form is a known word of its part of speech; spaCy keeps
    those words as lists (57,000 nouns), scanned for every uncached token. Sets answer the same question."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or "lemma_index" not in lemmatizer.lookups.tables:
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for key in list(table.keys()):
        if isinstance(table[key], list):
            table[key] = frozenset(table[key])


def _attr_of(name: str) -> int | None:
    """The Doc.to_array column of a pattern key (hashed string attributes and IS_* flags), or None."""
    name = name.upper()
    if name in _HASHED:
        return _HASHED[name]
    if name.startswith("IS_") or name.startswith("LIKE_"):
        return getattr(spacy_attrs, name, None)
    return None


Check = tuple[str, int, str, Any]  # (key, column, operator: eq / in / not_in / regex, wanted value)


def _checks(spec: dict[str, Any], strings: Any) -> list[Check] | None:
    """A token spec as checks of one column each, or None when it holds what the quick matcher does not
    read (an operator such as ``OP`` or ``>=``, a fuzzy match, an extension, a morphology set): such a
    pattern is left to spaCy."""
    out: list[Check] = []
    for key, value in spec.items():
        name, col = key.upper(), _attr_of(key)
        if col is None:
            return None
        if name not in _HASHED:  # a flag: only an exact True/False
            if not isinstance(value, bool):
                return None
            out.append((name, col, "eq", int(value)))
        elif isinstance(value, str):
            out.append((name, col, "eq", strings.add(value)))
        elif isinstance(value, dict) and value and set(value) <= {"IN", "NOT_IN", "REGEX"}:
            for op, arg in value.items():
                if op == "REGEX":
                    if not isinstance(arg, str):
                        return None
                    out.append((name, col, "regex", re.compile(arg)))
                elif isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                    out.append((name, col, op.lower(), frozenset(strings.add(v) for v in arg)))
                else:
                    return None
        else:
            return None
    return out or None


class IndexedMatcher:
    """What ``spacy.matcher.Matcher`` returns for patterns of single tokens' values (exact, in a set, not in
    a set, a regular expression), found by looking each token's values up in an index of the patterns'
    first tokens instead of trying every pattern on every token. Built from a Matcher, it answers the
    attribute ruler's calls; anything else goes to that Matcher."""

    def __init__(self, matcher: Any, keys: Iterable[str], vocab: Any) -> None:
        self._matcher = matcher
        self._vocab = vocab
        self._keys = list(keys)
        self._build()

    def _build(self) -> None:
        """Index every pattern by its first token's most telling exact or set value (a pattern with none is
        tried everywhere); ``ready`` is False, and spaCy's Matcher answers, when a pattern holds more than
        such checks or a key has a callback."""
        self.ready = False
        strings = self._vocab.strings
        patterns: list[tuple[int, list[list[Check]]]] = []
        for key in self._keys:
            on_match, found = self._matcher.get(key)
            if on_match is not None:
                return
            for pattern in found:
                specs = [_checks(spec, strings) for spec in pattern]
                if not specs or any(s is None for s in specs):
                    return
                patterns.append((strings.add(key), specs))  # type: ignore[arg-type]
        columns = sorted({c[1] for _, specs in patterns for spec in specs for c in spec})
        self._columns = columns
        where = {col: n for n, col in enumerate(columns)}
        self._by_column: dict[int, dict[int, list[tuple[int, int, list[tuple[int, int, str, Any]]]]]] = {}
        self._everywhere: list[tuple[int, int, list[tuple[int, int, str, Any]]]] = []
        for key_id, specs in patterns:
            checks = [(k, where[col], op, want) for k, spec in enumerate(specs) for _, col, op, want in spec]
            entry = (key_id, len(specs), checks)
            keyed = [c for c in specs[0] if c[2] in ("eq", "in")]
            if not keyed:
                self._everywhere.append(entry)
                continue
            _, col, op, want = min(keyed, key=lambda c: (_SELECTIVE.index(c[0]) if c[0] in _SELECTIVE
                                                            else len(_SELECTIVE), c[2] != "eq"))
            table = self._by_column.setdefault(where[col], {})
            for value in ([want] if op == "eq" else sorted(want)):
                table.setdefault(value, []).append(entry)
        self._regex_memo: dict[tuple[int, int], bool] = {}
        self.ready = True

    def _holds(self, rows: list[list[int]], i: int, checks: list[tuple[int, int, str, Any]], strings: Any) -> bool:
        for k, at, op, want in checks:
            value = rows[i + k][at]
            if op == "eq":
                if value != want:
                    return False
            elif op == "in":
                if value not in want:
                    return False
            elif op == "not_in":
                if value in want:
                    return False
            else:
                memo = (id(want), value)
                hit = self._regex_memo.get(memo)
                if hit is None:
                    hit = self._regex_memo[memo] = bool(want.search(strings[value]))
                if not hit:
                    return False
        return True

    def __call__(self, doc: Doc, *, allow_missing: bool = False, as_spans: bool = False,
                 with_alignments: bool = False) -> Any:
        if not self.ready or as_spans or with_alignments or not allow_missing:  # (the attribute ruler's call)
            return self._matcher(doc, allow_missing=allow_missing, as_spans=as_spans,
                                 with_alignments=with_alignments)
        if not len(doc) or not self._columns:
            return []
        rows = doc.to_array(self._columns).tolist()
        if len(self._columns) == 1:
            rows = [[v] for v in rows]
        found: dict[tuple[int, int, int], None] = {}  # (an ordered set: one match per key and span, as spaCy's)
        n, holds, everywhere, strings = len(rows), self._holds, self._everywhere, doc.vocab.strings
        for i, row in enumerate(rows):
            for pos, table in self._by_column.items():
                candidates = table.get(row[pos])
                if candidates is None:
                    continue
                for key_id, length, checks in candidates:
                    if i + length <= n and holds(rows, i, checks, strings):
                        found[(key_id, i, i + length)] = None
            for key_id, length, checks in everywhere:
                if i + length <= n and holds(rows, i, checks, strings):
                    found[(key_id, i, i + length)] = None
        return list(found)

    def add(self, key: str, patterns: list, **kwargs: Any) -> None:
        """A rule added later (a user's own attribute rule) is indexed with the others."""
        self._matcher.add(key, patterns, **kwargs)
        if key not in self._keys:
            self._keys.append(key)
        self._build()

    def remove(self, key: str) -> None:
        self._matcher.remove(key)
        self._keys = [k for k in self._keys if k != key]
        self._build()

    def __len__(self) -> int:
        return len(self._matcher)

    def __contains__(self, key: str) -> bool:
        return key in self._matcher

    def __getattr__(self, name: str) -> Any:
        return getattr(self._matcher, name)


def index_attribute_rules(nlp: Language) -> None:
    """Give the model's attribute ruler the indexed matcher, where every one of its patterns is of exact
    values (those of the English models are: a word, a tag, a dependency); otherwise spaCy's Matcher stays."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    matcher = getattr(ruler, "matcher", None)
    if matcher is None or isinstance(matcher, IndexedMatcher):
        return
    quick = IndexedMatcher(matcher, [str(i) for i in range(len(ruler.attrs))], nlp.vocab)
    if quick.ready:
        ruler.matcher = quick
