"""Rendered case files: a citation on every fact line, discrepancies side by side, numbered sources."""

import json
import re

from casetrail.casefile.assemble import case_file, find_person
from casetrail.casefile.render import to_json, to_markdown, to_text


def test_markdown_reads_like_a_case_summary_with_citations(seeds_store):
    cf = case_file(seeds_store, find_person(seeds_store, "Kim Sok")["id"])
    md = to_markdown(cf)
    assert md.startswith("# Kim Sok")
    for section in ("## Timeline", "## Where the sources disagree", "## Quotes by Kim Sok", "## Claims and denials",
                    "## Sources"):
        assert section in md
    timeline = md.split("## Timeline")[1].split("## Where")[0]
    for line in timeline.splitlines():
        if line.startswith("- **"):
            assert re.search(r"\[\d\]", line), line  # every fact cites its sources
    assert "“8,000,000 KHR (2,000 USD)” [2]; “800,000,000 KHR (200,000 USD)” [3]" in md
    assert re.search(r"^1\. .+ — .+", md.split("## Sources")[1].strip(), re.M)


def test_text_and_json(seeds_store):
    cf = case_file(seeds_store, find_person(seeds_store, "Kem Sokha")["id"])
    assert "Timeline" in to_text(cf) and "**" not in to_text(cf)
    data = json.loads(to_json(cf))
    assert data["name"] == "Kem Sokha" and data["facts"]
