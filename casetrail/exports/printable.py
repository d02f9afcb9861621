"""A printable case file: HTML with footnoted citations, and the same as PDF through WeasyPrint.

Every fact, quote and claim carries a footnote number; each footnote gives the sentence it rests on
and its source (outlet, title, date, URL), so a printed page can be cited without the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from casetrail.casefile.render import STATUS_WORDS, date_label, fact_line, review_label, review_summary

TEMPLATES = Path(__file__).with_name("templates")


class Footnotes:
    """Numbers citations in order of first use."""

    def __init__(self, case: dict[str, Any]) -> None:
        self.sources = {s["doc_id"]: s for s in case["sources"]}
        self.notes: list[dict[str, Any]] = []
        self._index: dict[tuple[str, str, int | None], int] = {}

    def cite(self, doc_id: str, sentence: str, page: int | None = None) -> int:
        """The footnote of a sentence (on its page, for a PDF or Word source)."""
        key = (doc_id, sentence, page)
        if key not in self._index:
            self.notes.append({"sentence": sentence, "source": self.sources.get(doc_id, {}), "page": page})
            self._index[key] = len(self.notes)
        return self._index[key]


def printable_html(case: dict[str, Any]) -> str:
    """The case file as a standalone, printable HTML page."""
    notes = Footnotes(case)
    facts = []
    for f in case["facts"]:
        refs = [notes.cite(c["doc_id"], c["sentence"], c.get("page")) for c in f.get("citations", [])]
        facts.append({"date": date_label(f), "line": fact_line(case, f).rsplit(" [", 1)[0].split(" — ")[0],
                      "detail": " — ".join(fact_line(case, f).split(" — ")[1:]).split(" [")[0],
                      "status": STATUS_WORDS.get(f["status"]), "refs": refs, "discrepancies": f["discrepancies"],
                      "review": review_label(f)})
    quotes = [{"text": q["text"], "ref": notes.cite(q["doc_id"], q["sentence"], q.get("page")),
               "review": review_label(q)} for q in case["quotes_by"]]
    claims = [{"who": c["speaker_name"] or "unattributed", "stance": c["stance"],
               "what": c["content"] or c["target"] or "", "ref": notes.cite(c["doc_id"], c["sentence"], c.get("page")),
               "review": review_label(c)} for c in case["claims"]]
    discrepancies = []
    for d in case["discrepancies"]:
        discrepancies.append({"about": d["about"], "values": [
            {"value": v["value"], "sources": [case_source_n(case, doc) for doc in v["docs"]]} for v in d["values"]]})
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    return env.get_template("casefile.html").render(case=case, facts=facts, quotes=quotes, claims=claims,
                                                    discrepancies=discrepancies, notes=notes.notes,
                                                    review_summary=review_summary(case))


def case_source_n(case: dict[str, Any], doc_id: str) -> int:
    return next(s["n"] for s in case["sources"] if s["doc_id"] == doc_id)


def printable_pdf(case: dict[str, Any]) -> bytes:
    """The printable case file as PDF bytes."""
    from weasyprint import HTML

    return HTML(string=printable_html(case)).write_pdf()
