"""Long documents in bounded windows, so that time and memory grow linearly with the text.

The parser and the extractors see one window at a time: a window ends at a paragraph break when it
can, else at a sentence end, else at a space, else at a hard cap, so ``body[a:b]`` of consecutive
windows rebuild the body exactly. ``merge`` joins the windows' results into one document's result:
offsets shifted back to the body, one local entity per person across windows (same name, or a one-word
reference that is exactly one person's conventional second reference), and every cross-reference
(mentions, speakers, subjects, claims' targets) renumbered.
"""

from __future__ import annotations

import re
from typing import Any

from casetrail.values.names import name_key, parse_name, token_key

DEFAULT_WINDOW_CHARS = 12_000
DEFAULT_TIME_BUDGET = 600.0  # seconds one document may take before it is kept unextracted
_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_SPACE = re.compile(r"\s+")


def split_windows(body: str, limit: int = DEFAULT_WINDOW_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive windows of at most ``limit`` characters covering ``body`` exactly."""
    if limit <= 0:
        raise ValueError("window limit must be positive")
    out: list[tuple[int, int]] = []
    start = 0
    n = len(body)
    while n - start > limit:
        hi = start + limit
        floor = start + limit // 4  # never cut a window shorter than a quarter of the limit
        cut = None
        for pattern in (_PARAGRAPH, _SENTENCE, _SPACE):
            last = None
            for m in pattern.finditer(body, floor, hi):
                last = m
            if last is not None:
                cut = last.end()
                break
        out.append((start, cut if cut is not None and cut > start else hi))
        start = out[-1][1]
    out.append((start, n))
    return out


def shift_offsets(rec: dict[str, Any], shift: int) -> None:
    """Move a record's body offsets by ``shift`` (a window's start)."""
    if not shift:
        return
    for key in ("start", "end", "content_start", "content_end"):
        if rec.get(key) is not None:
            rec[key] += shift
    for ev in rec.get("evidence", []):
        ev["start"] += shift
        ev["end"] += shift


class Merger:
    """Accumulates the results of a document's windows into one result (see module docstring)."""

    def __init__(self) -> None:
        self.entities: list[dict[str, Any]] = []
        self.mentions: list[dict[str, Any]] = []
        self.quotes: list[dict[str, Any]] = []
        self.claims: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.by_key: dict[tuple[str, str], int] = {}
        self.refs: dict[str, set[int]] = {}  # conventional one-word reference -> people it names
        self.groups = 0

    def _find(self, ent: dict[str, Any]) -> int | None:
        idx = self.by_key.get((ent["label"], name_key(ent["name"])))
        if idx is not None or ent["label"] != "PERSON":
            return idx
        parsed = parse_name(ent["name"])
        if len(parsed.tokens) == 1:  # "Sok" in a later window: the one person it is the second reference of
            hits = self.refs.get(token_key(parsed.tokens[0]), set())
            return next(iter(hits)) if len(hits) == 1 else None
        return None

    def _index(self, idx: int) -> None:
        ent = self.entities[idx]
        self.by_key.setdefault((ent["label"], name_key(ent["name"])), idx)
        if ent["label"] == "PERSON":
            for key, rank in parse_name(ent["name"]).reference_keys().items():
                if rank == 2:
                    self.refs.setdefault(key, set()).add(idx)

    def add(self, entities: list[dict[str, Any]], mentions: list[dict[str, Any]], quotes: list[dict[str, Any]],
            claims: list[dict[str, Any]], events: list[dict[str, Any]]) -> None:
        """Add one window's records (offsets already shifted to the body)."""
        remap: dict[int, int] = {}
        for ent in entities:
            idx = self._find(ent)
            if idx is None:
                idx = len(self.entities)
                self.entities.append(dict(ent, index=idx, mentions=[], aliases=list(ent["aliases"]),
                                          roles=list(ent["roles"])))
            else:
                have = self.entities[idx]
                have["aliases"] = sorted(set(have["aliases"]) | set(ent["aliases"]))
                have["roles"] = have["roles"] + [r for r in ent["roles"] if r not in have["roles"]]
                have["gender"] = have.get("gender") or ent.get("gender")
                if "political_context" in ent:
                    have["political_context"] = list(dict.fromkeys(have.get("political_context", [])
                                                                   + ent["political_context"]))
                if len(parse_name(ent["name"]).tokens) > len(parse_name(have["name"]).tokens):
                    have["name"] = ent["name"]
            self._index(idx)
            remap[ent["index"]] = idx
        base = {"mention": len(self.mentions), "quote": len(self.quotes), "claim": len(self.claims),
                "event": len(self.events)}

        def re_ent(value: int | None) -> int | None:
            return remap.get(value) if value is not None else None

        for m in mentions:
            m["entity"] = re_ent(m["entity"])
            if m["entity"] is not None:
                self.entities[m["entity"]]["mentions"].append(len(self.mentions))
            self.mentions.append(m)
        group_base = self.groups
        for q in quotes:
            q["speaker"] = re_ent(q["speaker"])
            q["group"] += group_base
            self.groups = max(self.groups, q["group"] + 1)
            self.quotes.append(q)
        for c in claims:
            c["speaker"], c["about"] = re_ent(c["speaker"]), re_ent(c.get("about"))
            c["target_claims"] = [i + base["claim"] for i in c.get("target_claims", [])]
            c["target_quotes"] = [i + base["quote"] for i in c.get("target_quotes", [])]
            c["target_events"] = [i + base["event"] for i in c.get("target_events", [])]
            self.claims.append(c)
        for ev in events:
            ev["subject"], ev["agent_entity"] = re_ent(ev["subject"]), re_ent(ev.get("agent_entity"))
            ev["claimed_by"] = re_ent(ev.get("claimed_by"))
            self.events.append(ev)
