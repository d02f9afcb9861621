"""Dates as a value type: what was written, what it means, how precise, and on what basis.

An event date keeps its text ("earlier this month"), the resolved value when the publication
date allows it, the precision (day/month/year) and the basis (absolute, relative to the
publication date, relative to another event). Without a publication date "September 14" is
kept as month and day with the year unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from casetrail.values.durations import parse_duration

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
_MONTH_RE = "|".join(m for m in MONTHS) + r"|sept\.?|" + "|".join(m[:3] + r"\.?" for m in MONTHS)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
RELATIVE_WORDS = re.compile(
    r"\b(last|this|next|ago|yesterday|today|tomorrow|earlier|later|previous|recently|since|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
DATE_LIKE = re.compile(rf"\b(?:{_MONTH_RE}|{'|'.join(WEEKDAYS)}|1[89]\d\d|20\d\d)\b", re.I)
# Words any expression of time holds; a "date" without one is a tagger's slip ("sentence her to").
TIME_WORDS = re.compile(
    rf"\d|\b(?:{_MONTH_RE}|{'|'.join(WEEKDAYS)}|days?|weeks?|weekends?|months?|years?|decades?|century|centuries|"
    r"ago|yesterday|today|tomorrow|tonight|morning|afternoon|evening|night|nights|dawn|noon|midnight|hours?|"
    r"spring|summer|autumn|fall|winter|season|quarter|period|time|times|now|once|recently|earlier|later|"
    r"last|next|past|previous|early|late|mid|eve|holiday|holidays|ramadan|eid|christmas|new year)\b", re.I)
EVENT_RELATIVE = re.compile(r"\b(after|before|later|earlier|following|prior to)\b", re.I)
# A time that is that of the happening told just before: "was immediately arrested".
SAME_TIME = re.compile(r"^(?:immediately|instantly|promptly|at once|the same day|on the same day)$", re.I)


@dataclass(frozen=True)
class EventDate:
    """A date as an article gives it."""

    text: str
    value: str | None = None  # ISO: 2018-09-14, 2018-09, 2018, or --09-14 when the year is unknown
    precision: str = "unknown"  # day | month | year | unknown
    basis: str = "absolute"  # absolute | relative-publication | relative-event
    approximate: bool = False

    def sort_key(self) -> str:
        """A key that orders dates; unknown dates sort last."""
        return self.value if self.value and not self.value.startswith("--") else "9999"

    def label(self) -> str:
        """Human label with precision, e.g. "2018-09 (month)"."""
        if not self.value:
            return f"{self.text} (date unknown)"
        approx = "about " if self.approximate else ""
        return f"{approx}{self.value} ({self.precision})"


def _iso(d: date, precision: str) -> str:
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _month_day_without_year(text: str) -> EventDate | None:
    m = re.search(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d{{4}})", text, re.I)
    if not m:
        m2 = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\b(?!,?\s*\d{{4}})", text, re.I)
        if not m2:
            return None
        day, month_word = m2.group(1), m2.group(2)
    else:
        month_word, day = m.group(1), m.group(2)
    month = month_number(month_word)
    return EventDate(text=text, value=f"--{month:02d}-{int(day):02d}", precision="day", basis="absolute")


def parse_date(text: str, published: date | None = None) -> EventDate:
    """Interpret a date expression against the publication date (when known)."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if not text:
        return EventDate(text="")
    approximate = bool(re.search(r"\b(about|around|early|late|mid|circa|some|nearly|almost|roughly|approximately|"
                                 r"more than|over|less than|under)\b", text, re.I))
    if (EVENT_RELATIVE.search(text) and parse_duration(text) is not None) or SAME_TIME.match(text):
        return EventDate(text=text, basis="relative-event", approximate=approximate)
    relative = bool(RELATIVE_WORDS.search(text))
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    if published is None and not year:
        md = _month_day_without_year(text)
        if md:
            return md
        month_only = re.fullmatch(rf"(?:in |on |by )?({_MONTH_RE})", text, re.I)
        if month_only:
            month = month_number(month_only.group(1))
            return EventDate(text=text, value=f"--{month:02d}", precision="month", basis="absolute")
        return EventDate(text=text, basis="relative-publication" if relative else "absolute",
                         approximate=approximate)
    weekday = re.fullmatch(r"(?:on |last |this |)(" + "|".join(WEEKDAYS) + r")", text, re.I)
    if weekday and published is not None:
        # news "on Wednesday" is the latest Wednesday up to the publication day ("last" excludes it)
        wd = WEEKDAYS.index(weekday.group(1).lower())
        back = (published.weekday() - wd) % 7
        if back == 0 and text.lower().startswith("last "):
            back = 7
        return EventDate(text=text, value=(published - timedelta(days=back)).isoformat(), precision="day",
                         basis="relative-publication")
    fast = _fast(text, published)
    if fast is not None:
        value, precision = fast
    else:
        value, precision = _dateparser(text, published)
    if value is None:
        return EventDate(text=text, basis="relative-publication" if relative else "absolute",
                         approximate=approximate)
    return EventDate(text=text, value=_iso(value, precision), precision=precision,
                     basis="relative-publication" if relative else "absolute", approximate=approximate)


_FAST_ABSOLUTE = [
    (re.compile(rf"(?:in |on |by |since |from |during |until )?({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
                rf"(\d{{4}})", re.I), "mdy"),
    (re.compile(rf"(?:in |on |by |since |from |during |until )?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                rf"({_MONTH_RE}),?\s+(\d{{4}})", re.I), "dmy"),
    (re.compile(rf"(?:in |by |since |from |during |until |early |late |mid-)?({_MONTH_RE}),?\s+(\d{{4}})", re.I),
     "my"),
    (re.compile(r"(?:in |by |since |from |during |until |early |late |mid-|(?:early|late|later|mid) in )?"
                r"(1[89]\d\d|20\d\d)", re.I), "y"),
]


_MONTH_OF_YEAR = re.compile(
    rf"(?:in |on |by |since |from |during |until |early |late |mid-)?(?:(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?)?"
    rf"({_MONTH_RE})(?: (\d{{1,2}})(?:st|nd|rd|th)?)?,? (?:of )?(last|this|next) year", re.I)


def month_number(word: str) -> int:
    """1-12 for a month's name or abbreviation ("Sept." -> 9)."""
    return next(i for i, mo in enumerate(MONTHS, 1) if mo.startswith(word.lower()[:3]))


def _fast(text: str, published: date | None) -> tuple[date, str] | None:
    """The common absolute and relative forms without dateparser (which costs milliseconds a call)."""
    t = text.strip().rstrip(".,")
    try:
        for pattern, shape in _FAST_ABSOLUTE:
            m = pattern.fullmatch(t)
            if m is None:
                continue
            if shape == "mdy":
                return date(int(m.group(3)), month_number(m.group(1)), int(m.group(2))), "day"
            if shape == "dmy":
                return date(int(m.group(3)), month_number(m.group(2)), int(m.group(1))), "day"
            if shape == "my":
                return date(int(m.group(2)), month_number(m.group(1)), 1), "month"
            return date(int(m.group(1)), 1, 1), "year"
    except ValueError:
        return None  # "February 30, 2020": leave it to dateparser, which will refuse it too
    if published is None:
        return None
    low = re.sub(r"\s+", " ", t.lower())
    if low in ("last year", "a year ago"):
        return date(published.year - 1, 1, 1), "year"
    if low in ("this year", "earlier this year", "later this year"):
        return date(published.year, 1, 1), "year"
    if low in ("last month", "a month ago"):
        y, m = (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
        return date(y, m, 1), "month"
    if low in ("this month", "earlier this month"):
        return date(published.year, published.month, 1), "month"
    of_year = _MONTH_OF_YEAR.fullmatch(low)
    if of_year:  # "July last year", "on 5 March this year", "in May of next year": the year counted from publication
        day = of_year.group(1) or of_year.group(3)
        year = published.year + {"last": -1, "this": 0, "next": 1}[of_year.group(4)]
        month = month_number(of_year.group(2))
        try:
            return (date(year, month, int(day)), "day") if day else (date(year, month, 1), "month")
        except ValueError:
            return None
    last_month = re.fullmatch(rf"(?:last|this past) ({_MONTH_RE})", low)
    if last_month:  # "last December": the latest December before the publication month
        month = month_number(last_month.group(1))
        return date(published.year if month < published.month else published.year - 1, month, 1), "month"
    ago = re.fullmatch(r"(.+?)\s+ago", low)
    if ago:  # "16 months ago", "nearly two years ago", "a week ago": back from the publication day
        d = parse_duration(ago.group(1))
        if d is not None and d.value > 0:
            return _back(published, d.value, d.unit)
    if low in ("yesterday",):
        return published - timedelta(days=1), "day"
    if low in ("today", "on today"):
        return published, "day"
    return None


def _back(published: date, value: float, unit: str) -> tuple[date, str] | None:
    """The date ``value`` ``unit``s before ``published``, at the precision the unit gives."""
    if unit in ("day", "week"):
        return published - timedelta(days=round(value * (7 if unit == "week" else 1))), "day"
    months = round(value * (12 if unit == "year" else 1)) if unit in ("month", "year") else None
    if months is None:
        return None
    y, m = divmod(published.year * 12 + published.month - 1 - months, 12)
    if unit == "year" and value == int(value):
        return date(y, 1, 1), "year"
    return date(y, m + 1, 1), "month"


def _settings(published: date | None) -> dict[str, object]:
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    return settings


@lru_cache(maxsize=256)
def _parser(published: date | None) -> object:
    """A dateparser parser per publication date (building one costs milliseconds; reuse it)."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=_settings(published))


@lru_cache(maxsize=16384)
def _dateparser(text: str, published: date | None) -> tuple[date | None, str]:
    from dateparser.search import search_dates

    cleaned = re.sub(r"^(on|in|by|since|from|during|until)\s+", "", text, flags=re.I)
    cleaned = re.sub(r"\bearlier this\b", "this", cleaned, flags=re.I)
    settings = _settings(published)
    data = _parser(published).get_date_data(cleaned)  # type: ignore[attr-defined]
    if data is None or data.date_obj is None:
        if not DATE_LIKE.search(cleaned):
            return None, "unknown"  # no month, weekday or year: nothing a search could find reliably
        found = search_dates(cleaned, languages=["en"], settings=settings)
        if not found:
            return None, "unknown"
        return found[0][1].date(), "day"
    period = data.period or "day"
    if period in ("time", "hour", "minute", "second"):
        period = "day"
    if period == "week":
        period = "day"
    return data.date_obj.date(), period


def shift(d: EventDate, anchor: EventDate) -> EventDate:
    """Resolve a date relative to another event ("two weeks after fleeing") from that event's date."""
    if d.basis != "relative-event" or not anchor.value:
        return d
    if SAME_TIME.match(d.text):
        return EventDate(text=d.text, value=anchor.value, precision=anchor.precision, basis="relative-event",
                         approximate=anchor.approximate)
    dur = parse_duration(d.text)
    if dur is None or anchor.precision not in ("day", "month"):
        return d
    no_year = anchor.value.startswith("--")
    # without a year, count on a leap year so that month and day still come out right
    iso = ("2000" + anchor.value[1:]) if no_year else anchor.value
    if anchor.precision == "month":
        iso += "-01"
    base = date.fromisoformat(iso)
    sign = -1 if re.search(r"\b(before|earlier|prior to)\b", d.text, re.I) else 1
    if dur.unit in ("month", "year") and anchor.precision == "month":
        months = int(dur.value * (12 if dur.unit == "year" else 1)) * sign
        y, m = divmod(base.month - 1 + months, 12)
        value = f"{base.year + y:04d}-{m + 1:02d}"
        return EventDate(text=d.text, value=("--" + value[5:]) if no_year else value, precision="month",
                         basis="relative-event", approximate=True)
    when = base + sign * timedelta(days=dur.days)
    value = ("--" + when.isoformat()[5:]) if no_year else when.isoformat()
    return EventDate(text=d.text, value=value, precision="day", basis="relative-event", approximate=True)


def compatible(a: EventDate, b: EventDate) -> bool:
    """True when two dates can describe the same day (they agree to the coarser precision)."""
    if not a.value or not b.value:
        return True
    va, vb = a.value.lstrip("-"), b.value.lstrip("-")
    if a.value.startswith("--") != b.value.startswith("--"):
        # one has no year ("--07-29"): compare the other's month(-day) with it ("2022-07" -> "07")
        va = va if a.value.startswith("--") else va[5:]
        vb = vb if b.value.startswith("--") else vb[5:]
        if not va or not vb:
            return True
    n = min(len(va), len(vb))
    return va[:n] == vb[:n]
