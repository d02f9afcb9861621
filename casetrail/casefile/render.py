"""Render a case file as terminal text, Markdown or JSON; every line that states a fact cites its sources.

Citations are the numbers of the source list ("[1][3]"). A fact shows its date with precision, its
status when it is not simply asserted (claimed by whom, scheduled, denied), how many independent
outlets report it (or "single source"), and its discrepancies with each value's sources.
"""

from __future__ import annotations

import json
from typing import Any

STATUS_WORDS = {"claimed": "claimed", "denied": "denied", "scheduled": "scheduled", "hypothetical": "possible",
                "requested": "requested"}


Pages = dict[str, set[int]]  # document id -> the pages (of a PDF or Word file) a line draws on


def pages_of(items: list[dict[str, Any]]) -> Pages:
    """The pages that citations, quotes or claims give, per document (articles without pages give none)."""
    out: Pages = {}
    for it in items:
        if it.get("page"):
            out.setdefault(it["doc_id"], set()).add(int(it["page"]))
    return out


def page_label(pages: set[int] | list[int]) -> str:
    """ "p. 14" or "pp. 3, 14" """
    ps = sorted(pages)
    return ("p. " if len(ps) == 1 else "pp. ") + ", ".join(str(p) for p in ps)


def _cite(case: dict[str, Any], doc_ids: list[str], pages: Pages | None = None) -> str:
    """Source numbers, with the page for a paged document: "[1][2, p. 14]"."""
    nums = {s["doc_id"]: s["n"] for s in case["sources"]}
    pages = pages or {}
    return "".join(f"[{nums[d]}, {page_label(pages[d])}]" if pages.get(d) else f"[{nums[d]}]"
                   for d in sorted(set(doc_ids), key=lambda d: nums.get(d, 0)) if d in nums)


def _cite_one(case: dict[str, Any], item: dict[str, Any]) -> str:
    """The citation of one quote, claim or sentence (with its page when it has one)."""
    return _cite(case, [item["doc_id"]], pages_of([item]))


def date_label(f: dict[str, Any]) -> str:
    """A fact's date as a researcher reads it: value and precision, or the words the article used."""
    value, precision, text = f.get("date_value"), f.get("date_precision"), f.get("date_text")
    if value and value.startswith("--"):
        shown = value[2:] + " (year unknown)"
    elif value:
        shown = value
    else:
        return f"“{text}” (date not resolved)" if text else "undated"
    if precision and precision != "day":
        shown += f" ({precision})"
    if text:
        shown += f" “{text}”"
    return shown


def fact_line(case: dict[str, Any], f: dict[str, Any]) -> str:
    """One timeline line: type, details, status, corroboration, citations."""
    a = f["attributes"]
    parts = [f["type"].replace("_", " ").title()]
    if a.get("agent"):
        parts.append(f"by {a['agent']}")
    if a.get("duration"):
        parts.append(_multi(a["duration"]))
    if a.get("amount"):
        parts.append(_amount(a["amount"]))
    if a.get("beneficiary"):
        parts.append(f"to {a['beneficiary']}")
    if a.get("charges"):
        parts.append("for " + "; ".join(a["charges"]))
    if a.get("destination"):
        parts.append(f"to {_multi(a['destination'])}")
    if a.get("threat"):
        parts.append(f"({a['threat']})")
    status = STATUS_WORDS.get(f["status"])
    n = f["independent_sources"]
    corr = "single source" if n == 1 else f"{n} independent sources"
    if len(f["doc_ids"]) > n:
        corr += f", {len(f['doc_ids'])} articles"
    line = " ".join(parts)
    if status:
        line += f" — {status}"
    return f"{line} — {corr} {_cite(case, f['doc_ids'], pages_of(f.get('citations', [])))}"


def _type_pages(case: dict[str, Any], etype: str) -> Pages:
    """The pages cited by a case's facts of one type (an amount reported as a fine, as bail…)."""
    return pages_of([c for f in case["facts"] if f["type"] == etype for c in f.get("citations", [])])


def _multi(value: Any) -> str:
    return " / ".join(str(v) for v in value) if isinstance(value, list) else str(value)


def _amount(value: Any) -> str:
    vals = value if isinstance(value, list) else [value]
    return " / ".join(v.get("text") or v.get("label", "") for v in vals)


def review_label(item: dict[str, Any]) -> str:
    """How a line says who checked it: "✓ verified by erin (2026-11-24)", "disputed by …: note", or
    "machine-extracted" when nobody has."""
    r = item.get("review")
    if not r:
        return "machine-extracted, unreviewed"
    sign = {"verified": "✓ verified", "disputed": "⚠ disputed", "rejected": "✗ rejected"}.get(r["status"], r["status"])
    out = f"{sign} by {r['by']} ({(r.get('at') or '')[:10]})"
    return out + (f": {r['note']}" if r.get("note") and r["status"] != "verified" else "")


def corrections_label(f: dict[str, Any]) -> str:
    """What reviewers changed in a fact's reports, and who ("" when nothing)."""
    done = [f"{c['field']} by {c['by']}" for cit in f.get("citations", []) for c in (cit.get("corrected") or [])]
    added = [f"added by hand by {cit['manual']['by']}" for cit in f.get("citations", []) if cit.get("manual")]
    parts = list(dict.fromkeys(added + ([f"corrected: {', '.join(dict.fromkeys(done))}"] if done else [])))
    return "; ".join(parts)


def review_summary(case: dict[str, Any]) -> str:
    """One line: how much of the case file a person has checked."""
    n = len(case["facts"])
    ok = sum(1 for f in case["facts"] if (f.get("review") or {}).get("status") == "verified")
    out = f"{ok} of {n} facts verified by a reviewer"
    if case.get("verified_only"):
        out += " (verified facts only)"
    return out


def to_json(case: dict[str, Any]) -> str:
    return json.dumps(case, ensure_ascii=False, indent=1, default=str)


def to_markdown(case: dict[str, Any]) -> str:
    """A researcher's case summary: profile, timeline, statements, discrepancies, numbered sources."""
    out = [f"# {case['name']}", ""]
    if case["aliases"]:
        out.append(f"**Also written:** {', '.join(sorted(set(case['aliases']) - {case['name']}))}")
    if case.get("review"):
        out.append(f"**Identity:** {review_label(case)}")
    if case.get("merged_from"):
        out.append(f"**Merged by a reviewer from:** {', '.join(m['name'] for m in case['merged_from'])}")
    for r in case["role_summary"]:
        out.append(f"- {r['role']} {_cite(case, r['docs'])}")
    kind = "persecution case" if case["persecution_case"] else "no political context found (not a persecution case)"
    if case.get("target_by_reviewer"):
        t = case["target_by_reviewer"]
        kind += f" (a reviewer, {t['by']}, says {'a' if t['value'] else 'not a'} target of persecution)"
    out += ["", f"**Case type:** {kind}", "", f"**Review:** {review_summary(case)}", "", "## Timeline", ""]
    for f in case["facts"]:
        fixes = corrections_label(f)
        out.append(f"- **{date_label(f)}** — {fact_line(case, f)} — {review_label(f)}" + (f" ({fixes})" if fixes
                                                                                           else ""))
        for c in f.get("citations", [])[:3]:
            how = STATUS_WORDS.get(c["status"])
            who = f" by {c['claimed_by']}" if how and c.get("claimed_by") else ""
            mark = f"({how}{who}) " if how else ""
            checked = f" — {review_label(c)}" if c.get("review") else ""
            out.append(f"  > {mark}{c['sentence']} {_cite_one(case, c)}{checked}")
        for d in f.get("denials", []):
            out.append(f"  - denied by {d['speaker_name'] or 'unattributed'}: {d['sentence']} {_cite_one(case, d)}")
    if case.get("corroborations") or case.get("amounts"):
        out += ["", "## Corroboration", ""]
        for c in case.get("corroborations", []):
            fact = next(f for f in case["facts"] if f["id"] == c["fact_id"])
            outlets = "1 outlet" if c["independent_sources"] == 1 else f"{c['independent_sources']} independent outlets"
            out.append(f"- {fact_line(case, fact).split(' — ')[0]}: {c['articles']} articles, {outlets} "
                       f"{_cite(case, c['docs'], pages_of(fact.get('citations', [])))}")
        for a in case.get("amounts", []):
            if len(a["docs"]) < 2:
                continue
            how = "; ".join(f"as {t.lower().replace('_', ' ')} {_cite(case, d, _type_pages(case, t))}"
                            for t, d in a["as"].items())
            outlets = "1 outlet" if a["independent_sources"] == 1 else f"{a['independent_sources']} independent outlets"
            out.append(f"- the amount {a['value']}: {len(a['docs'])} articles, {outlets} — {how}")
    if case["discrepancies"]:
        out += ["", "## Where the sources disagree", ""]
        for d in case["discrepancies"]:
            fact = next((f for f in case["facts"] if f["id"] == d.get("fact_id")), {})
            vals = "; ".join(f"“{v['value']}” {_cite(case, v['docs'], pages_of(fact.get('citations', [])))}"
                             for v in d["values"])
            out.append(f"- **{d['about']}**: {vals}")
    if case["quotes_by"]:
        out += ["", f"## Quotes by {case['name']}", ""]
        for q in case["quotes_by"]:
            out.append(f"- “{q['text']}” {_cite_one(case, q)} — {review_label(q)}")
    if case["quotes_about"]:
        out += ["", f"## Quotes about {case['name']}", ""]
        for q in case["quotes_about"]:
            out.append(f"- {q['speaker_name'] or 'unattributed'}: “{q['text']}” {_cite_one(case, q)} — "
                       f"{review_label(q)}")
    if case["claims"]:
        out += ["", "## Claims and denials", ""]
        for c in case["claims"]:
            what = c["content"] or c["target"] or ""
            label = {"deny": "denies", "claim": "claims", "admit": "admits", "assert": "says"}[c["stance"]]
            if c["stance"] == "deny":
                answers = "; ".join(c.get("answers") or [])
                what = (c["target"] or "") + (f" — that {c['content']}" if c["content"] else "")
                what += f" (answering: {answers})" if answers else ""
            out.append(f"- {c['speaker_name'] or 'unattributed'} {label}: {what} {_cite_one(case, c)} — "
                       f"{review_label(c)}")
    out += ["", "## Sources", ""]
    for s in case["sources"]:
        meta = ", ".join(x for x in (s["outlet"] + (" (inferred)" if s["outlet_inferred"] else "") if s["outlet"]
                                     else "outlet unknown", s["published"] or "date unknown", s["url"] or s["source"])
                         if x)
        if s.get("pages"):  # a PDF or Word file: its citations give the page
            meta += f" ({str(s.get('format') or '').upper()}, {s['pages']} page{'s' if s['pages'] > 1 else ''})"
        out.append(f"{s['n']}. {s['title'] or s['name']} — {meta}")
    return "\n".join(out) + "\n"


def to_text(case: dict[str, Any]) -> str:
    """Plain terminal text (the Markdown without markup)."""
    md = to_markdown(case)
    return md.replace("**", "").replace("# ", "").replace("#", "")
