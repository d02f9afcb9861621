"""Real paged files made here: multi-page PDF reports (WeasyPrint) with running headers, page-number
footers, footnote markers, two columns and names hyphenated across line ends, and Word files
(python-docx) with page breaks. Used by tests/test_paged.py and benchmarks/bench.py; every person,
group and place in them is invented."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

HEADER = "Press Freedom Monitor — Annual Report on Detained Critics"
FILLER = ("The monitor spoke to relatives, lawyers and former detainees in {n} towns; their accounts describe "
          "searches at dawn, confiscated phones and long waits outside the offices of the investigators. ")

# (page-break-before?, html) — the story told over several pages, with the facts each page holds
STORY = [
    "<p>Published 14 March 2024</p>",
    "<p>The blogger Orsolya Vantrelli<sup>1</sup> was arrested on 3 May 2021 by officers of the security "
    "service at her flat in the capital.</p>",
    "<p>She was charged with inciting hatred against the state, her lawyer Benedek Ruhland told the monitor.</p>",
    "BREAK",
    "<p>On 9 June 2022 a regional court sentenced Vantrelli to six years in prison. \"This verdict punishes "
    "a woman for her words,\" Ruhland said after the hearing.</p>",
    "BREAK",
    "<p>The prosecutor's office denied that Vantrelli had been mistreated in custody.</p>",
]


def report_html(filler_pages: int = 1, columns: bool = True, hyphen_name: str = "Orsolya Vantrelli") -> str:
    """A report as HTML: a cover, the story told over several pages, filler paragraphs in between
    (two columns, the soft-hyphenated name in narrow lines so that some line ends cut it)."""
    given, family = hyphen_name.split(" ", 1)
    soft = family[:4] + "&shy;" + family[4:]
    parts = ["<h1>Critics behind bars</h1>"]
    breaks = 0
    for item in STORY:
        if item == "BREAK":
            breaks += 1
            for k in range(breaks * 100, breaks * 100 + filler_pages):
                paras = "".join(f"<p>{FILLER.format(n=k * 7 + j + 2)}{'Later, ' * (j % 4)}In one of them, {given} "
                                f"{soft} had written about the local council.<sup>{j + 2}</sup></p>" for j in range(8))
                parts.append(f'<div class="{"two" if columns else "one"}">{paras}</div>')
            parts.append('<div style="break-before: page"></div>')
        else:
            parts.append(item)
    return f"""<html lang="en"><head><title>Critics behind bars</title>
<meta name="author" content="Press Freedom Monitor"><style>
@page {{ size: A5; margin: 2cm 1.8cm; @top-center {{ content: "{HEADER}"; font-size: 7pt }}
        @bottom-center {{ content: "Page " counter(page) " of " counter(pages); font-size: 8pt }} }}
body {{ font-size: 10pt }} .two, .one {{ hyphens: auto }} .two {{ columns: 2; column-gap: 1cm }}
sup {{ font-size: 6pt }}
</style></head><body>{"".join(parts)}</body></html>"""


def write_report_pdf(path: Path, filler_pages: int = 1, columns: bool = True) -> Path:
    from weasyprint import HTML

    HTML(string=report_html(filler_pages, columns)).write_pdf(path)
    return path


def write_long_pdf(path: Path, pages: int) -> Path:
    """A report of about ``pages`` pages: the story, then filler pages with a running header and footer."""
    from weasyprint import HTML

    filler = "".join(f'<p style="break-before: page">{FILLER.format(n=k) * 12}</p>' for k in range(pages - 4))
    html = report_html(1, False).replace("</body>", filler + "</body>")
    HTML(string=html).write_pdf(path)
    return path


def write_docx(path: Path) -> Path:
    """A Word file: title, author, the story over three pages split by page breaks."""
    import docx

    d = docx.Document()
    d.core_properties.title = "Submission on the case of Orsolya Vantrelli"
    d.core_properties.author = "Legal Aid Collective"
    d.add_heading("Submission on the case of Orsolya Vantrelli", 0)
    d.add_paragraph("The blogger Orsolya Vantrelli was arrested on 3 May 2021 by officers of the security service.")
    d.add_page_break()
    d.add_paragraph("On 9 June 2022 a regional court sentenced Vantrelli to six years in prison.")
    d.add_page_break()
    d.add_paragraph("The prosecutor's office denied that Vantrelli had been mistreated in custody.")
    d.save(str(path))
    return path


def _png(width: int, height: int) -> bytes:
    """A grey PNG made by hand (a scanned page without a text layer)."""
    raw = b"".join(b"\x00" + bytes([128]) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def write_scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF of page images and no text, as a scanner makes it."""
    import base64

    from weasyprint import HTML

    img = base64.b64encode(_png(60, 80)).decode()
    body = "".join(f'<img src="data:image/png;base64,{img}" style="width: 10cm; break-after: page">'
                   for _ in range(pages))
    HTML(string=f"<html><body>{body}</body></html>").write_pdf(path)
    return path


def write_encrypted_pdf(source: Path, path: Path, password: str = "secret") -> Path:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    for page in PdfReader(source).pages:
        w.add_page(page)
    w.encrypt(user_password=password, owner_password=password + "-owner")
    with open(path, "wb") as fh:
        w.write(fh)
    return path


def write_blank_pdf(path: Path, pages: int) -> Path:
    from pypdf import PdfWriter

    w = PdfWriter()
    for _ in range(pages):
        w.add_blank_page(width=300, height=400)
    with open(path, "wb") as fh:
        w.write(fh)
    return path


def write_dense_page_pdf(path: Path, chars: int = 100_000) -> Path:
    """One page holding ``chars`` characters of text in small type."""
    from weasyprint import HTML

    sentence = "The monitor recorded another search of a newsroom in the north. "
    text = sentence * (chars // len(sentence) + 1)
    HTML(string=f"<html><head><style>@page {{ size: 120cm 160cm; margin: 1cm }} body {{ font-size: 4pt }}"
                f"</style></head><body><p>{text[:chars]}</p></body></html>").write_pdf(path)
    return path
