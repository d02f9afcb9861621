"""One entry point for every export format, used by ``casetrail export`` and the web app."""

from __future__ import annotations

from casetrail.casefile.render import to_markdown
from casetrail.errors import BadOption
from casetrail.exports.ftm import to_ftm_json
from casetrail.exports.plover import to_plover_json
from casetrail.exports.printable import printable_html, printable_pdf
from casetrail.exports.tabular import case_files, export_rows, to_csv, to_json
from casetrail.store.store import Store

FORMATS = ("json", "csv", "ftm", "plover", "html", "pdf", "md")


def export_bytes(store: Store, entity_ids: list[str] | None, fmt: str, table: str = "facts",
                 verified_only: bool = False) -> bytes:
    """The export of the given people (None: everyone with facts) in one format; every line says whether a
    reviewer verified it, and ``verified_only`` leaves out what nobody has."""
    if fmt not in FORMATS:
        raise BadOption(f"unknown export format '{fmt}' (use {', '.join(FORMATS)})")
    cases = case_files(store, entity_ids, verified_only)
    if fmt == "json":
        return to_json(cases).encode("utf-8")
    if fmt == "csv":
        return to_csv(export_rows(cases, table)).encode("utf-8")
    if fmt == "ftm":
        return to_ftm_json(store, cases).encode("utf-8")
    if fmt == "plover":
        return to_plover_json(store, cases).encode("utf-8")
    if fmt == "md":
        return "\n\n".join(to_markdown(c) for c in cases).encode("utf-8")
    if len(cases) != 1:
        raise BadOption(f"the {fmt} case file is made for one person at a time")
    if fmt == "html":
        return printable_html(cases[0]).encode("utf-8")
    return printable_pdf(cases[0])
