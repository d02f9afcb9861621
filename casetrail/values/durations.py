"""Durations as a value type ("18 months", "five months", "27 years", "a year and a half")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from casetrail.values.money import NUMBER_WORDS

UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_WORD = "|".join(sorted((w for w in NUMBER_WORDS if w != "a"), key=len, reverse=True))
DURATION_RE = re.compile(
    rf"\b(?P<qual>(?:up to|about|around|nearly|almost|more than|at least)\s+)?"
    rf"(?P<num>\d+(?:\.\d+)?|(?:{_WORD})(?:[\s-](?:{_WORD}))*|an?)(?P<half>\s+and\s+a\s+half)?[\s-]+"
    rf"(?P<unit>day|week|month|year)s?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Duration:
    """A length of time with its unit kept as written."""

    value: float
    unit: str
    text: str = ""
    bound: str = ""  # "up to", "at least", ... when the article gives a bound

    @property
    def days(self) -> int:
        return round(self.value * UNIT_DAYS[self.unit])

    def label(self) -> str:
        n = int(self.value) if self.value == int(self.value) else self.value
        return f"{self.bound + ' ' if self.bound else ''}{n} {self.unit}{'s' if n != 1 else ''}"


_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")


def parse_duration(text: str) -> Duration | None:
    """The first duration in text, or None; a compound one ("seven years and nine months", "six years, one
    month") is one duration, counted in its largest unit."""
    m = DURATION_RE.search(text or "")
    if not m:
        return None
    first = _one(m)
    parts, end = [first], m.end()
    while True:
        j = _JOINER.match(text, end)
        nxt = DURATION_RE.match(text, j.end()) if j else None
        if nxt is None or nxt.group("qual") or UNIT_DAYS[nxt.group("unit").lower()] >= UNIT_DAYS[parts[-1].unit]:
            break
        parts.append(_one(nxt))
        end = nxt.end()
    half = re.match(r"\s+and\s+a\s+half\b", text[end:])
    if half:  # "a year and a half", "eight and a half years" is read by the number words
        parts.append(Duration(value=0.5, unit=parts[-1].unit))
        end += half.end()
    if len(parts) == 1:
        return first
    days = sum(d.value * UNIT_DAYS[d.unit] for d in parts)
    return Duration(value=round(days / UNIT_DAYS[first.unit], 4), unit=first.unit, text=text[m.start():end],
                    bound=first.bound)


def _one(m: re.Match[str]) -> Duration:
    raw = m.group("num").lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        value = float(raw)
    elif raw in ("a", "an"):
        value = 1.0
    else:
        value = 0.0
        for w in re.split(r"[\s-]+", raw):
            value += NUMBER_WORDS[w]
    if m.group("half"):
        value += 0.5  # "eight and a half years"
    qual = (m.group("qual") or "").strip().lower()
    return Duration(value=value, unit=m.group("unit").lower(), text=m.group(0), bound=qual)


def same_duration(a: Duration, b: Duration) -> bool:
    """True when two durations are the same length (18 months == 1.5 years)."""
    return abs(a.days - b.days) <= max(2, 0.02 * max(a.days, b.days))


def is_duration_phrase(text: str) -> bool:
    """True for a phrase that is only a length of time ("five months", "three decades"), not a point in time."""
    t = re.sub(r"^(for|of|to)\s+", "", (text or "").strip(), flags=re.I)
    t = re.sub(r"(?:\s*,|\s+and)$", "", t)  # "five years and" (NER stops before the months)
    t = re.sub(r"^(?:(?:just|only|some|about|around|roughly|approximately)\s+)?(?:over|under|less than|fewer than"
               r"|up to|at least|at most)\s+", "", t, flags=re.I)  # "just over 30 years", "less than two weeks"
    if re.fullmatch(r"(?i)(?:(?:the|a|an|over|more than|nearly|almost|about|some|a cumulative)\s+)*"
                    r"(?:\w+[\s-])?(?:decades?|centur(?:y|ies))", t):
        return True
    t = re.sub(r"^(the|a|an)\s+", "", t, flags=re.I) if not DURATION_RE.match(t) else t
    d = parse_duration(t)
    return d is not None and DURATION_RE.match(t) is not None and len(d.text) == len(t)
