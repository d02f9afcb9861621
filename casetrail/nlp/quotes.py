"""Direct quotations and their speakers.

``casetrail_quotes`` takes the quote spans found by ``quotemarks`` and gives each a speaker:

1. the attribution in its own sentence: after it (``…,” Sok said``, ``…,” said Sok``), before it
   (``He continued: “…”``) or around a partial quote (``said the plea showed that his “back is…”``),
   preferring a reporting verb that governs the quote;
2. the attribution of the statement it belongs to (a multi-paragraph quote) or of the run of
   quote-only paragraphs it opens (the attribution often comes in the run's last paragraph);
3. the speaker of an earlier quote in the same paragraph, then the subject of the last reporting verb
   before it (the paragraph that introduced it).

Pronoun speakers come resolved from ``casetrail_coref``. Inside a quote, "I/me/my" then denote the
speaker and "he/she" the most salient other person; those resolutions are added to the coref map
so events inside quotes find their subjects. Quoted charge wording ("convicted of “incitement…”")
is kept but marked ``kind="charge"``: it is not speech.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from casetrail.nlp.coref import rank_people
from casetrail.nlp.grammar import (
    doc_text,
    entity_of_np,
    in_quote,
    is_first_person,
    mention_index,
    pronoun_gender,
    sentence_of,
    speaker_token,
)
from casetrail.nlp.lexicon import (
    DOCUMENT_NOUNS,
    ORG_SPEAKER_NOUNS,
    REPORTING_VERBS,
    ROLE_NOUNS,
    RULING_NOUNS,
    RULING_VERBS,
    WEAK_REPORTING_VERBS,
)
from casetrail.nlp.quotemarks import QuoteSpan
from casetrail.nlp.records import Quote

# Reporting verbs that take a target, not content: they introduce a quote only with a clause.
OBJECT_ONLY_VERBS = frozenset("criticise criticize accuse condemn denounce blast slam decry mock question".split())
# Nouns that can speak besides role nouns ("police said", "the ministry said").
SPEAKER_NOUNS = frozenset("police official officials authorities ministry government spokesperson group".split())
LEGAL_LEMMAS = frozenset("""
sentence convict charge guilty accuse arrest detain indict prosecute jail imprison want try fine
""".split())


class QuoteExtractor:
    """spaCy component: quotes with speakers (see module docstring)."""

    def __init__(self, nlp: Language, name: str, max_attribution_tokens: int) -> None:
        self.name = name
        self.max_attribution_tokens = max_attribution_tokens

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    # -- match: speakers for every top-level quote span ---------------------------------------
    def match(self, doc: Doc) -> list[dict]:
        """One dict per top-level quote span: span, speaker entity/text, how it was found, kind."""
        spans: list[QuoteSpan] = [q for q in (doc._.casetrail_quote_spans or []) if not q.nested]
        found: list[dict] = []
        group = -1
        speakers = self._narrative_speakers(doc)
        text = doc_text(doc)
        block = False
        for q in spans:
            if not q.continued_from_previous:
                block = _introduced_by_colon(text, q, doc._.casetrail_paragraphs or [])
            if not q.continued_from_previous or not block:
                group += 1  # a statement "X said:" over several paragraphs is one quote; a run of quoted
                # paragraphs in dialogue is a quote each (their speaker is still shared: ``_propagate``)
            rec = {"span": q, "group": group, "speaker": None, "speaker_text": None, "how": "none",
                   "kind": self._kind(doc, q), "speaker_token": None}
            led = self._colon_speaker(doc, q)
            verb = self._attribution(doc, q) if led is None else None
            if led is not None:
                rec.update(speaker=led, speaker_text=(doc._.casetrail_entities or [])[led].name, how="attribution")
            if verb is not None:
                self._set_from_verb(rec, verb, "attribution")
                tok = rec["speaker_token"]
                if tok is not None and pronoun_gender(tok) is not None:
                    # "…,” he said": the person who was speaking just before, not the topic of the story
                    last = self._last_speaker(doc, q, pronoun_gender(tok),
                                              [s for s in speakers if s[0] != verb.idx], found)
                    if last is not None:
                        rec.update(speaker=last, how="attribution")
            found.append(rec)
        self._propagate(doc, found)
        return found

    def _narrative_speakers(self, doc: Doc) -> list[tuple[int, int]]:
        """(offset, person) for every reporting verb outside quotes whose subject is a known person."""
        ents = doc._.casetrail_entities or []
        out = []
        for t in doc:
            if in_quote(t) or not self._is_reporting(t, quote_follows=False) or self._nested_report(t):
                continue
            subj = speaker_token(t)
            if subj is None or in_quote(subj):
                continue
            idx = entity_of_np(subj)
            if idx is not None and ents[idx].label == "PERSON":
                out.append((t.idx, idx))
        return out

    @staticmethod
    def _colon_speaker(doc: Doc, q: QuoteSpan) -> int | None:
        """A transcript or headline speaker: a paragraph that opens with a name and a colon,
        "Sera Kadigil: “If this was a lawful decision…”", "Kavala: “The opinion reflects…”"."""
        paragraphs = doc._.casetrail_paragraphs or []
        lo = paragraphs[q.paragraph][0] if q.paragraph < len(paragraphs) else 0
        prefix = doc_text(doc)[lo:max(q.open_mark, lo)]
        m = re.fullmatch(r"\s*([^\s:][^:\n]{0,60}?)\s*:\s*", prefix)
        base = lo
        if m is None and q.close_mark is not None and q.paragraph < len(paragraphs):
            # a pull quote signed with a dash: "‘He is paying a high price’ - Jane Roe"
            base = q.close_mark + 1
            m = re.fullmatch(SIGNATURE, doc_text(doc)[base:paragraphs[q.paragraph][1]])
        if m is None:
            return None
        span = doc.char_span(base + m.start(1), base + m.end(1), alignment_mode="contract")
        if span is None:
            return None
        idx = mention_index(doc).get(span[-1].i)
        ents = doc._.casetrail_entities or []
        if idx is None and base != lo:  # a signature line the mention finder skipped: the name as written
            idx = next((e.index for e in ents if e.label == "PERSON" and span.text in {e.name, *e.aliases}), None)
            return idx
        if idx is None or ents[idx].label not in ("PERSON", "ORG") or mention_index(doc).get(span[0].i) != idx:
            return None
        return idx

    @staticmethod
    def _nested_report(verb: Token) -> bool:
        """True for a reporting verb inside someone else's reported speech ("X said Sok had criticised")."""
        child = verb
        for head in verb.ancestors:
            if head.lemma_.lower() in REPORTING_VERBS and child.dep_ in ("ccomp", "xcomp") and not in_quote(head):
                return True
            child = head
        return False

    @staticmethod
    def _last_speaker(doc: Doc, q: QuoteSpan, gender: str, speakers: list[tuple[int, int]],
                      found: list[dict]) -> int | None:
        """The most recent person of compatible gender who spoke before the quote (narrative or quoted): "he"
        and "she" are people, never the organisation quoted in between."""
        ents = doc._.casetrail_entities or []
        paragraphs = doc._.casetrail_paragraphs or []
        lo = paragraphs[max(q.paragraph - 3, 0)][0] if paragraphs else 0
        cands = [(off, idx) for off, idx in speakers if lo <= off < q.open_mark]
        cands += [(r["span"].start, r["speaker"]) for r in found
                  if r["speaker"] is not None and r["how"] == "attribution" and lo <= r["span"].start < q.open_mark]
        for _off, idx in sorted(cands, reverse=True):
            if ents[idx].label == "PERSON" and ents[idx].gender in (None, gender):
                return idx
        return None

    def _kind(self, doc: Doc, q: QuoteSpan) -> str:
        """'charge' for quoted charge wording after a legal verb, 'title' for a named work, else 'speech'."""
        before = doc_text(doc)[max(q.open_mark - 40, 0):max(q.open_mark, 0)].lower().split()
        while before and before[-1] in ("the", "a", "an"):
            before.pop()
        if before and before[-1].strip(",:") in ("titled", "entitled", "headlined", "called", "named", "dubbed"):
            return "title"  # "an essay titled “Why the regime fears us”"
        if before and before[-1] in ("for", "of", "with", "under"):
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            sent = sentence_of(span) if span is not None else None
            if sent is not None and any(t.lemma_.lower() in LEGAL_LEMMAS and t.idx < q.open_mark for t in sent):
                return "charge"
        return "speech"

    def _attribution(self, doc: Doc, q: QuoteSpan) -> Token | None:
        """The reporting verb that attributes this quote within its sentence, if any."""
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            return None
        close = q.close_mark if q.close_mark is not None else q.end
        # 1. right after the closing mark: ",” Sok said" / ",” said Sok" / ",” he asked, adding"
        paragraphs = doc._.casetrail_paragraphs or []
        para_end = paragraphs[q.paragraph][1] if q.paragraph < len(paragraphs) else len(doc_text(doc))
        after = [t for t in doc[span.end:min(span.end + self.max_attribution_tokens, len(doc))]
                 if close < t.idx < para_end]
        for t in after:
            if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                return doc[t.i + 1]  # ",” according to X": the preposition stands in for the verb
            # stop at the next sentence: a full stop outside the quote between it and this token
            if in_quote(t) or re.search(r"[.!?]\s", doc_text(doc)[close + 1:t.idx] + " "):
                break
            if self._is_reporting(t, quote_follows=False):
                nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
                if nxt is not None and (nxt.text == ":" or nxt.lower_ == "that"):
                    break  # "He added: “…”", "– adding that the paper “…”": it introduces the next quote
                return t
            if t.text in (".", "!", "?") and t.i > span.end:
                break
        # 2. a reporting verb in the quote's sentence that governs it or introduces it
        sent = self._sentence_around(doc, span)
        candidates = [t for t in sent if not in_quote(t) and self._is_reporting(t, quote_follows=t.idx < q.start)]
        if not candidates:
            return None
        quote_tokens = [t for t in span if not t.is_punct]
        cand_ids = {t.i for t in candidates}
        for qt in quote_tokens[:3]:
            for anc in qt.ancestors:  # nearest governing verb first
                if anc.i in cand_ids:
                    return anc
        before = [t for t in candidates if t.idx < q.start]
        if before:
            return before[-1]
        return min(candidates, key=lambda t: abs(t.idx - q.end))

    @staticmethod
    def _sentence_around(doc: Doc, span: Span) -> Span:
        """The sentence holding the quote's opening, widened to the quote's end."""
        start = sentence_of(span[0]).start
        end = sentence_of(span[-1]).end
        return doc[start:end]

    @staticmethod
    def _is_reporting(t: Token, quote_follows: bool) -> bool:
        if t.lower_ in ("read", "reads") and t.pos_ in ("VERB", "NOUN") and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in PART_NOUNS | DOCUMENT_NOUNS | RULING_NOUNS
                for c in t.children):
            return True  # "the statement read", "part of the verdict read"
        if t.lemma_.lower() in RULING_VERBS and t.pos_ == "VERB" and _court_speaks(t):
            return True  # "The court ruled that his detention was aimed at “stifling pluralism”"
        if t.lemma_.lower() not in REPORTING_VERBS or t.pos_ not in ("VERB", "AUX"):
            return False
        if t.lemma_.lower() in WEAK_REPORTING_VERBS:
            # "He continued: “…”", "adding that “…”": only with a colon, "that" or a quote next to it
            nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            return bool(nxt is not None and (nxt.text in (":", ",") or nxt.lower_ == "that" or quote_follows))
        return True

    def _set_from_verb(self, rec: dict, verb: Token, how: str, depth: int = 0) -> None:
        if verb.lower_ == "to" and verb.i > 0 and verb.doc[verb.i - 1].lower_ == "according":
            subj = next((c for c in verb.children if c.dep_ == "pobj"), None)
        else:
            subj = speaker_token(verb)
        if subj is None:
            # inverted attribution: ",” said Sok" or ",” said the spokesman"
            subj = next((c for c in verb.children if c.dep_ in ("dobj", "attr", "npadvmod") and c.i > verb.i), None)
        if subj is None:
            subj = _named_after(verb)  # "”declared Laparra crying": the name right after the verb
        if subj is None or in_quote(subj):
            return
        if subj.lower_ in PART_NOUNS:  # "part of the verdict read", "an excerpt from the statement said"
            of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ in ("of", "from")), None)
            subj = next((c for c in of.children if c.dep_ == "pobj"), None) or next(
                (w for w in subj.doc[of.i + 1:of.i + 4] if w.pos_ == "NOUN"), subj) if of is not None else subj
        rec["speaker_token"] = subj
        rec["speaker"] = entity_of_np(subj, ("PERSON", "ORG"))  # "…,” Amnesty International said
        if rec["speaker"] is None and subj.pos_ == "NOUN" and subj.lemma_.lower() in DOCUMENT_NOUNS | ORG_SPEAKER_NOUNS:
            owner = _document_owner(subj)  # "the press release from the Justice Department", "Amnesty's statement"
            if owner is not None:
                rec["speaker"] = owner
        if rec["speaker"] is None and subj.pos_ == "NOUN" and not any(c.dep_ == "poss" for c in subj.children):
            if subj.lemma_.lower() in ORG_SPEAKER_NOUNS:
                rec["speaker"] = _recent_org(subj)  # "The group said in a statement"
            elif subj.lemma_.lower() in RULING_NOUNS:
                rec["speaker"] = _recent_org(subj, prefer="court")  # "the ruling said": the court's words
            elif subj.lemma_.lower() in DOCUMENT_NOUNS:
                rec["speaker"] = _statement_owner(subj.doc)  # "according to a statement"
        if rec["speaker"] is None and depth < 3 and (subj.lower_ == "it" or (
                subj.pos_ == "NOUN" and subj.lemma_.lower() in DOCUMENT_NOUNS | RULING_NOUNS)):
            earlier = self._it_reporter(verb)  # "The ruling said … It said that …": what spoke just before
            if earlier is not None:
                self._set_from_verb(rec, earlier, how, depth + 1)
                rec["speaker_token"] = subj
                rec["how"] = how if rec["speaker"] is not None else "unresolved"
                return
        person_like = subj.pos_ in ("PROPN", "PRON") or subj.lemma_.lower() in ROLE_NOUNS | SPEAKER_NOUNS
        rec["speaker_text"] = self._np_text(subj) if rec["speaker"] is not None or person_like else None
        rec["how"] = how if rec["speaker"] is not None else "unresolved"

    def _it_reporter(self, verb: Token) -> Token | None:
        """The reporting verb "it" continues: the last one before it, within two sentences, whose subject
        is not a person ("The new ruling said … It said that …")."""
        doc = verb.doc
        first = max(0, verb.sent.start - 120)
        for t in reversed(doc[first:verb.sent.start]):
            if in_quote(t) or not self._is_reporting(t, quote_follows=False):
                continue
            subj = speaker_token(t)
            if subj is None or subj.lower_ == "it" or subj.pos_ == "PRON":
                continue
            idx = entity_of_np(subj, ("PERSON", "ORG"))
            ents = doc._.casetrail_entities or []
            if idx is not None and ents[idx].label == "PERSON":
                return None  # a person spoke last: "it" is not them
            return t
        return None

    @staticmethod
    def _np_text(tok: Token) -> str:
        if tok.pos_ == "PRON":
            return tok.text
        toks = [t for t in tok.subtree if not in_quote(t) and t.dep_ not in ("relcl", "punct")]
        toks = [t for t in toks if not any(a.dep_ == "relcl" for a in t.ancestors if a.i in {x.i for x in toks})]
        if not toks:
            return tok.text
        return tok.doc[toks[0].i:toks[-1].i + 1].text.strip(" ,")

    def _propagate(self, doc: Doc, found: list[dict]) -> None:
        """Share speakers within statements and quote-only runs; fall back to paragraph context."""
        by_group: dict[int, list[dict]] = {}
        for rec in found:
            by_group.setdefault(rec["group"], []).append(rec)
        for recs in by_group.values():
            known = next((r for r in recs if r["speaker"] is not None or r["speaker_text"]), None)
            for r in recs:
                if known is not None and r["speaker"] is None and not r["speaker_text"]:
                    r.update(speaker=known["speaker"], speaker_text=known["speaker_text"], how="statement")
        paragraphs = doc._.casetrail_paragraphs or []
        # quote-only runs: consecutive paragraphs that are nothing but a quote, attribution at the end
        for i, rec in enumerate(found):
            if rec["speaker"] is not None or rec["speaker_text"] or rec["kind"] != "speech":
                continue
            q = rec["span"]
            same_para = [r for r in found[:i] if r["span"].paragraph == q.paragraph and r["kind"] == "speech"]
            earlier = next((r for r in reversed(same_para) if r["speaker"] is not None or r["speaker_text"]), None)
            if earlier is not None:
                rec.update(speaker=earlier["speaker"], speaker_text=earlier["speaker_text"], how="paragraph")
                continue
            ahead = self._run_attribution(doc, found, i, paragraphs)
            if ahead is not None:
                rec.update(speaker=ahead["speaker"], speaker_text=ahead["speaker_text"], how="run")
                continue
            intro = self._introducer(doc, q, paragraphs, found, i)
            if intro is not None:
                rec.update(intro)

    def _run_attribution(self, doc: Doc, found: list[dict], i: int, paragraphs: list) -> dict | None:
        """The attributed quote that ends the run of quote-only paragraphs starting at ``found[i]``."""
        para = found[i]["span"].paragraph
        for rec in found[i + 1:]:
            p = rec["span"].paragraph
            if p > para + 1:
                return None
            if not self._quote_led(doc, rec["span"], paragraphs):
                return None
            if rec["how"] in ("attribution",) and (rec["speaker"] is not None or rec["speaker_text"]):
                return rec
            para = p
        return None

    @staticmethod
    def _quote_led(doc: Doc, q: QuoteSpan, paragraphs: list) -> bool:
        """True when the quote opens its paragraph (nothing but the mark before it)."""
        lo = paragraphs[q.paragraph][0] if q.paragraph < len(paragraphs) else 0
        return doc_text(doc)[lo:max(q.open_mark, lo)].strip() == "" or q.continued_from_previous

    def _introducer(self, doc: Doc, q: QuoteSpan, paragraphs: list, found: list[dict], i: int) -> dict | None:
        """Subject of the last reporting verb before the quote, in its paragraph or the one before."""
        lo = paragraphs[q.paragraph - 1][0] if q.paragraph > 0 else 0
        window = doc.char_span(lo, max(q.open_mark, lo), alignment_mode="contract")
        prev_quote = next((r for r in reversed(found[:i]) if r["span"].paragraph >= q.paragraph - 1
                           and (r["speaker"] is not None or r["speaker_text"])), None)
        if window is not None:
            verbs = [t for t in window if not in_quote(t) and self._is_reporting(t, quote_follows=False)
                     and not self._nested_report(t) and (t.lemma_.lower() not in OBJECT_ONLY_VERBS
                                                         or any(c.dep_ == "ccomp" for c in t.children))]
            for verb in reversed(verbs):
                if prev_quote is not None and prev_quote["span"].start > verb.idx:
                    break
                rec: dict = {"speaker": None, "speaker_text": None, "how": "none", "speaker_token": None}
                self._set_from_verb(rec, verb, "introduced")
                if rec["speaker"] is not None:
                    return rec
        if prev_quote is not None:
            return {"speaker": prev_quote["speaker"], "speaker_text": prev_quote["speaker_text"], "how": "previous"}
        return None

    # -- set_annotations ---------------------------------------------------------------------
    def set_annotations(self, doc: Doc, found: list[dict]) -> None:
        """Write ``Doc._.casetrail_quotes`` and resolve pronouns inside each quote."""
        ents = doc._.casetrail_entities or []
        coref = dict(doc._.casetrail_coref or {})
        quotes: list[Quote] = []
        for rec in found:
            q: QuoteSpan = rec["span"]
            speaker = rec["speaker"]
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            sent = sentence_of(span[0]).text if span is not None else doc_text(doc)[q.start:q.end]
            role = None
            if speaker is not None and ents[speaker].roles:
                role = ents[speaker].roles[0]["role"]
            speaker_text = rec["speaker_text"] or (ents[speaker].name if speaker is not None else None)
            if speaker_text and speaker_text.lower() in PRONOUN_SPEAKERS:
                # "…,” he said": the person "he" is, or no speaker — never the word "he"
                speaker_text = ents[speaker].name if speaker is not None else None
            kind = rec["kind"]
            text = doc_text(doc)[q.start:q.end]
            if kind == "speech" and len(text.split()) <= 2 and rec["how"] not in ("attribution", "introduced"):
                kind = "term"  # a scare quote ("wrongfully detained", "No") is no quotation of anyone
            quotes.append(Quote(start=q.start, end=q.end, text=text, paragraph=q.paragraph,
                                speaker=speaker, speaker_text=speaker_text,
                                how=rec["how"], group=rec["group"], sentence=sent, role=role, kind=kind))
            if span is not None:
                self._resolve_inside(doc, span, speaker, coref)
        doc._.casetrail_quotes = quotes
        doc._.casetrail_coref = coref

    @staticmethod
    def _resolve_inside(doc: Doc, span: Span, speaker: int | None, coref: dict[int, int]) -> None:
        for tok in span:
            if tok.i in coref:
                continue
            if speaker is not None and is_first_person(tok):
                coref[tok.i] = speaker
                continue
            gender = pronoun_gender(tok)
            if gender is None or tok.pos_ != "PRON":
                continue
            ranked = rank_people(doc, span[0], gender, {speaker} if speaker is not None else set())
            if ranked:
                coref[tok.i] = ranked[0]


PRONOUN_SPEAKERS = frozenset("he she they it we i you him her them this that who".split())


# Nouns for a piece of what speaks: "part of the verdict read", "an excerpt from the statement".
PART_NOUNS = frozenset({"part", "parts", "excerpt", "excerpts", "extract", "portion", "copy", "passage"})
# What follows a pull quote on its line when it is signed: " - Jane Roe", " – Jane Roe, the group's director".
SIGNATURE = re.compile(r"\s*[-–—]\s*([^\s\-–—][^\n,]{0,60}?)\s*(?:,[^\n]{0,120})?")


def _introduced_by_colon(text: str, q: QuoteSpan, paragraphs: list[tuple[int, int]]) -> bool:
    """Whether a quote is announced by a colon: "… said on Monday: “…" in its paragraph, or a paragraph
    ending "… said:" right before it."""
    lo = next((s for s, e in paragraphs if s <= q.open_mark <= e), 0)
    before = text[lo:max(q.open_mark, lo)].rstrip()
    if before:
        return before.endswith(":")
    prev = [(s, e) for s, e in paragraphs if e <= lo]
    return bool(prev) and text[prev[-1][0]:prev[-1][1]].rstrip().endswith(":")


def _named_after(verb: Token) -> Token | None:
    """The person named right after a reporting verb that has no subject: "”declared Laparra crying"."""
    mindex = mention_index(verb.doc)
    ents = verb.doc._.casetrail_entities or []
    for t in verb.doc[verb.i + 1:verb.i + 4]:
        idx = mindex.get(t.i)
        if idx is not None and ents[idx].label == "PERSON":
            return t
        if t.is_punct:
            break
    return None


def _document_owner(doc_noun: Token) -> int | None:
    """Whose a statement, report or release is: its possessor or its "from"/"of"/"by" organisation or person."""
    for c in doc_noun.children:
        if c.dep_ == "poss":
            return entity_of_np(c, ("PERSON", "ORG"))
        if c.dep_ == "prep" and c.lower_ in ("from", "of", "by"):
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None:
                found = entity_of_np(obj, ("PERSON", "ORG"))
                if found is not None:
                    return found
    return None


def _court_speaks(verb: Token) -> bool:
    """Whether a ruling verb's subject is a court, a judge or a ruling ("the court", "the Court of X", "it")."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    words = {subj.lemma_.lower()} | {w.lower_ for w in subj.subtree if w.pos_ in ("PROPN", "NOUN")}
    return bool(words & ({"court", "tribunal", "judge", "bench"} | RULING_NOUNS))


def _recent_org(tok: Token, prefer: str | None = None) -> int | None:
    """The organisation named last before ``tok`` (whose name holds the noun, or ``prefer``, if one does)."""
    doc = tok.doc
    ents = doc._.casetrail_entities or []
    orgs = [m for m in doc._.casetrail_mentions or [] if m.entity is not None and ents[m.entity].label == "ORG"
            and m.end <= tok.idx and not in_quote(doc[m.tok_start])]
    word = prefer or tok.lemma_.lower()
    named = [m for m in orgs if word in ents[m.entity].name.lower()]
    if prefer == "court":  # the court that rules ("The European Court … has ruled"), not one it mentions
        ruling = [m for m in named if _rules(doc[m.tok_end - 1])]
        named = ruling or named
    pick = (named or orgs)[-1:] if orgs else []
    return pick[0].entity if pick else None


def _rules(name_end: Token) -> bool:
    """Whether the name ending at this token is the subject of a ruling verb ("the Court … ruled that")."""
    head = name_end
    while head.dep_ in ("compound", "flat", "pobj", "prep") and head.head.i != head.i:
        head = head.head
    return head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in RULING_VERBS


def _statement_owner(doc: Doc) -> int | None:
    """The organisation the article reports speaking most (the author of "a statement")."""
    counts: dict[int, int] = {}
    for t in doc:
        if t.lemma_.lower() in REPORTING_VERBS | {"demand", "conclude", "call", "urge"} and t.pos_ == "VERB" \
                and not in_quote(t):
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            idx = entity_of_np(subj, ("ORG",)) if subj is not None else None
            if idx is not None:
                counts[idx] = counts.get(idx, 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    top = [i for i, n in counts.items() if n == best]
    return top[0] if len(top) == 1 else None


@Language.factory("casetrail_quotes", default_config={"max_attribution_tokens": 12})
def make_quotes(nlp: Language, name: str, max_attribution_tokens: int) -> QuoteExtractor:
    """Factory for the quotes component."""
    return QuoteExtractor(nlp, name, max_attribution_tokens)
