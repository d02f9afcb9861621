"""Indirect speech and denials: "Sok said he had no faith in…", "X flatly rejected Sok's claims".

``casetrail_claims`` records every reporting verb outside quotations that carries content of its own
(a clause, or a statement noun it rejects) as a ``Claim`` with speaker and stance (assert, claim,
admit, deny); "according to X, …" too. Each denial is then linked to what it answers: the earlier
claims and quotes of the person whose statement it names ("Sok's claims"), chosen by shared words
when the denial gives the content ("Sok's claim that CPP leaders tried…"), or the events it names
("charges he denies" → the charge events against him).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from casetrail.domain.schema import ontology
from casetrail.nlp.grammar import (
    entity_of_np,
    in_quote,
    np_text,
    paragraph_of,
    sentence_bounds,
    sentence_of,
    speaker_token,
)
from casetrail.nlp.lexicon import (
    ADMIT_VERBS,
    CLAIM_VERBS,
    DENIAL_VERBS,
    REPORTING_VERBS,
    STATEMENT_NOUNS,
    WEAK_REPORTING_VERBS,
)
from casetrail.nlp.records import Claim

SAY_VERBS = frozenset("say tell add claim insist explain write state".split())
EVENT_NOUNS = frozenset("arrest detention charge charges conviction sentence warrant torture threat threats".split())
STOPWORDS = frozenset("""
the a an of to in on for and or that this these those is are was were be been he she it they him her his their
its them i we you our my me who which what with by from as at not no have has had will would could can do did
said say says told tell
""".split())


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _content_words(text: str) -> set[str]:
    """Content words of a statement, crudely stemmed, for matching a denial to what it denies."""
    return {_stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS and len(w) > 1}


class ClaimExtractor:
    """spaCy component: claims and denials (see module docstring)."""

    def __init__(self, nlp: Language, name: str, link_window: int) -> None:
        self.name = name
        self.link_window = link_window

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    # -- match -------------------------------------------------------------------------------
    def match(self, doc: Doc) -> list[Claim]:
        """One claim per reporting verb with content of its own, plus "according to" claims."""
        claims: list[Claim] = []
        for tok in doc:
            if in_quote(tok):
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                claim = self._according(doc, tok)
            elif tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in REPORTING_VERBS:
                claim = self._from_verb(doc, tok)
            else:
                claim = None
            if claim is not None:
                claims.append(claim)
        return claims

    def _from_verb(self, doc: Doc, verb: Token) -> Claim | None:
        lemma = verb.lemma_.lower()
        stance = ("deny" if lemma in DENIAL_VERBS else "claim" if lemma in CLAIM_VERBS
                  else "admit" if lemma in ADMIT_VERBS else "assert")
        content_toks = self._content_tokens(verb)
        has_clause = bool(content_toks)
        target_tok: Token | None = None
        if stance == "deny":
            target_tok = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if target_tok is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN":
                target_tok = verb.head  # "an allegation denied by party officials", "charges he denies"
            if target_tok is None and verb.head.i < verb.i and verb.head.lower_ in STATEMENT_NOUNS:
                target_tok = verb.head  # the same, when the parser took "charges" for a verb
            if not content_toks:
                gerund = next((c for c in verb.children if c.dep_ in ("xcomp", "dobj") and c.tag_ == "VBG"), None)
                if gerund is not None:  # "denied persecuting its critics"
                    content_toks = [t for t in gerund.subtree if not in_quote(t)]
                    has_clause = True
            if target_tok is not None and not content_toks:
                inner = next((c for c in target_tok.children if c.dep_ in ("acl", "ccomp")), None)
                content_toks = [t for t in inner.subtree if not in_quote(t)] if inner is not None else []
            deniable = target_tok is not None and target_tok.lemma_.lower() in STATEMENT_NOUNS | EVENT_NOUNS
            if not deniable and not has_clause:
                return None  # "rejected his efforts to lure him": refusing, not denying a statement
        if not content_toks and target_tok is None:
            return None
        if lemma in WEAK_REPORTING_VERBS and not content_toks:
            return None
        if content_toks and sum(in_quote(t) for t in content_toks) > len(content_toks) / 2:
            return None
        speaker_tok = self._speaker_token(verb)
        speaker = entity_of_np(speaker_tok) if speaker_tok is not None else None
        sent = sentence_of(verb)
        about = None
        target = None
        if target_tok is not None:
            target = np_text(target_tok)
            poss = next((c for c in target_tok.children if c.dep_ == "poss"), None)
            about = entity_of_np(poss) if poss is not None else None
        content, c_start, c_end = self._content_text(doc, content_toks)
        start = min([verb.idx, *([speaker_tok.idx] if speaker_tok is not None else [])])
        return Claim(start=start, end=sentence_bounds(sent)[1], speaker=speaker,
                     speaker_text=np_text(speaker_tok) if speaker_tok is not None else None, verb=verb.text,
                     content=content, stance=stance, sentence=sent.text.strip(),
                     paragraph=paragraph_of(doc, verb.idx), target=target, about=about,
                     content_start=c_start, content_end=c_end)

    @staticmethod
    def _content_tokens(verb: Token) -> list[Token]:
        """Tokens of what is said: the complement clause, or the clause before an inverted "…, X said"."""
        comp = next((c for c in verb.children if c.dep_ == "ccomp" and not in_quote(c)), None)
        if comp is not None:
            return [t for t in comp.subtree if not in_quote(t)]
        if verb.dep_ in ("conj", "parataxis", "ccomp") and verb.head.i < verb.i and verb.lemma_.lower() in SAY_VERBS:
            own = {t.i for t in verb.subtree}
            head_clause = [t for t in verb.head.subtree if t.i not in own and t.i < verb.i and not in_quote(t)]
            # the speaker's name sits between the content and the verb: cut the content before it
            mindex_cut = [t for t in head_clause if t.dep_ in ("appos",) and t.i < verb.i]
            if mindex_cut:
                cut = min(t.left_edge.i for t in mindex_cut)
                head_clause = [t for t in head_clause if t.i < cut]
            return head_clause
        return []

    @staticmethod
    def _content_text(doc: Doc, toks: list[Token]) -> tuple[str, int | None, int | None]:
        if not toks:
            return "", None, None
        span = doc[toks[0].i:toks[-1].i + 1]
        text = span.text
        start = span.start_char
        if text.lower().startswith("that "):
            text, start = text[5:], start + 5
        stripped = text.strip(" ,.")
        start += len(text) - len(text.lstrip(" ,."))
        return stripped, start, start + len(stripped)

    @staticmethod
    def _speaker_token(verb: Token) -> Token | None:
        if verb.dep_ in ("acl", "relcl") and any(c.dep_ == "agent" for c in verb.children):
            agent = next(c for c in verb.children if c.dep_ == "agent")
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        if verb.dep_ == "relcl":
            return next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return speaker_token(verb)

    def _according(self, doc: Doc, tok: Token) -> Claim | None:
        to = doc[tok.i + 1]
        src = next((c for c in to.children if c.dep_ == "pobj"), None)
        if src is None:
            return None
        sent: Span = sentence_of(tok)
        skip = {t.i for t in tok.subtree} | {t.i for t in to.subtree} | {tok.i, to.i}
        body = [t for t in sent if t.i not in skip and not t.is_punct]
        content = doc[body[0].i:body[-1].i + 1].text if body else ""
        return Claim(start=tok.idx, end=sentence_bounds(sent)[1], speaker=entity_of_np(src, ("PERSON", "ORG")),
                     speaker_text=np_text(src), verb="according to", content=content.strip(" ,."),
                     stance="assert", sentence=sent.text.strip(), paragraph=paragraph_of(doc, tok.idx))

    # -- set_annotations ---------------------------------------------------------------------
    def set_annotations(self, doc: Doc, claims: list[Claim]) -> None:
        """Write ``Doc._.casetrail_claims`` with every denial linked to what it answers."""
        quotes = doc._.casetrail_quotes or []
        events = doc._.casetrail_events or []
        for ci, claim in enumerate(claims):
            if claim.stance != "deny":
                continue
            self._link(claim, ci, claims, quotes, events, doc)
        doc._.casetrail_claims = claims

    def _link(self, denial: Claim, ci: int, claims: list[Claim], quotes: list, events: list, doc: Doc) -> None:
        lo_para = denial.paragraph - self.link_window

        def by_right_person(speaker: int | None) -> bool:
            if denial.about is not None:
                return speaker == denial.about
            return speaker is None or speaker != denial.speaker

        def before(para: int, start: int) -> bool:
            return start < denial.start or (para == denial.paragraph and start < denial.end and start != denial.start)

        near = (lambda para: True) if denial.about is not None else (lambda para: para == denial.paragraph)
        cand_claims = [i for i, c in enumerate(claims) if i != ci and c.stance != "deny"
                       and by_right_person(c.speaker) and before(c.paragraph, c.start)]
        cand_quotes = [i for i, q in enumerate(quotes) if q.kind == "speech" and by_right_person(q.speaker)
                       and before(q.paragraph, q.start)]
        if not _content_words(denial.content) or len(_content_words(denial.content)) < 2:
            # "rejected Sok's claims" reaches back; an unowned "the allegation" only within its paragraph
            cand_claims = [i for i in cand_claims if near(claims[i].paragraph)]
            cand_quotes = [i for i in cand_quotes if near(quotes[i].paragraph)]
        if len(_content_words(denial.content)) >= 2:
            # "Sok's claim that CPP leaders tried…": the statement that says the same, anywhere before
            best = self._best_match(doc, denial, [(claims[i], "c", i) for i in cand_claims]
                                    + [(quotes[i], "q", i) for i in cand_quotes])
            if best is not None:
                (denial.target_claims if best[0] == "c" else denial.target_quotes).append(best[1])
        if not denial.target_claims and not denial.target_quotes and denial.target:
            # "rejected Sok's claims": the person's latest statements; a denial with only its own
            # content ("denied that it holds prisoners") answers nothing it does not match
            recent_claims = [i for i in cand_claims if claims[i].paragraph >= lo_para]
            recent_quotes = [i for i in cand_quotes if quotes[i].paragraph >= lo_para]
            if recent_claims:
                denial.target_claims.append(recent_claims[-1])
            if recent_quotes and denial.about is not None:
                last_group = quotes[recent_quotes[-1]].group
                denial.target_quotes.extend(i for i in recent_quotes if quotes[i].group == last_group)
        # "charges he denies", "denied the arrest": the events of that type against the person
        target_words = set(re.findall(r"\w+", (denial.target or "").lower()))
        if target_words & {"accusation", "accusations", "allegation", "allegations"}:
            target_words |= {"charge", "charges"}  # "he denies the accusations": the charges against him
        accused = denial.about if denial.about is not None else denial.speaker
        for ei, ev in enumerate(events):
            names = {t.words[0] for t in ontology().event_types[ev.type].triggers if t.kind in ("noun", "verb")}
            if target_words & (names | {n + "s" for n in names}) and ev.subject == accused:
                denial.target_events.append(ei)

    @staticmethod
    def _best_match(doc: Doc, denial: Claim, cands: list[tuple]) -> tuple[str, int] | None:
        """The candidate statement closest to the denial's content (shared words, then word vectors)."""
        wanted = _content_words(denial.content)
        has_vectors = doc.vocab.vectors.shape[0] > 0
        d_span = (doc.char_span(denial.content_start, denial.content_end, alignment_mode="expand")
                  if has_vectors and denial.content_start is not None else None)
        scored = []
        for obj, kind, i in cands:
            text = obj.content if kind == "c" else obj.text
            overlap = len(wanted & _content_words(text))
            sim = 0.0
            if d_span is not None and d_span.vector_norm:
                s, e = ((obj.content_start, obj.content_end) if kind == "c" else (obj.start, obj.end))
                span = doc.char_span(s, e, alignment_mode="expand") if s is not None else None
                if span is not None and span.vector_norm:
                    sim = float(d_span.similarity(span))
            score = overlap + 3 * sim
            if overlap >= 2 or sim >= 0.8:
                scored.append((score, kind, i))
        if not scored:
            return None
        best = max(scored)
        return best[1], best[2]


@Language.factory("casetrail_claims", default_config={"link_window": 3})
def make_claims(nlp: Language, name: str, link_window: int) -> ClaimExtractor:
    """Factory for the claims component."""
    return ClaimExtractor(nlp, name, link_window)
