"""Gold files as evaluation sets: one corpus cut to some of its documents, several corpora joined.

The shared scorer reads one gold file; the accuracy gate and ``scripts/score.py`` score halves of a corpus
and corpora together (dev and dev2 as one set), so the gold is cut or merged first.
"""

from __future__ import annotations


def cut_gold(gold: dict, docs: set[str]) -> dict:
    """The gold restricted to some documents: their records, and entities seen in them (docs cut too)."""
    out = dict(gold)
    out["documents"] = [d for d in gold.get("documents", []) if d["doc"] in docs]
    ents = []
    for e in gold["entities"]:
        keep = [d for d in e.get("docs", []) if d in docs]
        if keep:
            ents.append(dict(e, docs=keep))
    out["entities"] = ents
    for key in ("quotes", "ignore_quotes", "events", "optional_events"):
        out[key] = [r for r in gold.get(key, []) if r["doc"] in docs]
    out["discrepancies"] = [d for d in gold.get("discrepancies", [])
                            if all(set(v["docs"]) & docs for v in d["values"][:2])]
    out["corroborations"] = [c for c in gold.get("corroborations", []) if set(c["docs"]) <= docs]
    return out


def merge_golds(golds: list[dict]) -> dict:
    """Several gold files as one: an entity id shared by two files is one entity (aliases and docs joined)."""
    out: dict = {"entities": [], "not_participants": {"names": []}}
    by_id: dict[str, dict] = {}
    for g in golds:
        for e in g["entities"]:
            have = by_id.get(e["id"])
            if have is None:
                by_id[e["id"]] = dict(e, aliases=list(e.get("aliases", [])), docs=list(e.get("docs", [])))
                out["entities"].append(by_id[e["id"]])
            else:
                have["aliases"] += [a for a in e.get("aliases", []) if a not in have["aliases"]]
                have["docs"] += [d for d in e.get("docs", []) if d not in have["docs"]]
        out["not_participants"]["names"] += g.get("not_participants", {}).get("names", [])
        for key in ("documents", "quotes", "ignore_quotes", "events", "optional_events", "discrepancies",
                    "corroborations"):
            out.setdefault(key, []).extend(g.get(key, []))
    return out
