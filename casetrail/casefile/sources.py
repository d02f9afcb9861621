"""Which articles are independent sources: outlets, self-references and copies of one story.

Two articles are one source when they come from the same outlet ("The Post" and "Phnom Penh Post"
are one outlet when both occur), when one copies the other (a story republished: most of its word
shingles shared), or when both are a wire agency's story, whoever republished them: the text credits the
agency in its dateline ("CAIRO (AP) —"), a sign-off ("— AFP"), a credit line or "Reuters reported".
An article whose outlet is unknown is its own source unless it copies another.
The outlet of a text file is read from what the article says of itself ("told The Post", "Speaking
to RFA", "(Source: RFA)") when nothing better is given.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import numpy as np

NEWS_WORDS = r"(?:Post|Times|News|Daily|Herald|Journal|Radio|Press|Tribune|Guardian|Gazette|Chronicle|Service|" \
             r"Agency|Reuters|AFP|AP|RFA|VOA|BBC|Telegraph|Observer|Mail|Star|Globe|Review|Monitor|Diplomat)"
SELF_REFERENCE = re.compile(
    rf"\b(?:told|telling|speaking to|spoke to|talking to|said to|in an interview with|contacted by)\s+"
    rf"(?P<outlet>(?:the\s+|The\s+)?(?:[A-Z][\w’'&.-]*\s+){{0,3}}?{NEWS_WORDS}(?:’s|'s)?)", re.I)
OUTLET_ALIASES = {"rfa": "Radio Free Asia", "voa": "Voice of America", "afp": "Agence France-Presse",
                  "ap": "Associated Press", "bbc": "BBC"}


def outlet_from_text(body: str) -> str | None:
    """The outlet an article names as the one a source spoke to, if it names one consistently."""
    found: dict[str, int] = {}
    for m in SELF_REFERENCE.finditer(body):
        name = re.sub(r"(’s|'s)$", "", m.group("outlet")).strip()
        name = re.sub(r"^(the|The)\s+", "The ", name)
        if not name[:1].isupper() and not name.startswith("the "):
            continue
        name = name[0].upper() + name[1:]
        found[name] = found.get(name, 0) + 1
    if not found:
        return None
    best = max(found.items(), key=lambda kv: kv[1])[0]
    return OUTLET_ALIASES.get(best.lower(), best)


WIRES = {"ap": "Associated Press", "associated press": "Associated Press", "the associated press": "Associated Press",
         "reuters": "Reuters", "thomson reuters": "Reuters", "afp": "Agence France-Presse",
         "agence france-presse": "Agence France-Presse", "agence france presse": "Agence France-Presse",
         "dpa": "Deutsche Presse-Agentur", "efe": "EFE", "ansa": "ANSA", "xinhua": "Xinhua", "kyodo": "Kyodo News",
         "yonhap": "Yonhap", "upi": "United Press International", "anadolu": "Anadolu Agency", "tass": "TASS",
         "pti": "Press Trust of India", "ians": "IANS", "bernama": "Bernama", "ap news": "Associated Press"}
_WIRE_NAMES = "|".join(sorted((re.escape(k) for k in WIRES), key=len, reverse=True))
# The story is the agency's: its dateline ("CAIRO (AP) —"), a sign-off ("— AFP", "(Reuters)" closing the text),
# a credit line ("Reporting by …; Editing by …" is Reuters' own), or the text saying the agency reported it.
WIRE_CREDIT = re.compile(
    rf"^[A-Z][A-Z.'’ ,-]{{1,60}}\((?P<dateline>{_WIRE_NAMES})\)\s*[—–-]"
    rf"|(?:^|\n)\s*[—–-]\s*(?P<signoff>{_WIRE_NAMES})\s*$"
    rf"|\(c\)\s*(?P<copyright>{_WIRE_NAMES})\b"
    rf"|(?P<credit>^|\n)\s*\(?Reporting by [A-Z][^\n]{{0,200}}(?:Editing by|Writing by)"
    rf"|\b(?:the\s+)?(?P<reported>{_WIRE_NAMES}) (?:news agency )?reported\b", re.I | re.M)


def wire_credit(body: str, dateline: str | None = None) -> str | None:
    """The wire agency whose story this is, from what the text credits (None when it credits none). A photo
    credit ("AP Photo/…") names the photographer's agency, not the story's, and is not read here."""
    if dateline:
        m = re.search(r"\(([^)]+)\)", dateline)
        if m and m.group(1).lower().strip() in WIRES:
            return WIRES[m.group(1).lower().strip()]
    for m in WIRE_CREDIT.finditer(body):
        near_edge = m.start() < 400 or m.end() > len(body) - 300
        if m.group("credit") is not None and near_edge:
            return "Reuters"
        name = m.group("dateline") or m.group("signoff") or m.group("copyright") or m.group("reported")
        if name and near_edge:  # where a story credits its agency: its lead or its end ("TASS reported"
            # in the middle of a story cites the agency for one fact, it does not make the story the agency's)
            return WIRES[name.lower()]
    return None


def wire_of(body: str, dropped: list) -> str | None:
    """``wire_credit`` of a stored or prepared document: its body and the dateline the cleaner took off it."""
    return wire_credit(body, next((d[1] for d in dropped or [] if d[0] == "dateline"), None))


def outlet_key(outlet: str | None) -> str | None:
    if not outlet:
        return None
    words = re.findall(r"[a-z0-9]+", outlet.lower())
    words = [w for w in words if w not in ("the", "newspaper", "online", "com", "www")]
    key = " ".join(words)
    return OUTLET_ALIASES.get(key, key).lower() if key else None


def fingerprint(text: str) -> str:
    """A 64-bit SimHash of the text's word 3-grams (hex): copies of one story differ in few bits.

    Computed once when a document is stored, so finding copies needs no article text later.
    """
    words = re.findall(r"\w+", text.lower())
    grams = [" ".join(words[i:i + 3]) for i in range(max(len(words) - 2, 1))]
    digests = b"".join(hashlib.blake2b(g.encode(), digest_size=8).digest() for g in grams)
    bits = np.unpackbits(np.frombuffer(digests, dtype=np.uint8)).reshape(len(grams), 64)
    votes = bits.sum(axis=0) * 2 > len(grams)  # a bit is set where most n-grams set it
    return np.packbits(votes).tobytes().hex()


def _distance(a: str, b: str) -> int:
    return bin(int(a, 16) ^ int(b, 16)).count("1")


def copies(docs: list[dict[str, Any]], max_bits: int = 8) -> dict[str, str]:
    """doc id -> id of the earliest document it copies (itself when it copies none)."""
    prints = {d["id"]: d.get("fingerprint") or fingerprint(d.get("body") or "") for d in docs}
    out: dict[str, str] = {}
    ordered = sorted(docs, key=lambda d: (d.get("published") or "", d["id"]))
    for i, d in enumerate(ordered):
        out[d["id"]] = d["id"]
        for prev in ordered[:i]:
            if _distance(prints[d["id"]], prints[prev["id"]]) <= max_bits:
                out[d["id"]] = out[prev["id"]]
                break
    return out


def source_groups(docs: list[dict[str, Any]]) -> dict[str, str]:
    """doc id -> independent source label: one label per outlet, or per copied story."""
    keys = {d["id"]: outlet_key(d.get("outlet")) for d in docs}
    known = sorted({k for k in keys.values() if k}, key=len, reverse=True)
    canon: dict[str, str] = {}
    for k in known:
        # "post" is "phnom penh post" when both occur: the short form is a self-reference
        longer = next((o for o in known if o != k and o.endswith(" " + k)), None)
        canon[k] = longer or k
    copy_of = copies(docs)
    labels: dict[str, str] = {}
    for d in docs:
        k = keys[d["id"]]
        wire = outlet_key(d.get("wire"))  # a republished wire story is the agency's, whoever prints it
        if wire:
            labels[d["id"]] = f"outlet:{canon.get(wire, wire)}"
        else:
            labels[d["id"]] = f"outlet:{canon[k]}" if k else f"story:{copy_of[d['id']]}"
    for d in docs:  # a copy of a known outlet's story belongs to that outlet
        orig = copy_of[d["id"]]
        if labels[d["id"]].startswith("story:") and labels.get(orig, "").startswith("outlet:"):
            labels[d["id"]] = labels[orig]
    return labels


