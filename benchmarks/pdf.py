"""PDF reports: pages per second and peak memory for 20-, 200- and 1,000-page generated reports, the PDF
extractor's own time apart from casetrail's; and the two well-kept extractors (pdfminer.six, pypdf)
compared on the same files for accuracy and speed.

    .venv/bin/python benchmarks/pdf.py [--pages 20,200,1000] [--out benchmarks/pdf.json]

The reports are the dev corpus's paragraphs typeset by WeasyPrint on A4: a running header, a page-number
footer, footnote markers, every other section in two columns, words hyphenated at line ends. Each size runs
in a fresh process so its peak RSS is its own. Not a timed test: one run, one machine.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
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
CHARS_PER_PAGE = 4100  # about what one A4 page of 10 pt text holds here (half the sections in two columns)


def paragraphs(n_chars: int) -> list[str]:
    paras = [re.sub(r"\s+", " ", p.strip()) for f in sorted(DEV.glob("*.txt"))
             for p in re.split(r"\n\s*\n", f.read_text("utf-8")) if len(p.split()) > 12]
    out, size, k = [], 0, 0
    while size < n_chars:
        out.append(f"In part {k}, " + paras[k % len(paras)])
        size += len(out[-1])
        k += 1
    return out


def report_html(paras: list[str]) -> str:
    from html import escape

    body = []
    for i in range(0, len(paras), 8):
        block = "".join(f"<p>{escape(p)}<sup>{i + j + 1}</sup></p>" for j, p in enumerate(paras[i:i + 8]))
        body.append(f'<div class="{"two" if (i // 8) % 2 else "one"}">{block}</div>')
    return ("<html lang='en'><head><title>Generated report</title><meta name='author' content='Benchmark'><style>"
            "@page { size: A4; margin: 2cm; @top-center { content: 'Generated Report on Detained Critics'; "
            "font-size: 8pt } @bottom-center { content: 'Page ' counter(page) ' of ' counter(pages) } }"
            "body { font-size: 10pt; hyphens: auto } .two { columns: 2 } sup { font-size: 6pt }"
            f"</style></head><body>{''.join(body)}</body></html>")


def make_pdf(pages: int, path: Path) -> tuple[Path, list[str]]:
    """The report of about ``pages`` pages (typeset once: the same text gives the same file, kept in /tmp)."""
    from weasyprint import HTML

    paras = paragraphs(pages * CHARS_PER_PAGE)
    html = report_html(paras)
    stamp = path.with_suffix(".sha")
    digest = hashlib.sha256(html.encode("utf-8")).hexdigest()
    if not (path.is_file() and stamp.is_file() and stamp.read_text() == digest):
        HTML(string=html).write_pdf(path)
        stamp.write_text(digest)
    return path, paras


def run_one(path: Path, model: str) -> dict:
    """In this process: read the PDF (extractor time), clean and page it, extract with the pipeline."""
    from casetrail.ingest.document import prepare
    from casetrail.ingest.paged import paged_article, read_pdf
    from casetrail.nlp.extract import extract
    from casetrail.nlp.pipeline import load_nlp

    nlp = load_nlp(model)
    t0 = time.perf_counter()
    paged = read_pdf(path)
    t1 = time.perf_counter()
    art = prepare(next(paged_article(paged, path, "pdf")))  # type: ignore[arg-type]
    t2 = time.perf_counter()
    (res,) = list(extract(nlp, [art], model))
    t3 = time.perf_counter()
    n = len(paged.pages)
    return {"pages": n, "chars": len(art.body), "pdf_extractor_s": round(t1 - t0, 2),
            "casetrail_paging_s": round(t2 - t1, 2), "casetrail_extraction_s": round(t3 - t2, 2),
            "pages_per_s_reading": round(n / (t2 - t0), 1), "pages_per_s_total": round(n / (t3 - t0), 2),
            "events": len(res.events), "quotes": len(res.quotes), "error": res.error.code if res.error else None,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", text)


def compare_extractors(path: Path, paras: list[str]) -> dict:
    """pdfminer.six (what casetrail uses) and pypdf on one file: time, words recovered in order, words
    cut or glued, paragraphs found; both through casetrail's own furniture and hyphen rules."""
    from pypdf import PdfReader

    from casetrail.ingest.paged import paged_text, read_pdf

    source = _words(" ".join(paras))
    out = {}
    t0 = time.perf_counter()
    miner = read_pdf(path)
    t_miner = time.perf_counter() - t0
    t0 = time.perf_counter()
    pypdf_pages = [[[ln] for ln in (p.extract_text() or "").splitlines()] for p in PdfReader(path).pages]
    t_pypdf = time.perf_counter() - t0
    for name, pages, secs in (("pdfminer.six", miner.pages, t_miner), ("pypdf", pypdf_pages, t_pypdf)):
        if name == "pypdf":  # one line per "paragraph": join the lines of each page as casetrail would
            from casetrail.ingest.paged import join_lines
            pages = [[[join_lines([ln[0] for ln in page])]] for page in pages]
        text = paged_text(pages).text
        got = _words(text)
        sm = difflib.SequenceMatcher(None, source, got, autojunk=False)
        matched = sum(b.size for b in sm.get_matching_blocks())
        known = set(source)
        out[name] = {"seconds": round(secs, 2), "pages_per_s": round(len(pages) / secs, 1),
                     "words_in_order": round(matched / len(source), 4),
                     "words_not_in_source": sum(1 for w in got if w not in known),
                     "paragraphs_found": text.count("\n\n") + 1, "paragraphs_in_source": len(paras)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", default="20,200,1000")
    ap.add_argument("--model", default="md")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "pdf.json"))
    ap.add_argument("--one", help=argparse.SUPPRESS)  # a child run: one PDF, results as JSON on stdout
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(Path(args.one), args.model)))
        return
    work = Path("/tmp/casetrail-pdf-bench")
    work.mkdir(exist_ok=True)
    results: dict = {"run": time.strftime("%Y-%m-%dT%H:%M"), "machine": f"{platform.machine()}, "
                     f"{platform.python_version()}", "model": args.model, "sizes": []}
    for pages in [int(x) for x in args.pages.split(",")]:
        t0 = time.perf_counter()
        path, paras = make_pdf(pages, work / f"report-{pages}.pdf")
        made = time.perf_counter() - t0
        child = subprocess.run([sys.executable, __file__, "--one", str(path), "--model", args.model],
                               capture_output=True, text=True, check=True)
        row = json.loads(child.stdout.strip().splitlines()[-1])
        row.update(target_pages=pages, pdf_bytes=path.stat().st_size, typeset_s=round(made, 1))
        results["sizes"].append(row)
        print(json.dumps(row), flush=True)
        if pages == min(int(x) for x in args.pages.split(",")):
            results["extractors"] = compare_extractors(path, paras)
            print(json.dumps(results["extractors"]), flush=True)
    Path(args.out).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
