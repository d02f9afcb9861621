"""Which articles are independent sources: outlets, self-references and copies of one story.

Two articles are one source when they come from the same outlet ("The Post" and "Phnom Penh Post"
are one outlet when both occur) or when one copies the other (a wire story republished: most of its
word shingles shared). An article whose outlet is unknown is its own source unless it copies another.
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
        labels[d["id"]] = f"outlet:{canon[k]}" if k else f"story:{copy_of[d['id']]}"
    for d in docs:  # a copy of a known outlet's story belongs to that outlet
        orig = copy_of[d["id"]]
        if labels[d["id"]].startswith("story:") and labels.get(orig, "").startswith("outlet:"):
            labels[d["id"]] = labels[orig]
    return labels


