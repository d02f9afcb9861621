#!/usr/bin/env python3
"""Score casetrail on a corpus of ../shared with the shared scorer, on all of it or one half of its manifest.

    .venv/bin/python scripts/score.py dev2 [--half first|second] [--details] [--json] [--pred PATH]
    .venv/bin/python scripts/score.py dev+dev2          # both corpora as one set, one gold

The gold of ``seeds`` is ``../shared/corpus/seeds-gold.json``; of ``dev``/``dev2`` it is
``tests/data/<name>-gold.json``. ``heldout`` and ``heldout2`` are this project's own sets of invented
articles (``tests/data/heldout/``, ``tests/data/heldout2/``, gold ``tests/data/<name>-gold.json``), written by
annotators who never saw casetrail. A half is the first or second half of the corpus's ``manifest.json`` (the order the corpus was
gathered in): dev2's second half is kept aside as a first look of its own. The gold
is cut to the scored documents, so a half is scored on its own people, quotes and events only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"


def gold_path(name: str) -> Path:
    return SHARED / "corpus" / "seeds-gold.json" if name == "seeds" else ROOT / "tests" / "data" / f"{name}-gold.json"


def files_of(name: str, half: str | None) -> list[Path]:
    """The corpus's article files, in manifest order, or one half of them."""
    folder = SHARED / "corpus" / name
    if not folder.is_dir():
        folder = ROOT / "tests" / "data" / name  # (the held-out set ships with the project)
    manifest = folder / "manifest.json"
    if manifest.is_file():
        files = [folder / m["file"] for m in json.loads(manifest.read_text(encoding="utf-8"))]
    else:
        files = sorted(folder.glob("*.txt"))
    if half:
        mid = (len(files) + 1) // 2  # an odd count: the first half takes the middle file
        files = files[:mid] if half == "first" else files[mid:]
    return files


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", help="seeds, dev, dev2, heldout, or several joined by '+'")
    ap.add_argument("--half", choices=("first", "second"))
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--pred", type=Path, help="keep the prediction file here")
    args = ap.parse_args(argv)
    from casetrail.exports.evalexport import eval_export
    from casetrail.exports.goldsets import cut_gold, merge_golds

    names = args.corpus.split("+")
    files = [f for n in names for f in files_of(n, args.half)]
    gold = merge_golds([json.loads(gold_path(n).read_text(encoding="utf-8")) for n in names])
    gold = cut_gold(gold, {f.stem for f in files})
    with tempfile.TemporaryDirectory() as tmp:
        pred = args.pred or Path(tmp) / "pred.json"
        eval_export([str(f) for f in files], pred)
        gpath = Path(tmp) / "gold.json"
        gpath.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        flags = [f for f, on in (("--details", args.details), ("--json", args.json)) if on]
        return subprocess.run([sys.executable, str(SCORER), str(gpath), str(pred), *flags], check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
