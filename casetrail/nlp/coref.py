"""Second references to people: pronouns and role descriptions, resolved by salience rules.

No coreference model ships for spaCy 3.8, so ``casetrail_coref`` uses a salience model in the
spirit of Lappin and Leass: each mention of a person outside quotations adds weight by its
grammatical role (main-clause subject > subject > object > other), weight halves with every
sentence, and a pronoun goes to the most salient person of compatible gender that the binding
rules allow (an object pronoun never denotes its own clause's subject). Role descriptions ("the
political analyst", "the prime minister") go to the person whose stated role they repeat; a
critic-type description with no such person goes to the article's main non-official person.
Pronouns inside quotations are left to the quotes component, which knows the speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from casetrail.nlp.grammar import (
    doc_text,
    entity_of_np,
    in_quote,
    mention_index,
    pronoun_gender,
    subject_token,
)
from casetrail.nlp.lexicon import (
    CRITIC_NOUNS,
    OFFICIAL_NOUNS,
    PERSON_NOUNS,
    REPORTING_VERBS,
    ROLE_NOUNS,
    ROLE_SYNONYMS,
)
from casetrail.nlp.records import LocalEntity

CAUSATIVE_VERBS = frozenset({"have", "get", "make", "let", "see", "want", "need"})
ROLE_WEIGHTS = {"root_subject": 180, "subject": 150, "object": 130, "other": 100, "possessive": 90}


@dataclass
class Record:
    """One salience-bearing mention: entity, sentence index, weight."""

    entity: int
    sent: int
    weight: float
    token: int


def narrative_sentence_numbers(doc: Doc) -> dict[int, int]:
    """Token index -> sentence number, counting only sentences with words outside quotations.

    A long quotation then does not push the people introduced before it out of reach.
    """
    out: dict[int, int] = {}
    n = -1
    for sent in doc.sents:
        if any(not in_quote(t) and not t.is_punct and not t.is_space for t in sent):
            n += 1
        for t in sent:
            out[t.i] = max(n, 0)
    return out


def salience_scores(records: list[Record], sent: int, window: int, ents: list[LocalEntity],
                    before_token: int | None = None) -> dict[int, float]:
    """Salience of each person at sentence ``sent``: per sentence the strongest mention counts once,
    halved for every sentence back (many mentions in one sentence do not outweigh a recent subject)."""
    best: dict[tuple[int, int], float] = {}
    for r in records:
        dist = sent - r.sent
        if dist > window or dist < 0 or ents[r.entity].label != "PERSON":
            continue
        if before_token is not None and r.token >= before_token:
            continue
        key = (r.entity, r.sent)
        best[key] = max(best.get(key, 0.0), r.weight)
    scores: dict[int, float] = {}
    for (entity, s), w in best.items():
        scores[entity] = scores.get(entity, 0.0) + w * 0.5 ** (sent - s)
    return scores


def rank_people(doc: Doc, tok: Token, gender: str | None, exclude: set[int]) -> list[int]:
    """People ranked by salience just before ``tok`` (after the coref component ran)."""
    state = doc.user_data.get("casetrail_salience")
    if not state:
        return []
    records, sent_of, window = state
    ents = doc._.casetrail_entities or []
    scores = salience_scores(records, sent_of.get(tok.i, 0), window, ents, before_token=tok.i)
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    return [e for e, _ in ranked if e not in exclude and (not gender or ents[e].gender in (None, gender))]


def grammatical_weight(tok: Token) -> float:
    """Salience weight of a mention by its grammatical role (a name in apposition takes its head's)."""
    while tok.dep_ in ("appos", "conj", "compound", "oprd") and tok.head != tok and tok.head.pos_ in (
            "NOUN", "PROPN", "PRON", "VERB"):
        if tok.dep_ == "oprd":  # "an activist named Mao Vibol"
            tok = tok.head.head if tok.head.dep_ == "acl" else tok.head
            continue
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass"):
        w = ROLE_WEIGHTS["root_subject"] if tok.head.dep_ == "ROOT" else ROLE_WEIGHTS["subject"]
        if tok.head.lemma_ in REPORTING_VERBS:
            w += 30
        return w
    if tok.dep_ in ("dobj", "dative", "nsubjpass", "oprd"):
        return ROLE_WEIGHTS["object"]
    if tok.dep_ == "poss":
        return ROLE_WEIGHTS["possessive"]
    if tok.dep_ in ("appos", "compound") and tok.head.dep_ in ("nsubj", "nsubjpass"):
        return ROLE_WEIGHTS["subject"]
    return ROLE_WEIGHTS["other"]


def is_official(ent: LocalEntity) -> bool:
    """True for a person the article presents in an official role (spokesman, minister...)."""
    words: set[str] = set()
    for r in ent.roles:
        words.update(w.lower().strip(".,’'") for w in r["role"].replace("-", " ").split())
    if ent.parsed:
        for t in ent.parsed.titles:
            words.update(w.lower().strip(".") for w in t.split())
    if "opposition" in words or "former" in words:
        return False
    return bool(words & OFFICIAL_NOUNS) or {"prime", "minister"} <= words


DEFENDANT_ROLES = frozenset("convict accused defendant detainee prisoner inmate".split())
NOUN_GENDERS = {w: "f" for w in "woman girl mother wife daughter sister widow grandmother businesswoman "
                "spokeswoman chairwoman".split()} | {w: "m" for w in "man boy father husband son brother widower "
                                                   "grandfather businessman spokesman chairman".split()}


def _age_description(tok: Token) -> bool:
    """ "the 34-year-old": a person described by age alone."""
    return tok.lower_ == "old" and tok.i >= 3 and tok.doc[tok.i - 2].lower_ == "year" and tok.doc[tok.i - 4].like_num


def _one_of(tok: Token) -> Token | None:
    """The "one" of "one of the country's best-known journalists", which stands for a single person."""
    if tok.tag_ == "NNS" and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ == "one":
        return tok.head.head
    return None


def _role_head(role: str) -> str:
    """The head noun of a stated role: "Seng's lawyer" -> lawyer, "lawyer and human rights activist" -> activist."""
    words = [w for w in re.findall(r"[a-z]+", role.lower()) if w not in ("of", "the", "for", "at", "in")]
    head = words[-1] if words else ""
    for i, w in enumerate(words):
        if i + 1 < len(words) and words[i + 1] in ("of", "for") and w in ROLE_NOUNS:
            return w
    return head


# Verbs whose passive subject undergoes a penalty: the defendant, seldom the one who speaks for him.
UNDERGOING = frozenset("sentence jail imprison convict arrest detain charge indict try acquit pardon".split())
REPRESENTING = frozenset("lawyer attorney counsel advocate spokesman spokeswoman spokesperson representative".split())


def _undergoes(tok: Token) -> bool:
    """A pronoun that suffers a penalty: "he was sentenced", "he would have to serve another six months"."""
    if tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() in UNDERGOING:
        return True
    if tok.dep_ != "nsubj":
        return False
    verbs = [tok.head, *(c for c in tok.head.children if c.dep_ == "xcomp")]
    return any(v.lemma_.lower() in ("serve", "face") for v in verbs)


def represents_someone(ent: LocalEntity) -> bool:
    """A person stated as someone's lawyer or spokesman ("El-Baker's defense lawyer", "his attorney")."""
    return any(_role_head(r["role"]) in REPRESENTING and re.search(r"(’s|'s|\bhis\b|\bher\b|\btheir\b)", r["role"])
               for r in ent.roles)


JUDGING_WORDS = frozenset("judge justice magistrate prosecutor prosecutors".split())


def judges(ent: LocalEntity) -> bool:
    """A person the article presents as judging or prosecuting ("HIGH Court judge Justice X")."""
    words = {w.lower().strip(".,’'") for r in ent.roles for w in r["role"].split()}
    if ent.parsed:
        words.update(w.lower().strip(".") for t in ent.parsed.titles for w in t.split())
    return bool(words & JUDGING_WORDS)


def role_gender(ent: LocalEntity) -> str | None:
    """The gender a stated kinship or gendered role gives: "his sister, Marise" (f), "her husband" (m)."""
    found = {NOUN_GENDERS[h] for h in (_role_head(r["role"]) for r in ent.roles) if h in NOUN_GENDERS}
    return found.pop() if len(found) == 1 else None


def role_words(ent: LocalEntity) -> list[set[str]]:
    """Each stated role (and title) of an entity as a set of lower-cased words."""
    out = []
    for r in ent.roles:
        out.append({w.lower().strip(".,’'") for w in r["role"].replace("-", " ").split()})
    if ent.parsed:
        for t in ent.parsed.titles:
            out.append({w.lower().strip(".") for w in t.split()})
    return [words | {s for w in words for s in ROLE_SYNONYMS.get(w, ())} for words in out]


class CorefResolver:
    """spaCy component: pronoun and description resolution (see module docstring)."""

    def __init__(self, nlp: Language, name: str, window: int, min_main_mentions: int) -> None:
        self.name = name
        self.window = window
        self.min_main_mentions = min_main_mentions

    def __call__(self, doc: Doc) -> Doc:
        resolved, genders = self.match(doc)
        self.set_annotations(doc, resolved, genders)
        return doc

    # -- match ------------------------------------------------------------------------------
    def match(self, doc: Doc) -> tuple[dict[int, tuple[int, str]], dict[int, str | None]]:
        """Token index -> (entity index, how) for pronouns and descriptions; plus genders learned."""
        ents = doc._.casetrail_entities or []
        sent_of = narrative_sentence_numbers(doc)
        mindex = mention_index(doc)
        genders = {e.index: e.gender or role_gender(e) for e in ents}
        records: list[Record] = []
        resolved: dict[int, tuple[int, str]] = {}
        seen_mentions: set[int] = set()
        for tok in doc:
            if in_quote(tok):
                continue
            ent_idx = mindex.get(tok.i)
            if ent_idx is not None:
                m_root = self._mention_root(doc, tok)
                if m_root.i not in seen_mentions and ents[ent_idx].label == "PERSON":
                    seen_mentions.add(m_root.i)
                    records.append(Record(ent_idx, sent_of[tok.i], grammatical_weight(m_root), tok.i))
                continue
            if tok.lower_ in ("they", "them", "their") and tok.pos_ == "PRON":
                group = self._group(tok, resolved, sent_of)
                if group is not None:
                    resolved[tok.i] = (group, "group")
                continue
            gender = pronoun_gender(tok)
            if gender is None or tok.pos_ != "PRON":
                continue
            choice = self._own_subject(tok, resolved, genders, gender, ents)
            if choice is not None:
                genders[choice] = genders.get(choice) or gender
            else:
                choice = self._best(tok, records, sent_of[tok.i], gender, genders, ents)
            if choice is None:
                continue
            resolved[tok.i] = (choice, "pronoun")
            records.append(Record(choice, sent_of[tok.i], grammatical_weight(tok), tok.i))
        self._descriptions(doc, ents, records, sent_of, resolved)
        self._cataphora(doc, resolved, genders)
        self._fronted(doc, resolved, genders)
        doc.user_data["casetrail_salience"] = (records, sent_of, self.window)
        return resolved, genders

    @staticmethod
    def _cataphora(doc: Doc, resolved: dict[int, tuple[int, str]], genders: dict[int, str | None]) -> None:
        """A pronoun left unresolved in the sentence of a resolved lede description goes to that person:
        "A court convicted one of the country's best-known journalists and sentenced him to six years"."""
        by_sent: dict[int, int] = {}
        for i, (e, how) in resolved.items():
            if how == "description":
                by_sent.setdefault(doc[i].sent.start, e)
        if not by_sent:
            return
        for tok in doc:
            g = pronoun_gender(tok)
            if g is None or tok.pos_ != "PRON" or tok.i in resolved or in_quote(tok):
                continue
            e = by_sent.get(tok.sent.start)
            if e is not None and genders.get(e) in (None, g) and any(
                    i < tok.i and resolved[i][0] == e for i in resolved if doc[i].sent.start == tok.sent.start):
                resolved[tok.i] = (e, "pronoun")

    @staticmethod
    def _fronted(doc: Doc, resolved: dict[int, tuple[int, str]], genders: dict[int, str | None]) -> None:
        """A pronoun with no antecedent in a clause put before the main one is the main clause's named subject:
        "Weeks after she was given asylum in Canada, the blogger X spoke out"."""
        for tok in doc:
            g = pronoun_gender(tok)
            if g is None or tok.pos_ != "PRON" or tok.i in resolved or in_quote(tok):
                continue
            root = tok.sent.root
            if root.i <= tok.i or root.pos_ not in ("VERB", "AUX"):
                continue
            branch = next((c for c in root.children if c.dep_ in ("advcl", "prep", "npadvmod")
                           and c.left_edge.i <= tok.i <= c.right_edge.i and c.i < root.i), None)
            subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if branch is None or subj is None or subj.i < branch.right_edge.i:
                continue
            e = entity_of_np(subj)
            if e is not None and genders.get(e) in (None, g):
                resolved[tok.i] = (e, "pronoun")
                genders[e] = genders.get(e) or g

    @staticmethod
    def _group(tok: Token, resolved: dict[int, tuple[int, str]], sent_of: dict[int, int]) -> int | None:
        """"they" after "she and two fellow activists": the named person leading that group."""
        doc = tok.doc
        mindex = mention_index(doc)
        for j in range(tok.i - 1, -1, -1):
            if sent_of[j] < sent_of[tok.i] - 1:
                return None
            cand = doc[j]
            if cand.dep_ not in ("nsubj", "nsubjpass") or not any(c.dep_ == "conj" for c in cand.children):
                continue
            for member in (cand, *[c for c in cand.children if c.dep_ == "conj"]):
                idx = mindex.get(member.i)
                if idx is None and member.i in resolved:
                    idx = resolved[member.i][0]
                if idx is not None:
                    return idx
            return None
        return None

    @staticmethod
    def _mention_root(doc: Doc, tok: Token) -> Token:
        """The syntactic head of the mention ``tok`` belongs to."""
        mindex = mention_index(doc)
        ent = mindex[tok.i]
        cur = tok
        while cur.head != cur and mindex.get(cur.head.i) == ent:
            cur = cur.head
        return cur

    def _best(self, tok: Token, records: list[Record], sent: int, gender: str, genders: dict[int, str | None],
              ents: list[LocalEntity]) -> int | None:
        reporter = self._reporting_subject(tok, genders, gender)
        if reporter is not None:
            genders[reporter] = genders.get(reporter) or gender
            return reporter  # "Meas Nee said that he admired…": he is the one reporting
        scores = salience_scores(records, sent, self.window, ents)
        for idx in list(scores):
            if genders.get(idx) and genders[idx] != gender:
                del scores[idx]
        for idx in self._bound_out(tok):
            scores.pop(idx, None)
        if not scores:
            return None
        if _undergoes(tok):  # "He was sentenced to four years": not the lawyer who spoke for him, nor the judge
            for idx in scores:  # ("Judge X acquitted the journalist Y after he was charged with…": Y)
                if represents_someone(ents[idx]) or judges(ents[idx]):
                    scores[idx] *= 0.25
        ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
        best, top = ranked[0]
        if genders.get(best) is None and (len(ranked) == 1 or top >= 1.5 * ranked[1][1]):
            genders[best] = gender  # a confident resolution teaches the person's gender
        return best

    @staticmethod
    def _own_subject(tok: Token, resolved: dict[int, tuple[int, str]], genders: dict[int, str | None],
                     gender: str, ents: list[LocalEntity]) -> int | None:
        """A possessive's own clause subject: "Davies had taken advantage of his position" -> Davies."""
        if tok.dep_ != "poss":
            return None
        owner = tok.head
        verb = owner
        for _ in range(8):
            if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
                break
            verb = verb.head
        subj = subject_token(verb)
        if subj is None or subj.i == owner.i or subj.i > tok.i or tok in subj.subtree:
            return None
        idx = mention_index(tok.doc).get(subj.i)
        if idx is None and subj.i in resolved:
            idx = resolved[subj.i][0]
        if idx is None or ents[idx].label != "PERSON" or genders.get(idx) not in (None, gender):
            return None
        return idx

    @staticmethod
    def _reporting_subject(tok: Token, genders: dict[int, str | None], gender: str) -> int | None:
        """The subject of the reporting verb whose clause this subject pronoun opens, if it fits."""
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ccomp":
            return None
        verb = tok.head.head
        if verb.lemma_.lower() not in REPORTING_VERBS:
            return None
        subj = subject_token(verb)
        if subj is None or subj.i == tok.i or subj.i > tok.i:
            return None
        idx = entity_of_np(subj)
        if idx is None or genders.get(idx) not in (None, gender):
            return None
        return idx

    @staticmethod
    def _bound_out(tok: Token) -> set[int]:
        """Entities an object pronoun cannot denote: the subject of its own clause (binding principle B).

        Climbs through control and causative verbs: in "Hun Sen threatened to have him arrested",
        "him" cannot be Hun Sen.
        """
        if tok.dep_ == "poss" and tok.head.dep_ == "appos":
            # "Choung Chou Ngy, her lawyer, said": her is not the person the apposition describes
            idx = entity_of_np(tok.head.head) if tok.head.head.i != tok.head.i else None
            return {idx} if idx is not None else set()
        if tok.lower_ not in ("him", "her") or tok.dep_ == "poss":
            return set()
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        out: set[int] = set()
        for _ in range(4):
            subj = subject_token(verb)
            if subj is not None and subj.i != tok.i:
                idx = entity_of_np(subj)
                if idx is not None:
                    out.add(idx)
            causative = verb.dep_ == "ccomp" and verb.head.lemma_ in CAUSATIVE_VERBS
            if verb.dep_ != "xcomp" and not causative:
                break
            verb = verb.head
        return out

    def _descriptions(self, doc: Doc, ents: list[LocalEntity], records: list[Record], sent_of: dict[int, int],
                      resolved: dict[int, tuple[int, str]]) -> None:
        """Resolve "the political analyst", "a government critic" (lede only), "the prime minister"."""
        mindex = mention_index(doc)
        counts: dict[int, int] = {}
        for r in records:
            counts[r.entity] = counts.get(r.entity, 0) + 1
        persons = [e for e in ents if e.label == "PERSON"]
        critics = sorted((e for e in persons if not is_official(e)), key=lambda e: counts.get(e.index, 0),
                         reverse=True)
        main = critics[0] if critics else None
        if main is not None:
            top = counts.get(main.index, 0)
            runner_up = counts.get(critics[1].index, 0) if len(critics) > 1 else 0
            # the story's main person: mentioned at least twice and clearly more than anyone else
            if top < 2 or (top < self.min_main_mentions and top <= runner_up) or top == runner_up:
                main = None
        text = doc_text(doc)
        paragraphs = doc._.casetrail_paragraphs or [(0, len(text))]
        # the lede: the first paragraph long enough to be one (a headline or a byline above it is not), and the
        # next such paragraph too when the first is short (a photo caption kept above the story)
        long_ = [hi for lo, hi in paragraphs if len(text[lo:hi].split()) >= 15]
        lede_end = long_[0] if long_ else paragraphs[0][1]
        if len(long_) > 1 and len(text[:long_[0]].split()) < 45:
            lede_end = long_[1]
        for tok in doc:
            lemma = tok.lemma_.lower()
            age = _age_description(tok)
            if ((tok.pos_ != "NOUN" or (lemma not in ROLE_NOUNS and lemma not in PERSON_NOUNS)) and not age) \
                    or tok.i in mindex \
                    or in_quote(tok):
                continue
            if tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "appos") or entity_of_np(tok) is not None:
                continue
            if any(c.dep_ == "prep" and c.lower_ == "of" and any(mindex.get(x.i) is not None for x in c.subtree)
                   for c in tok.children):
                continue  # "the lawyer of Ivan Petrov" is someone else than Ivan Petrov
            one = _one_of(tok)  # "one of the country's best-known journalists"
            if tok.tag_ in ("NNS", "NNPS") and one is None:
                continue  # "all 12 defendants" is a group, never one person
            det = next((c for c in tok.children if c.dep_ in ("det", "poss")), None)
            if age and det is None and tok.i >= 5 and doc[tok.i - 5].lower_ == "the":
                det = doc[tok.i - 5]  # "The 34-year-old": the article stands before the number
            if one is None and (det is None or det.dep_ == "poss"):
                continue
            definite = det is not None and det.lower_ == "the" and one is None
            if not definite and not (tok.idx < lede_end):
                continue
            if age and definite:
                scores = salience_scores(records, sent_of[tok.i], self.window, ents)
                ranked = sorted((e for e in persons if not is_official(e)), key=lambda e: -scores.get(e.index, 0.0))
                if ranked and scores.get(ranked[0].index, 0.0) > 0:
                    resolved[tok.i] = (ranked[0].index, "description")  # "The 34-year-old was arrested"
                continue
            mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")}
            words = mods | {tok.lower_, tok.lemma_.lower()}
            matches = [e for e in persons if any(tok.lemma_.lower() in rw and (mods & rw or not mods)
                                                  for rw in role_words(e))]
            choice: LocalEntity | None = None
            if len(matches) > 1:  # "the lawyer": Seng's lawyer Chuong Choungy, not "a lawyer and activist"
                headed = [e for e in matches if any(_role_head(r["role"]) == tok.lemma_.lower() for r in e.roles)]
                # "Seng's lawyer Chuong Choungy" is the lawyer of the story, not "a Cambodian American lawyer"
                related = [e for e in headed if any(re.search(r"['’]s\b|\b(?:his|her|their)\b", r["role"], re.I)
                                                    and _role_head(r["role"]) == tok.lemma_.lower() for r in e.roles)]
                matches = headed if len(headed) == 1 else related if len(related) == 1 else matches
            if len(matches) == 1:
                choice = matches[0]
            elif len(matches) > 1:
                scores = salience_scores(records, sent_of[tok.i], self.window, ents)
                choice = max(matches, key=lambda e: scores.get(e.index, 0.0))
            elif main is not None and (words & CRITIC_NOUNS or "opposition" in words or (
                    definite and words & DEFENDANT_ROLES)):
                choice = main  # ("the convict told the court": the story's defendant)
            elif main is not None and not definite and not words & OFFICIAL_NOUNS and tok.idx < lede_end \
                    and (tok.dep_ in ("nsubj", "nsubjpass", "dobj") or one is not None) \
                    and (tok.head.dep_ == "ROOT" or (one is not None and one.head.dep_ in ("ROOT", "conj"))
                         or tok.head.pos_ == "VERB"):
                choice = main  # the lede's "A court sentenced a woman": who the story is about
            noun_gender = NOUN_GENDERS.get(tok.lemma_.lower())
            if choice is not None and noun_gender and choice.gender and choice.gender != noun_gender:
                choice = None  # "a woman" is not the man the story is about
            if choice is not None:
                resolved[tok.i] = (choice.index, "description")
                if one is not None:
                    resolved[one.i] = (choice.index, "description")

    # -- set_annotations --------------------------------------------------------------------
    def set_annotations(self, doc: Doc, resolved: dict[int, tuple[int, str]],
                        genders: dict[int, str | None]) -> None:
        """Write the resolutions to ``Doc._.casetrail_coref`` and the genders learned to the entities."""
        doc._.casetrail_coref = {i: e for i, (e, _how) in resolved.items()}
        doc.user_data["casetrail_coref_how"] = {i: how for i, (_e, how) in resolved.items()}
        for ent in doc._.casetrail_entities or []:
            if ent.gender is None and genders.get(ent.index):
                ent.gender = genders[ent.index]


@Language.factory("casetrail_coref", default_config={"window": 4, "min_main_mentions": 3})
def make_coref(nlp: Language, name: str, window: int, min_main_mentions: int) -> CorefResolver:
    """Factory for the coreference component."""
    return CorefResolver(nlp, name, window, min_main_mentions)
