"""Compare what different articles say about one fact, meaningfully.

Values that mean the same are one value: "$200,000" and "800 million riel ($200,000)" (money compares
by value in a shared currency), "18 months" and "a year and a half", "defamation" and "defaming". Values
that differ are a discrepancy, shown side by side with their documents: 8 million riel and 800 million
riel, "intent to commit a felony" and "incitement to commit a felony" (each wording has a word the
other lacks; one merely more specific than the other is not a contradiction).
"""

from __future__ import annotations

import re
from typing import Any

from casetrail.values.dates import EventDate, compatible
from casetrail.values.durations import parse_duration, same_duration
from casetrail.values.money import Money, same_money

GENERIC = frozenset("""
the a an of to and or in on for with by charge charges count counts crime crimes offence offense offences
offenses alleged allegedly accused
""".split())


def stem(word: str) -> str:
    """A crude stem so that wordings of one charge compare equal (defamation = defaming)."""
    w = word.lower()
    for _ in range(3):
        for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "ed", "es", "s", "e"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                w = w[: -len(suffix)]
                break
        else:
            break
    return w


# One act named at two levels of detail: the broader wording covers the narrower one, so an outlet that
# writes "sexual assault" for another's "rape", or "spying" for "espionage", does not contradict it.
NARROWER = (
    ("rape", re.compile(r"\b(?:sexual|indecent)\s+(?:assault|violence|abuse|offen[cs]es?)\b", re.I)),
    ("espionage", re.compile(r"\bspy(?:ing)?\b", re.I)),
)


def _one_level(charge: str) -> str:
    for narrow, broad in NARROWER:
        charge = broad.sub(narrow, charge)
    return charge


def charge_words(charge: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[a-zA-Z]+", _one_level(charge)) if w.lower() not in GENERIC}


def same_charge(a: str, b: str) -> bool:
    """Two wordings of one charge (they share a content word) — the same or different wording."""
    wa, wb = charge_words(a), charge_words(b)
    return bool(wa & wb)


# Words that name one act in a charge's wording: "spreading", "disseminating" or "publishing" false news.
SYNONYMS = [frozenset(stem(w) for w in group.split()) for group in (
    "spread disseminate disseminating publish publishing broadcast share sharing circulate circulating",
    "false fake", "news information", "government authorities state", "overthrow topple")]


def _meaning(charge: str) -> set[str]:
    """A wording's content words, lower-case ones only (names of states and places are not the charge:
    "of the Turkish Republic" = "of the Republic of Turkey"), synonyms folded into one."""
    words = {stem(w) for w in re.findall(r"[a-zA-Z]+", _one_level(charge))
             if w.lower() not in GENERIC and not w[:1].isupper()}
    out = set()
    for w in words:
        group = next((g for g in SYNONYMS if w in g), None)
        out.add(min(group) if group else w)
    return out


def conflicting_wording(a: str, b: str) -> bool:
    """True when each wording of one charge says something the other does not ("intent to commit a felony" /
    "incitement to commit a felony", "public defamation" / "defamation of the ruling party"); rewordings
    agree ("spreading" / "disseminating false news", "the Turkish Republic" / "the Republic of Turkey")."""
    if not (is_offence(a) and is_offence(b)):
        return False  # a described conduct beside a charge is not a second wording of it
    wa, wb = _meaning(a), _meaning(b)
    return bool(wa - wb) and bool(wb - wa)


def money_of(value: dict[str, Any]) -> Money:
    eq = value.get("equivalent")
    equivalent = Money(eq["amount"], eq["currency"]) if eq else None
    return Money(value["amount"], value["currency"], bool(value.get("approximate")), value.get("text", ""),
                 equivalent)


def same_value(kind: str, a: Any, b: Any) -> bool:
    """Whether two attribute values of one kind mean the same thing."""
    if kind == "amount":
        return same_money(money_of(a), money_of(b))
    if kind == "duration":
        da, db = parse_duration(str(a)), parse_duration(str(b))
        if da and db:
            return same_duration(da, db)
        return str(a).lower() == str(b).lower()
    if kind == "date":  # "2022-08-15" and "--08-15" (an article with no year) are one day
        return compatible(EventDate(text="", value=str(a)), EventDate(text="", value=str(b)))
    if kind == "agent" and agent_kind(str(a)) != agent_kind(str(b)):
        return True  # "the Kingdom of Saudi Arabia" and its "Specialised Criminal Court": the state acts through it
    if kind in ("destination", "place", "origin", "agent", "beneficiary"):
        return _same_place(str(a), str(b))
    return str(a).strip().lower() == str(b).strip().lower()


def _same_place(a: str, b: str) -> bool:
    ka = re.sub(r"^(the)\s+", "", a.lower()).strip()
    kb = re.sub(r"^(the)\s+", "", b.lower()).strip()
    return ka == kb or ka in kb or kb in ka


STATE_WORDS = frozenset("kingdom republic state government authorities regime federation emirates junta".split())
COURT_WORDS = frozenset("court tribunal chamber bench".split())


def agent_kind(text: str) -> str:
    """What sort of actor an agent is: a court, a state, or another body or person. Only agents of one
    sort can contradict each other (a court and the state it belongs to are the same act told twice)."""
    words = {w.lower() for w in re.findall(r"[\w’'-]+", text)}
    if words & COURT_WORDS:
        return "court"
    if words & STATE_WORDS:
        return "state"
    return "other"


def named_agent(text: str) -> bool:
    """Whether an agent is named ("Moscow City Court", "Judge Erik Garcia") rather than described
    ("A Nicaraguan court", "the judge"): only named agents can contradict each other."""
    words = re.findall(r"[\w’'-]+", re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.I))
    caps = [w for w in words if w[:1].isupper()]
    return len(words) >= 2 and not text.isupper() and words[-1][:1].isupper() and len(caps) >= 2


def listed_charges_discrepancy(observations: list[tuple[list[str], str]]) -> list[dict[str, Any]]:
    """Articles that list different charges for one fact: a charge one names that matches none of
    another's ("treason" beside "undermining national integrity, spreading false news")."""
    per_doc: dict[str, list[str]] = {}
    for charges, doc in observations:
        items = per_doc.setdefault(doc, [])
        for c in charges:
            for item in re.split(r",\s*|\s+and\s+|;\s*", c):
                if charge_words(item) and not any(same_charge(item, x) for x in items):
                    items.append(item.strip())
    docs = [d for d, items in per_doc.items() if items]

    def unmatched(a: str, b: str) -> bool:
        # a charge one article names and the other does not, when it names an offence ("treason"); a described
        # conduct ("having a Twitter account") beside a charge is the same case told, not a contradiction
        return any(not any(same_charge(x, y) for y in per_doc[b]) and is_offence(x) for x in per_doc[a])

    values: list[dict[str, Any]] = []
    for d in docs:
        same = next((v for v in values if not unmatched(d, v["docs"][0]) and not unmatched(v["docs"][0], d)), None)
        if same is None:
            values.append({"value": ", ".join(sorted(per_doc[d], key=str.lower)), "docs": [d]})
        else:
            same["docs"].append(d)
    if len(values) >= 2 and not any(shares_a_charge(per_doc[a["docs"][0]], per_doc[b["docs"][0]])
                                    for a in values for b in values if a is not b):
        return []  # no charge in common at all: two different cases of one person, not one told two ways
    return values if len(values) >= 2 else []


OFFENCES = frozenset(stem(w) for w in """
treason sedition subversion terrorism espionage spying incitement inciting defamation libel slander fraud
corruption bribery embezzlement laundering blackmail extortion conspiracy extremism rebellion insurrection
separatism murder manslaughter assault rape theft robbery trafficking smuggling kidnapping treachery
blasphemy insulting hooliganism vandalism arson sabotage mutiny desertion perjury contempt disobedience
obstruction forgery tax evasion riot rioting assembly protest felony misdemeanor misdemeanour insult propaganda
unlawful illegal false fake disinformation misinformation
""".split())


def is_offence(charge: str) -> bool:
    """Whether a charge as written names an offence (a legal term), not a described conduct."""
    return bool(charge_words(charge) & OFFENCES) and len(charge.split()) <= 8


def shares_a_charge(a: list[str], b: list[str]) -> bool:
    """Whether two articles' charge lists have a charge in common (named alike or two ways)."""
    return any(same_charge(x, y) for x in a for y in b)


def label_of(kind: str, value: Any) -> str:
    """A short label for a value, as shown in a case file and in eval-export."""
    if kind == "amount" and isinstance(value, dict):
        return money_of(value).label()
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def group_values(kind: str, observations: list[tuple[Any, str]]) -> list[dict[str, Any]]:
    """Group (value, doc id) observations into distinct values, each with its documents."""
    groups: list[dict[str, Any]] = []
    for value, doc in observations:
        g = next((g for g in groups if same_value(kind, g["raw"], value)), None)
        if g is None:
            groups.append({"raw": value, "value": label_of(kind, value), "docs": [doc]})
        elif doc not in g["docs"]:
            g["docs"].append(doc)
    return groups


def charge_discrepancies(observations: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Discrepancies among charge wordings (wording, doc id): one per charge the articles word differently."""
    clusters: list[list[tuple[str, str]]] = []
    for obs in observations:
        home = next((c for c in clusters if any(same_charge(obs[0], o[0]) for o in c)), None)
        if home is None:
            clusters.append([obs])
        else:
            home.append(obs)
    out = []
    for cluster in clusters:
        values: list[dict[str, Any]] = []
        for wording, doc in cluster:
            v = next((v for v in values if not conflicting_wording(v["value"], wording)), None)
            if v is None:
                values.append({"value": wording, "docs": [doc]})
            else:
                if len(charge_words(wording)) > len(charge_words(v["value"])):
                    v["value"] = wording  # keep the more specific wording of the same meaning
                if doc not in v["docs"]:
                    v["docs"].append(doc)
        docs_per_value = [set(v["docs"]) for v in values]
        if len(values) >= 2 and len(set().union(*docs_per_value)) >= 2:
            out.append({"values": values})
    return out
