"""Find the trigger words and phrases of the ontology in a document, in one pass.

One-word triggers are a dictionary lookup per token (by form and by lemma, since statistical
lemmatisers slip: "fined" -> "fin"). Phrases ("go into hiding", "want by the Kingdom's authorities")
are indexed by their first word and matched token by token from there, optional words and one-token
wildcards included. Both are linear in the document, unlike a general pattern matcher.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from casetrail.domain.schema import Ontology, Trigger, inflections
from casetrail.nlp.grammar import TokenForms, token_forms

ANY = frozenset()  # marker: any token that is not punctuation
HYPHENS = ("-", "–", "‐")


@dataclass(frozen=True)
class Element:
    """One position of a phrase: the forms it accepts (``ANY`` for a wildcard) and whether it may be absent."""

    forms: frozenset[str]
    optional: bool


@dataclass
class Hit:
    """A trigger found at tokens [start, end)."""

    trigger: Trigger
    start: int
    end: int


def _forms(word: str) -> frozenset[str]:
    return frozenset({word, *inflections(word, "verb"), *inflections(word, "noun")})


def compile_phrase(trigger: Trigger, authorities: tuple[str, ...]) -> list[Element]:
    """A phrase trigger's words as elements ("?x" optional, "*" any token, "AUTHORITY" an authority)."""
    out = []
    for w in trigger.words:
        optional = w.startswith("?")
        w = w.lstrip("?")
        if w == "*":
            out.append(Element(ANY, optional))
        elif w == "AUTHORITY":
            out.append(Element(frozenset(f for a in authorities for f in _forms(a)), optional))
        else:
            out.append(Element(_forms(w), optional))
    return out


def _accepts(el: Element, forms: TokenForms, i: int) -> bool:
    if el.forms is ANY:  # any word, and the hyphens inside one ("a seven-year prison term")
        return forms.words[i] or forms.lowers[i] in HYPHENS
    return forms.lowers[i] in el.forms or forms.lemmas[i] in el.forms


def _match(forms: TokenForms, i: int, elems: list[Element], k: int) -> int | None:
    """End of the longest match of elems[k:] starting at token i, or None."""
    if k == len(elems):
        return i
    el = elems[k]
    best = None
    if i < len(forms.lowers) and _accepts(el, forms, i):
        best = _match(forms, i + 1, elems, k + 1)
    if el.optional:
        skipped = _match(forms, i, elems, k + 1)
        if skipped is not None and (best is None or skipped > best):
            best = skipped
    return best


def _first_forms(elems: list[Element]) -> set[str]:
    out: set[str] = set()
    for el in elems:
        out |= el.forms
        if not el.optional:
            break
    return out


class TriggerIndex:
    """Every trigger of an ontology, ready to scan documents."""

    def __init__(self, onto: Ontology) -> None:
        self.words: dict[tuple[str, str], list[Trigger]] = {}
        self.phrases: dict[str, list[tuple[Trigger, list[Element]]]] = {}
        for trig in onto.triggers_by_key.values():
            if trig.kind == "phrase":
                elems = compile_phrase(trig, onto.authorities)
                for form in _first_forms(elems):
                    self.phrases.setdefault(form, []).append((trig, elems))
            else:
                for form in {trig.words[0], *inflections(trig.words[0], trig.kind)}:
                    self.words.setdefault((trig.kind, form), []).append(trig)
        # lemmas of the verbs that are events themselves ("release", "flee")
        self.verb_lemmas = frozenset(trig.words[0] for trig in onto.triggers_by_key.values() if trig.kind == "verb")
        # every form a hit can start at: most tokens are none of these and are passed over at once
        self.starts = frozenset({form for _, form in self.words} | set(self.phrases))

    def find(self, doc: Doc) -> list[Hit]:
        hits: list[Hit] = []
        forms = token_forms(doc)
        starts = self.starts
        for i, (lower, lemma) in enumerate(zip(forms.lowers, forms.lemmas, strict=True)):
            if lower not in starts and lemma not in starts:
                continue
            kind = forms.kinds[i]
            if kind is not None:
                for trig in self.words.get((kind, lower)) or self.words.get((kind, lemma)) or ():
                    hits.append(Hit(trig, i, i + 1))
            seen: set[str] = set()
            for key in (lower, lemma):
                for trig, elems in self.phrases.get(key, ()):
                    if trig.key in seen:
                        continue
                    end = _match(forms, i, elems, 0)
                    if end is not None and end > i:
                        seen.add(trig.key)
                        hits.append(Hit(trig, i, end))
        return hits
