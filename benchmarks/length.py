"""Cost against length: words/s and peak memory of one document's extraction, 10 kB to 20 MB,
with paragraph breaks and without (PDF extractions, transcripts, CMS exports give the latter).

    .venv/bin/python benchmarks/length.py [--sizes 10k,100k,1M,5M,20M] [--out benchmarks/length.json]

Each size runs in a fresh process, so its peak RSS is its own. The text is the dev corpus's paragraphs,
each prefixed with its running number so that none is a duplicate the cleaner would drop, joined by
blank lines (paragraphed) or by single spaces (unparagraphed). Not a timed test: one run, one machine.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "corpus" / "dev"
UNITS = {"k": 1_000, "M": 1_000_000}


def make_text(n: int, paragraphed: bool) -> str:
    paras = [p.strip() for f in sorted(DEV.glob("*.txt")) for p in re.split(r"\n\s*\n", f.read_text("utf-8"))
             if len(p.split()) > 12]
    out, size, k = [], 0, 0
    while size < n:
        p = f"In part {k}, " + re.sub(r"\s+", " ", paras[k % len(paras)])
        out.append(p)
        size += len(p) + 2
        k += 1
    return ("\n\n" if paragraphed else " ").join(out)[:n]


def one(n: int, paragraphed: bool) -> dict:
    """Measure one size in this process."""
    from casetrail.ingest.document import prepare
    from casetrail.ingest.readers import RawArticle
    from casetrail.nlp.extract import Limits, extract
    from casetrail.nlp.pipeline import load_nlp

    nlp = load_nlp("md")
    text = make_text(n, paragraphed)
    art = prepare(RawArticle(name="bench", text=text, original=text, source="bench.txt", format="txt"))
    started = time.perf_counter()
    (res,) = list(extract(nlp, [art], "md", limits=Limits(time_budget=None)))
    seconds = time.perf_counter() - started
    words = len(text.split())
    return {"chars": n, "paragraphed": paragraphed, "words": words, "seconds": round(seconds, 2),
            "words_per_s": round(words / seconds), "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            // 1024, "events": len(res.events), "error": res.error.one_line() if res.error else None}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10k,100k,1M,5M,20M")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "length.json"))
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        n, mode = args.one.split(":")
        print(json.dumps(one(int(n), mode == "p")))
        return
    rows = []
    for size in args.sizes.split(","):
        n = int(float(size[:-1]) * UNITS[size[-1]]) if size[-1] in UNITS else int(size)
        for mode in ("p", "u"):
            done = subprocess.run([sys.executable, __file__, "--one", f"{n}:{mode}"], capture_output=True, text=True,
                                  check=True)
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(rows[-1], flush=True)
    by = {(r["chars"], r["paragraphed"]): r for r in rows}
    for r in rows:
        if not r["paragraphed"]:
            r["cost_per_word_vs_paragraphed"] = round(by[(r["chars"], True)]["words_per_s"] / r["words_per_s"], 2)
    Path(args.out).write_text(json.dumps({"machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
                                          "python": platform.python_version(), "rows": rows}, indent=1) + "\n")


if __name__ == "__main__":
    main()
