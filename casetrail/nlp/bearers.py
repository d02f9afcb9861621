"""Who an event happens to, when the trigger is a noun or the parse hides the person.

"his arrest", "a warrant for X", "X faces trial", "handed him a sentence", "they are under surveillance",
"the prison term imposed on her", "the torture X suffered", "a sentence following a 2023 conviction",
"Mansoor's sentencing, which also includes a fine", "recognised as a political prisoner"; and the surface
repairs for parses that lose a verb's object ("sentenced ousted leader X", "…, former lawmaker C was
sentenced"). ``noun_bearer`` returns the token naming the person (resolved to an entity by the caller).
"""

from __future__ import annotations

from spacy.tokens import Token

from casetrail.nlp import groups
from casetrail.nlp.grammar import entity_of_np, mention_index, object_token, subject_token
from casetrail.nlp.lexicon import ROLE_NOUNS

# Verbs whose subject bears a noun event: "pay a fine", "face charges", "receive threats", "await trial".
BEARING_VERBS = frozenset("""
pay face receive serve get suffer endure undergo await stand obtain seek apply lift collect survive
""".split())
PROSECUTION = frozenset("prosecutor prosecutors prosecution procurator procuracy attorney state".split())


def _prosecution_asks(verb: Token) -> bool:
    """ "Prosecutors had sought a sentence of 15 years": the prosecution asks a penalty for someone else."""
    subj = subject_token(verb)
    return verb.lemma_.lower() in ("seek", "demand", "request", "want") and subj is not None and (
        subj.lemma_.lower() in PROSECUTION or subj.lower_ in PROSECUTION)


# Verbs whose subject issues a noun event on someone else: "the court issued a warrant for X".
ISSUING_VERBS = frozenset("issue impose grant order hand deliver file bring slap lodge level sign mete".split())
ARRESTING_NOUNS = frozenset("arrest detention release extradition".split())  # what a warrant or order is for
PARTY_NOUNS = frozenset("party group organisation organization movement union association league front".split())
# Nouns for a state a person is in: "under surveillance", "in hiding", "into exile", "in detention".
STATE_NOUNS = frozenset("""
surveillance hiding hideout exile detention custody prison jail arrest bars monitoring bail
""".split())


def surface_passive_subject(verb: Token) -> Token | None:
    """The person named right before "was sentenced" when the parse hangs the name elsewhere ("Apart from
    A and B, former lawmaker C was sentenced to six years": the parser makes C an apposition of B)."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    j = verb.i - 1
    while j >= 0 and verb.doc[j].dep_ in ("aux", "auxpass", "advmod", "neg"):
        j -= 1
    if j < 0 or j == verb.i - 1:
        return None  # no auxiliary between: not "C was sentenced"
    idx = mention_index(verb.doc).get(j)
    ents = verb.doc._.casetrail_entities or []
    return verb.doc[j] if idx is not None and ents[idx].label == "PERSON" else None

def surface_object(verb: Token) -> Token | None:
    """The person named right after an active verb when the parse gives no object.

    Parsers sometimes read "sentenced ousted leader Aung San Suu Kyi" as an adjective phrase; the
    name that follows the verb before any preposition or punctuation is still its object.
    """
    if verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or any(c.dep_ in ("auxpass", "nsubjpass")
                                                              for c in verb.children):
        return None  # (a participle read as an adjective, "the jailed activist X", also names its object)
    mindex = mention_index(verb.doc)
    ents = verb.doc._.casetrail_entities or []
    for t in verb.doc[verb.i + 1:verb.i + 8]:
        if t.is_punct or t.pos_ in ("ADP", "SCONJ") or (t.pos_ in ("VERB", "AUX") and t.dep_ not in (
                "amod", "compound")):
            return None
        idx = mindex.get(t.i)
        if idx is not None and ents[idx].label == "PERSON":
            return t
    return None


# Verbs by which someone utters accusations of their own ("made accusations against the minister").
MAKING_CLAIMS = frozenset("make level raise voice publish air post repeat hurl".split())


def prep_bearer(prep: Token, verb_lemmas: frozenset[str]) -> Token | None:
    """The person a prepositional phrase names: "of X", "for X", or the bearer of "for his arrest"."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    if obj.pos_ == "NOUN" and obj.lemma_ in ARRESTING_NOUNS:
        inner = noun_bearer(obj, verb_lemmas)
        if inner is not None:
            return inner
    if obj.tag_ == "NNS" and (obj.lemma_.lower() in ROLE_NOUNS or obj.lower_ in groups.GROUP_NOUNS):
        return obj  # "proceedings against the two activists, A and B": the group, resolved by ``_build``
    return obj if obj.pos_ in ("PROPN", "PRON") or entity_of_np(obj) is not None else None

def noun_bearer(noun: Token, verb_lemmas: frozenset[str]) -> Token | None:
    """The person a noun event happens to: "his arrest", "warrant for X", "X faces trial"."""
    base = noun.head if noun.dep_ == "compound" else noun  # "bail requirements", "asylum application"
    if noun.lemma_.lower() in ("allegation", "accusation"):
        # only "the allegations against X" are charges X faces ("her allegations of torture" are hers to make)
        against = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "against"), None)
        if noun.head.lemma_.lower() in MAKING_CLAIMS:
            return None  # "after making corruption accusations against the president": a critic's, no charge
        return next((c for c in against.children if c.dep_ == "pobj"), None) if against is not None else None
    if noun.lemma_.lower() in ("charge", "indictment"):
        for acl in (c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in ("allege", "accuse")):
            if acl.lemma_.lower() == "accuse":  # "an indictment accusing X of…"
                found = next((c for c in acl.children if c.dep_ == "dobj"), None)
            else:  # "filed criminal charges alleging that she facilitated…"
                clause = next((c for c in acl.children if c.dep_ == "ccomp"), None)
                found = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None) \
                    if clause is not None else None
            if found is not None:
                return found
    for n in (noun, base):
        poss = next((c for c in n.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
    penalty = base
    while penalty.dep_ == "conj" and penalty.head.i != penalty.i:
        penalty = penalty.head  # "to 12 years imprisonment and 3 years deprivation of political rights":
    # a second penalty conjoined to the term (the term itself is the sentence, no event of its own)
    if penalty is not base and penalty.dep_ == "pobj" and penalty.head.lower_ == "to" \
            and penalty.head.head.lemma_.lower() in ("sentence", "condemn") and penalty.head.head.pos_ == "VERB":
        return object_token(penalty.head.head) or surface_object(penalty.head.head)
    for n in (noun, base):  # "granted journalist Jose Ruben Zamora house arrest": the name read as a modifier
        glued = next((c for c in n.children if c.dep_ == "compound" and c.pos_ == "PROPN"
                      and entity_of_np(c) is not None), None)
        if glued is not None and n.head.lemma_.lower() in ISSUING_VERBS | {"give", "offer"}:
            return glued
    for n in (noun, base):
        for prep in n.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "against", "on"):
                found = prep_bearer(prep, verb_lemmas)
                if found is not None:
                    return found
    head = base.head
    if base.lemma_ in ("charge", "count"):
        # "she denied the charges", "pleaded not guilty to charges of sedition": charged, and disputes them
        plea = head
        if head.lower_ in ("to", "for", "on"):  # "pleaded not guilty to charges", "pleaded guilty for charges"
            plea = head.head.head if head.head.lower_ == "guilty" else head.head if head.head.lemma_ == "plead" \
                else head
        if plea.pos_ == "VERB" and (plea.lemma_.lower() == "plead" or (
                base.dep_ == "dobj" and plea.lemma_.lower() in ("deny", "reject", "dispute", "contest"))):
            return subject_token(plea)
    if base.lemma_ in ("compensation", "damages", "damage") and base.dep_ == "pobj" and head.lower_ == "in" \
            and head.head.dep_ == "dobj" and head.head.head.lemma_.lower() == "pay":
        return subject_token(head.head.head)  # "ordered to pay 800 million riel in compensation"
    if base.dep_ in ("dobj", "attr", "oprd", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        if head.lemma_.lower() in BEARING_VERBS and _prosecution_asks(head):
            for prep in head.children:  # "prosecutors sought a sentence of 15 years for X" (not theirs)
                if prep.dep_ == "prep" and prep.lower_ in ("for", "against"):
                    return next((c for c in prep.children if c.dep_ == "pobj"), None)
            return None  # whose, the article has just told
        if head.lemma_.lower() in BEARING_VERBS:
            return subject_token(head)
        if head.lemma_.lower() in ISSUING_VERBS | {"give", "deny", "refuse", "offer", "revoke"}:
            on = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")), None)
            if on is not None and base.dep_ == "dobj":  # "imposed a five-year sentence on X"
                found = next((c for c in on.children if c.dep_ == "pobj"), None)
                if found is not None and found.ent_type_ not in ("DATE", "TIME") and (
                        entity_of_np(found) is not None or found.pos_ == "PRON"):
                    return found
            dative = next((c for c in head.children if c.dep_ == "dative"), None)
            if dative is not None:
                return next((c for c in dative.children if c.dep_ == "pobj"), dative)
            to = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "to"), None)
            if to is not None:  # "denied bail to Umar Khalid"
                return next((c for c in to.children if c.dep_ == "pobj"), None)
            for prep in head.children:  # "a warrant was issued for the arrest of X", "… for X"
                if base.dep_ == "nsubjpass" and prep.dep_ == "prep" and prep.lower_ in ("for", "against"):
                    found = prep_bearer(prep, verb_lemmas)
                    if found is not None:
                        return found
            if any(c.dep_ == "nsubjpass" for c in head.children):  # (the noun itself: its own phrase)
                return next(c for c in head.children if c.dep_ == "nsubjpass")
        collecting = head.lemma_.lower() in ("demand", "seek", "collect", "get")
        if collecting and base.lemma_ in ("compensation", "damages"):
            frm = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "from"), None)
            if frm is not None:
                return next((c for c in frm.children if c.dep_ == "pobj"), None)
    if base.dep_ == "pobj" and base.head.dep_ == "prep":
        verb = base.head.head
        if base.head.lower_ in ("in", "behind", "under") and base.lemma_.lower() in STATE_NOUNS \
                and verb.pos_ in ("NOUN", "PROPN", "PRON") and verb.dep_ == "pobj" and verb.head.lower_ == "with":
            return verb  # "with all of them in custody", "with the journalist behind bars": an absolute clause
        if base.head.lower_ in ("under", "in", "into", "behind", "out", "on") and verb.pos_ in ("VERB", "AUX") \
                and base.lemma_.lower() in STATE_NOUNS:
            return subject_token(verb)  # "they are under surveillance", "went into hiding"
        if base.head.lower_ == "in" and verb.lemma_ == "pay":
            return subject_token(verb)  # "pay 800 million riel in compensation"
        if base.head.lower_ == "to" and verb.lemma_ in ("subject", "expose"):
            return object_token(verb)  # "where they were subjected to torture"
        if base.head.lower_ == "from" and base.lemma_ in ("hideout", "hiding", "exile"):
            return subject_token(verb) if verb.pos_ in ("VERB", "AUX") else None
        if base.head.lower_ in ("after", "following") and verb.pos_ == "NOUN" and verb.i != base.i \
                and base.lemma_.lower() in ("conviction", "arrest", "trial", "sentencing"):
            return noun_bearer(verb, verb_lemmas)  # "a ten-year sentence following a 2023 conviction": hers
        if base.head.lower_ in ("after", "following", "upon", "under", "with", "through", "via") \
                and verb.pos_ in ("VERB", "AUX") and (verb.lemma_.lower() in verb_lemmas or (
                    base.lemma_.lower() in ("conviction", "arrest", "trial", "sentencing")
                    and verb.lemma_.lower() in BEARING_VERBS) or (
                    verb.lemma_.lower() == "find" and any(c.lower_ == "guilty" for c in verb.children))):
            # ("found guilty after a lengthy trial": the verdict verb of a phrase)
            # "released after a presidential pardon", "serving ten years following a 2023 conviction" (not
            # "wrote on Twitter after the sentence")
            obj = object_token(verb)
            if obj is not None and entity_of_np(obj) is None and obj.pos_ == "NOUN":
                obj = None  # "serving a sentence following a conviction": whose, the subject says
            return obj or subject_token(verb)
    if base.dep_ == "dobj" and head.lemma_.lower() in ("include", "involve", "carry", "entail", "comprise") \
            and head.dep_ == "relcl" and head.head.pos_ == "NOUN":
        return noun_bearer(head.head, verb_lemmas)  # "Mansoor's sentencing, which also includes a fine"
    if base.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ in ("VERB", "AUX") \
            and base.lemma_.lower() in ("prisoner", "detainee", "refugee", "exile"):
        return object_token(head.head) or subject_token(head.head)  # "recognised as a political prisoner"
    for c in base.children:  # "the prison term imposed on her in 2019"
        if c.dep_ == "acl" and c.lemma_.lower() in ISSUING_VERBS:
            on = next((p for p in c.children if p.dep_ == "prep" and p.lower_ in ("on", "upon", "against")), None)
            if on is not None:
                return next((o for o in on.children if o.dep_ == "pobj"), None)
    for c in base.children:  # "the torture X suffered in prison", "the sentence she received"
        if c.dep_ == "relcl" and c.lemma_.lower() in BEARING_VERBS:
            subj = next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lower_ not in ("which", "that"):
                return subj
    return None

def organisation(tok: Token) -> int | None:
    """The organisation "his party" / "the party" denotes (a person's affiliation, the last party named)."""
    doc = tok.doc
    ents = doc._.casetrail_entities or []
    if tok.lemma_.lower() not in PARTY_NOUNS:
        return None
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    word = tok.lemma_.lower()
    if poss is not None:
        person = entity_of_np(poss)
        if person is not None:
            for role in ents[person].roles:
                for aff in role.get("affiliations", []):
                    hit = next((e for e in ents if e.label == "ORG" and (aff in e.aliases or aff == e.name)), None)
                    if hit is not None and (word in hit.name.lower() or len(hit.name) <= 6):
                        return hit.index
    mindex = mention_index(doc)
    for i in range(tok.i - 1, -1, -1):
        idx = mindex.get(i)
        if idx is not None and ents[idx].label == "ORG" and word in ents[idx].name.lower():
            return idx
    return None


# Parts of the body a blow lands on: "beat the soles of his feet", "broke two of his ribs".
BODY_PARTS = frozenset("""
head face feet foot sole soles hand hands leg legs arm arms back ribs rib body fingers finger nails toes
teeth eye eyes ear ears knee knees chest stomach neck genitals skin
""".split())


def body_owner(tok: Token) -> Token | None:
    """The person whose body part a noun phrase names: "his feet", "the soles of his feet", "her face"."""
    for _ in range(3):  # through "the soles of" / "two of"
        if tok.lemma_.lower() not in BODY_PARTS and tok.lower_ not in BODY_PARTS and tok.pos_ != "NUM":
            return None
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is None:
            return None
        tok = obj
    return None
