"""Clean plain text saved from the web of its page furniture, keeping a map to the original.

Web pages saved as text carry logo lines, image markers, photo captions with credits, repeated
titles, "MOST VIEWED" / "Related Stories" blocks with their teasers and obfuscated e-mail lines.
The cleaner drops them line by line; the kept lines are copied verbatim so every character of the
cleaned body maps back to an offset in the original text (``OffsetMap``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from casetrail.values.dates import month_number

SIDEBAR_HEADERS = re.compile(
    r"^\s*(most viewed|most read|most popular|related stories|related articles|related news|related|"
    r"latest news|latest|read more|more stories|you may also like|recommended|trending|popular|"
    r"see also|more from|more from [\w .'’-]{1,40}|more on [\w .'’-]{1,40}|top stories|editor'?s picks?|"
    r"also read|read next|advertisement|share this|"
    r"more on this story|related topics|in other news|elsewhere|you might also like|most shared)\s*:?\s*$",
    re.I,
)
IMAGE_MARKERS = re.compile(r"^\s*(content image|image|photo|picture|video|gallery)\b\s*(-|:|$)", re.I)
LOGO_LINE = re.compile(r"^\s*logo of\b", re.I)
LOGO_NAME = re.compile(r"^\s*logo of\s+(?:the\s+)?(.+?)\s+(?:newspaper|website|logo)\b", re.I)
LOGO_MAX_WORDS = 40  # longer, the "line" is a whole page without its line breaks
EMAIL_LINE = re.compile(r"^\s*(\[email\s*protected\]|[\w.+-]+@[\w-]+\.[\w.]+)(\s*[,;]\s*(\[email\s*protected\]|"
                        r"[\w.+-]+@[\w-]+\.[\w.]+))*\s*$", re.I)
CREDIT_TAIL = re.compile(
    r"(?:\.\s*|\s)(?:\((?P<paren>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}(?:/[A-Z][\w.-]*)?)\)"
    r"|(?i:photo|picture|credits?|photograph)\s*[:/]\s*.+"
    r"|(?i:photo)\s+[A-Z][\w.&-]*\s*/\s*[A-Z].{0,60}"  # "Photo PAP/Artur Reszko"
    r"|(?i:photo)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}"  # "Photo Darya Kornilova"
    r"|(?P<bare>photo supplied|supplied|file photo|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})"
    r"|\((?i:photo|picture|image|credit)\b[^)]{0,120}\)"  # "(Photo by X via Y)"
    r"|\([A-Z][\w.]{1,10}\s+(?i:photo|images?|pictures?)\s*/[^)]{1,80}\)"  # "(AP Photo/Name, File)"
    r"|[—–]\s*(?:AFP|AP|Reuters|EPA|Xinhua|Getty Images|[A-Z]{2,6})(?:\s*/\s*[\w .'’-]{1,40})?"  # "… — AFP"
    r"|(?:AFP|AP|Reuters|EPA|Xinhua|Getty Images|[A-Z]{2,6})\s*[—–/-]\s*[A-Z][A-Z .'’-]{2,40}"  # "AFP – IVAN REYES"
    r"|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}\s*/\s*(?:AFP|AP|Reuters|EPA|Xinhua|Getty Images)"  # "Rania SANJAR / AFP"
    r"|\[(?i:file(?:\s+photo)?\s*:\s*)?[A-Z][^\]]{1,60}\])\s*$")
BULLET = re.compile(r"^\s*[•·▪►■*-]\s+")
# Lines that name a writer, photographer or editor: names in them are not people in the story.
BYLINE = re.compile(
    r"^\s*(?:by|written by|reported by|story by|words by|text by)\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}"
    r"(?:\s*(?:,|and|&|\||-|–)\s*[A-Z][\w'’. -]{0,40})*\s*$"
    r"|^\s*(?:additional\s+)?(?:reporting|writing|editing|research|translation)\s+by\b.{0,200}$"
    r"|^\s*(?:photo(?:graph)?s?|pictures?|images?|credit|source|video)\s*(?:by|:)\s*.{1,80}$"
    r"|^\s*\(?(?:photo|picture|image)\s*(?:by|:)\s*[^)]{1,80}\)?\s*$"
    r"|^\s*image (?:source|caption),.*$|^\s*media caption,.*$"
    r"|^.{0,60}\|\s*(?:article\s+|story\s+)?by\s*:?\s+[A-Z].{0,100}$"  # "Feb 15, 2011 | Article By: A & B"
    r"|^\s*article\s+by\s*:?\s+.{1,100}$"
    r"|^\s*\(\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}\s*/\s*[^)]{2,60}\)\s*$"  # "(Andy Wong / AP)"
    r"|^\W{0,3}[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}\s+can be reached at\b.{0,120}$", re.I)
# A writer's name with the date beside it: "El-Sayed Gamal El-Din , Tuesday 18 Jul 2023".
NAMED_DATE_LINE = re.compile(
    r"^\s*[A-Z][\w'’.-]+(?:[\s-]+[A-Z][\w'’.-]+){0,4}\s*,\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:(?P<d1>\d{1,2})\s+(?P<m1>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"|(?P<m2>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?P<d2>\d{1,2}),?)"
    r"\s+(?P<year>(?:19|20)\d\d)\s*$")
# Page chrome: share and follow prompts, newsletters, copyright and trust lines, tag lists.
CHROME = re.compile(
    r"^\s*(?:share (?:this|on)\b.*|follow us\b.*|sign up\b.*|subscribe\b.{0,80}|newsletter\b.{0,80}"
    r"|(?:©|copyright\b).{0,120}|all rights reserved.{0,40}|our standards:.*|tags?:.{0,200}|topics?:.{0,200}"
    r"|categor(?:y|ies):.{0,200}|filed under:.{0,200}"
    r"|click here\b.{0,80}|comments?\s*\(?\d*\)?|print|email|whatsapp|facebook|twitter|x|linkedin|telegram"
    r"|listen to this article.{0,40}|\d+\s*min(?:ute)?s?\s*read|advertisement|skip to (?:main )?content"
    r"|related topics|more on this story|top stories|page nav(?:igation)?|responsive ads?|gradient skin"
    r"|main menu|menu|navigation|search|home|accept|notification show more|go to video|watch(?: video)?"
    r"|live updates?:.{0,240})\s*$",
    re.I)
# A video's running time alone on a line ("01:13"): a list of video teasers, each title after one.
RUNNING_TIME = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?\s*$")
# A time and a date opening a line near the top ("18:01, 17 January 2024, Bishkek - news agency, A. Name").
TIMESTAMP_LINE = re.compile(r"^\s*\d{1,2}:\d{2}\s*,\s*\d{1,2}\s+\w+\s+\d{4}\b")
# A date alone on a line near the top ("June 15, 2022"): the publication date, not article text.
DATE_LINE = re.compile(r"^\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
                       r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?P<day>\d{1,2}),?"
                       r"\s+(?P<year>(?:19|20)\d\d)\s*$", re.I)
NUMERIC_DATE_LINE = re.compile(r"^\s*(?:(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)"
                               r"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d))\s*$")
# A line that starts with a role is a sentence or a heading, not a writer's name ("Opposition Leader Jailed").
ROLE_START = re.compile(r"^\s*(?:The|A|An|Opposition|Activist|Journalist|Court|Police)\b")
# A writer's name alone on a line, right above the date line: a byline without "By".
NAME_LINE = re.compile(r"^\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s*$")
SOURCE_LINE = re.compile(r"\(Source:\s*(?P<src>[^)]+)\)\s*$")
# A wire dateline opening the first paragraph: "HANOI, Vietnam (AP) — ", "BEIJING, April 10 (Reuters) - ".
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][\w.'’ -]{1,30}?)?)"
    r"(?:,\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}))?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&-]{1,30})\))?\s*(?:[—–-]{1,2}\s+|[—–]{1,2})(?=[A-Z“\"‘'])")
# The same with the place in title case, which only the agency's name in brackets marks: "Yaoundé (CPA) - ".
DATELINE_AGENCY = re.compile(
    r"^(?P<place>[A-Z][\w'’.-]+(?:[ -][A-Z][\w'’.-]+){0,2})\s*\((?P<agency>[A-Za-z][\w .&-]{1,30})\)"
    r"\s*(?:[—–-]{1,2}\s+|[—–]{1,2})(?=[A-Z“\"‘'])")
OUTLET_ABBREV = {"RFA": "Radio Free Asia", "AFP": "Agence France-Presse", "AP": "Associated Press",
                 "VOA": "Voice of America", "BBC": "BBC", "Reuters": "Reuters", "UPI": "United Press International",
                 "dpa": "Deutsche Presse-Agentur", "Xinhua": "Xinhua", "Kyodo": "Kyodo News", "Yonhap": "Yonhap"}


@dataclass
class OffsetMap:
    """Maps character offsets in the cleaned body back to the original text."""

    clean_starts: list[int] = field(default_factory=list)
    orig_starts: list[int] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)

    def add(self, clean_start: int, orig_start: int, length: int) -> None:
        self.clean_starts.append(clean_start)
        self.orig_starts.append(orig_start)
        self.lengths.append(length)

    def to_original(self, offset: int) -> int:
        """Original offset of a cleaned offset (offsets in separators map to the segment end)."""
        i = bisect.bisect_right(self.clean_starts, offset) - 1
        if i < 0:
            return 0
        delta = min(offset - self.clean_starts[i], self.lengths[i])
        return self.orig_starts[i] + delta

    def to_clean(self, offset: int) -> int:
        """Cleaned offset of an original offset: the first kept character at or after it (a page's start)."""
        i = bisect.bisect_right(self.orig_starts, offset) - 1
        if i >= 0 and offset < self.orig_starts[i] + self.lengths[i]:
            return self.clean_starts[i] + offset - self.orig_starts[i]
        if i + 1 < len(self.clean_starts):
            return self.clean_starts[i + 1]
        return self.clean_starts[-1] + self.lengths[-1] if self.clean_starts else 0

    def to_json(self) -> list[list[int]]:
        return [list(t) for t in zip(self.clean_starts, self.orig_starts, self.lengths, strict=True)]

    @classmethod
    def from_json(cls, rows: list[list[int]]) -> OffsetMap:
        m = cls()
        for c, o, n in rows:
            m.add(c, o, n)
        return m


@dataclass
class Cleaned:
    """The cleaned body plus what the furniture told us (title, outlet) and what was dropped."""

    body: str
    offsets: OffsetMap
    title: str | None = None
    outlet: str | None = None
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (reason, line)
    dateline: str | None = None  # "HANOI, Vietnam (AP) —": place and agency of a wire story
    published: date | None = None  # from a leading "date 2023-08-09" metadata line


# A teaser glued into the text: "SEE ALSO: Official Dushanbe Silent On Ukraine WarImomali was charged…"; it
# ends where its last word runs into the article's next word without a space.
INLINE_TEASER = re.compile(
    r"\b(?:SEE ALSO|READ MORE|ALSO READ|READ ALSO|RELATED|MORE)\s*:\s*(?:.*?[a-z](?=[A-Z][a-z])|.*$)")
DATE_META = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*")


def _next_line(lines: list[tuple[int, str]], idx: int) -> str:
    """The next non-blank line after line ``idx``."""
    for k in range(idx + 1, len(lines)):
        if lines[k][1].strip():
            return lines[k][1].strip()
    return ""


def _unwrapped(text: str, lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Lines of a hard-wrapped text joined back into the sentences they cut: a line that does not end a
    sentence goes on in the next ("arrested journalist Hopewell" / "Chin’ono and…"). The line breaks become
    spaces of the same length, so every kept character keeps its place in the original."""
    out: list[tuple[int, str]] = []
    for pos, ln in lines:
        if out and ln.strip() and out[-1][1].strip() and not SENTENCE_END.search(out[-1][1]):
            start = out[-1][0]
            out[-1] = (start, re.sub(r"[\r\n]", " ", text[start:pos + len(ln)]))
        else:
            out.append((pos, ln))
    return out


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        out.append((pos, stripped))
        pos += len(line)
    return out


def _norm(line: str) -> str:
    return re.sub(r"\W+", " ", line.lower()).strip()


# What only a photo caption says: who is where in the picture ("X, right, waves"), "is pictured".
CAPTION_CUES = re.compile(r"\b(?:is|are) pictured\b|,\s*(?:left|right|centre|center|second (?:left|right)|"
                          r"front|rear|background),\s|\((?:L|R|C|left|right|centre|center)\)|\bposes? for (?:a|the) "
                          r"(?:photo|picture|portrait)", re.I)


def _is_caption(line: str) -> bool:
    """A photo caption: a short descriptive line that ends with a credit, or says who is where in the picture."""
    words = line.split()
    if CAPTION_CUES.search(line) and (len(words) <= 60 or (len(words) <= 150 and CREDIT_TAIL.search(line.strip()))):
        return True  # (a long agency caption tells the story again, and ends with its credit)
    if len(words) > 60 or not CREDIT_TAIL.search(line.strip()):
        return False
    m = CREDIT_TAIL.search(line.strip())
    assert m is not None
    if m.group("bare") and m.group("bare").lower() not in ("photo supplied", "supplied", "file photo"):
        # a bare credit must follow a full stop: "... last year. Heng Chivoan"
        head = line.strip()[: m.start()].rstrip()
        return head.endswith(".") is False and line.strip()[m.start():m.start() + 1] == "."
    return True


def _section_line(line: str) -> tuple[bool, date | None]:
    """A site's breadcrumb or section line ("News | Uzbekistan | Religion", "Home > Society > Courts",
    "COURTS | Tuesday, September 23, 2025"): short capitalised parts or a date between bars or arrows; the
    date it holds, if any."""
    parts = [p.strip() for p in re.split(r"\s[|>›»/]\s", line.strip())]
    if len(parts) < 2:
        return False, None
    when = None
    for p in parts:
        day = _part_date(p)
        if day is not None:
            when = when or day
        elif not (p and len(p.split()) <= 3 and p[0].isupper() and not p.endswith(".")) and not CHROME.match(p):
            return False, None
    return True, when


_DMY = re.compile(r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?P<day>\d{1,2})\s+"
                  r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+(?P<year>(?:19|20)\d\d)$",
                  re.I)


def _part_date(part: str) -> date | None:
    """The date a part of a section line is ("Tuesday, September 23, 2025", "8 October 2025"), or None."""
    part = re.sub(r"\s*[-–,]?\s*\d{1,2}:\d{2}(?:\s*[AP]\.?M\.?)?(?:\s*\w{2,5}(?:[+-]\d{1,2})?)?$", "", part.strip(),
                  flags=re.I)  # "14 March 2025 - 17:05", "June 20, 2025 4:52 PM GMT+4"
    return _match_date(DATE_LINE.match(part) or _DMY.match(part))


def _match_date(m: re.Match[str] | None) -> date | None:
    """The date a DATE_LINE or day-month-year match names (None for none, or for an impossible day)."""
    if m is None:
        return None
    try:
        return date(int(m.group("year")), month_number(m.group("month")), int(m.group("day")))
    except ValueError:
        return None


def _masthead(line: str) -> bool:
    """A line that can only be a name: at most four words, each capitalised ("The" and "of" aside), no digit."""
    words = line.split()
    return 1 <= len(words) <= 4 and re.fullmatch(r"[^\W\d_][\w'’&. -]*", line) is not None and all(
        w[:1].isupper() or w in ("of", "the", "and", "&") for w in words) and not line.isupper()


def _looks_like_title(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s.split()) <= 20 and not re.search(r"[.!?”\"]\s*$", s) and s[0].isupper()


# Control characters (NUL, escape, form feed…) read as spaces: one for one, so offsets stay exact.
_CONTROLS = {c: " " for c in [*range(0, 9), 11, 12, *range(14, 32), 127]}


def _inline_sidebar(line: str) -> bool:
    """A sidebar header with its teasers on the same line: "Most read: Port strike ends | Dam opens"
    (items split by bars, or one short headline without a sentence's final stop)."""
    head, colon, rest = line.partition(":")
    rest = rest.strip()
    if not colon or not rest or not SIDEBAR_HEADERS.match(head + ":"):
        return False
    return " | " in rest or (len(rest.split()) <= 25 and not rest.endswith((".", "!", "?", '"', "”", "’")))


def clean_text(text: str, title_hint: str | None = None) -> Cleaned:
    """Drop page furniture from text saved from the web; keep a map of kept text to the original."""
    text = text.translate(_CONTROLS)
    lines = _lines(text)
    if hard_wrapped([ln.strip() for _, ln in lines if ln.strip()]):
        lines = _unwrapped(text, lines)
    nonblank = [(p, ln) for p, ln in lines if ln.strip()]
    counts: dict[str, int] = {}
    for _, ln in nonblank:
        counts[_norm(ln)] = counts.get(_norm(ln), 0) + 1
    title = title_hint
    outlet = None
    published: date | None = None
    kept_words = 0  # words kept so far, counted while few: a date line counts as metadata only near the top
    dropped: list[tuple[str, str]] = []
    keep: list[tuple[int, str]] = []
    kept_norms: set[str] = set()  # the kept lines, normalised: a repeated line is dropped in constant time
    in_sidebar = False
    after_image = False
    after_teaser_mark = False
    after_date = False
    seen_captions: set[str] = set()
    for idx, (pos, ln) in enumerate(lines):
        s = ln.strip()
        if not s:
            continue
        if LOGO_LINE.match(s):
            m = LOGO_NAME.match(s)
            outlet = outlet or (m.group(1).strip() if m else None)
            if len(s.split()) <= LOGO_MAX_WORDS or m is None:
                if title is None and " - " in s:
                    title = s.split(" - ", 1)[1].strip()
                dropped.append(("logo", s))
                continue
            # a page flattened onto one line: only the logo's words are furniture, the rest is the article
            dropped.append(("logo", s[:m.end()]))
            pos, ln = pos + len(ln) - len(ln.lstrip()) + m.end(), s[m.end():]
            s = ln.strip()
        if SIDEBAR_HEADERS.match(s):
            in_sidebar = True
            dropped.append(("sidebar", s))
            continue
        if _inline_sidebar(s):
            dropped.append(("sidebar", s))
            continue
        if in_sidebar:
            indented = ln[:1].isspace() or BULLET.match(ln)
            if indented or len(s.split()) < 12:
                dropped.append(("sidebar", s))
                continue
            in_sidebar = False
        if EMAIL_LINE.match(s):
            dropped.append(("email", s))
            continue
        if BYLINE.match(s) and len(s.split()) <= 40:
            dropped.append(("byline", s))
            continue
        if RUNNING_TIME.match(s) or (CHROME.match(s) and re.search(r"(?i)video|watch", s)):
            after_teaser_mark = True  # the next short line is a video's title
            dropped.append(("chrome", s))
            continue
        if CHROME.match(s):
            dropped.append(("chrome", s))
            continue
        if after_teaser_mark:
            after_teaser_mark = False
            if len(s.split()) <= 20 and not re.search(r"[.!?”\"]\s*$", s):
                dropped.append(("teaser", s))
                continue
        if TIMESTAMP_LINE.match(s) and len(s.split()) <= 20:
            dropped.append(("byline", s))
            continue
        if IMAGE_MARKERS.match(s):
            after_image = True
            dropped.append(("image", s))
            continue
        if after_image:
            after_image = False
            if len(s.split()) <= 30:  # a long paragraph after an image marker is the article itself
                dropped.append(("caption", s))
                seen_captions.add(_norm(CREDIT_TAIL.sub("", s)))
                continue
        early = kept_words < 60  # still above the article's first paragraphs
        if re.fullmatch(r"[\w’'-]+", s) and (early or not s[:1].isdigit()):
            dropped.append(("chrome", s))  # a lone word on a line is no prose ("Logo", "Menu", a cut tab label)
            continue
        if early and NAME_LINE.match(s) and DATE_LINE.match(_next_line(lines, idx)):
            dropped.append(("byline", s))
            continue
        if early and (m := NAMED_DATE_LINE.match(s)):
            try:
                published = published or date(int(m.group("year")), month_number(m.group("m1") or m.group("m2")),
                                              int(m.group("d1") or m.group("d2")))
            except ValueError:
                pass
            dropped.append(("byline", s))
            continue
        if early and (m := DATE_LINE.match(s) or _DMY.match(s.strip())):  # "June 15, 2022", "Friday 14 November 2025"
            published = published or _match_date(m)
            dropped.append(("date", s))
            after_date = True
            continue
        if early and (m := NUMERIC_DATE_LINE.match(s)):  # "29.11.2024" (day first) or "2024-11-29"
            try:
                published = published or (date.fromisoformat(s.strip()) if m.group("iso") else
                                           date(int(m.group("y")), int(m.group("m")), int(m.group("d"))))
            except ValueError:
                pass
            dropped.append(("date", s))
            after_date = True
            continue
        if early and after_date and NAME_LINE.match(s) and not ROLE_START.match(s):
            after_date = False
            dropped.append(("byline", s))  # a writer's name alone on the line under the date
            continue
        after_date = False
        if _is_caption(s):
            key = _norm(CREDIT_TAIL.sub("", s))
            seen_captions.add(key)
            dropped.append(("caption", s))
            continue
        section, when = _section_line(s) if not keep else (False, None)
        if section:
            published = published or when
            dropped.append(("date" if when else "chrome", s))  # "News | Uzbekistan | Religion", "Home > Courts"
            continue
        if title is None and not keep and _looks_like_title(s):
            title = s
            dropped.append(("title", s))
            continue
        if title is not None and not keep and outlet is None and _masthead(title) and _looks_like_title(s) \
                and len(s.split()) >= len(title.split()) + 2:
            outlet, title = title, s  # the first line was the outlet's name, this one is the headline
            dropped.append(("title", s))
            continue
        if title is not None and _norm(s) == _norm(title):
            dropped.append(("title", s))
            continue
        if counts.get(_norm(s), 0) > 1 and _norm(s) in kept_norms:
            dropped.append(("duplicate", s))
            continue
        src = SOURCE_LINE.search(s)
        if src:
            outlet = outlet or OUTLET_ABBREV.get(src.group("src").strip(), src.group("src").strip())
        lead = len(ln) - len(ln.lstrip())
        if not keep and published is None and (m := DATE_META.match(s)):
            try:
                published = date.fromisoformat(m.group(1))
                dropped.append(("date", m.group(0).strip()))
                lead, s = lead + m.end(), s[m.end():]
            except ValueError:
                pass
        teaser = INLINE_TEASER.search(s)
        if teaser is not None:
            dropped.append(("teaser", teaser.group(0)))
            for a, b in ((0, teaser.start()), (teaser.end(), len(s))):
                if s[a:b].strip():
                    piece_lead = len(s[a:b]) - len(s[a:b].lstrip())
                    keep.append((pos + lead + a + piece_lead, s[a:b].strip()))
                    kept_norms.add(_norm(s[a:b].strip()))
            continue
        if s:
            keep.append((pos + lead, s))
            kept_norms.add(_norm(s))
            kept_words += len(s.split()) if kept_words < 60 else 0
        del idx
    dateline = None
    for k in range(min(3, len(keep))):  # the story's first paragraph, under a headline or caption left in
        m = DATELINE.match(keep[k][1]) or DATELINE_AGENCY.match(keep[k][1])
        if m and len(keep[k][1]) > m.end() + 20:
            dateline = m.group(0).strip()
            dropped.append(("dateline", dateline))
            agency = (m.group("agency") or "").strip()
            if agency and outlet is None:
                outlet = OUTLET_ABBREV.get(agency, agency)
            keep[k] = (keep[k][0] + m.end(), keep[k][1][m.end():])
            break
    offsets = OffsetMap()
    parts: list[str] = []
    cursor = 0
    for pos, s in keep:
        if parts:
            parts.append("\n\n")
            cursor += 2
        offsets.add(cursor, pos, len(s))
        parts.append(s)
        cursor += len(s)
    return Cleaned(body="".join(parts), offsets=offsets, title=title, outlet=outlet, dropped=dropped,
                   dateline=dateline, published=published)


SENTENCE_END = re.compile(r"[.!?”\"]\s*$")
WRAP_MIN_LINES = 8


def hard_wrapped(lines: list[str]) -> bool:
    """Whether text was saved with hard line breaks at a fixed width (a wire copy, an e-mail, a plain-text
    release): many lines, most of them nearly as long as the longest, most not ending a sentence."""
    if len(lines) < WRAP_MIN_LINES:
        return False
    lengths = sorted(len(s) for s in lines)
    width = lengths[int(len(lengths) * 0.9)]
    if not 40 <= width <= 100:
        return False
    near_full = sum(1 for n in lengths if n >= 0.7 * width) / len(lines)
    open_ended = sum(1 for s in lines if not SENTENCE_END.search(s)) / len(lines)
    return near_full >= 0.6 and open_ended >= 0.4


def paragraphs(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of a cleaned body."""
    out, pos = [], 0
    for part in body.split("\n\n"):
        out.append((pos, pos + len(part)))
        pos += len(part) + 2
    return out
