"""Money as a value type: amount + currency, number words, and a parenthesised equivalent.

"800 million riel ($200,000)" keeps both values, so discrepancy detection can compare a fine
reported in riel by one outlet with the same fine in dollars from another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

NUMBER_WORDS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
          "b": 1e9, "trillion": 1e12, "lakh": 1e5, "crore": 1e7}
CURRENCY_WORDS = {
    "riel": "KHR", "riels": "KHR", "khr": "KHR",
    "dollar": "USD", "dollars": "USD", "usd": "USD", "us$": "USD", "$": "USD",
    "euro": "EUR", "euros": "EUR", "eur": "EUR", "€": "EUR",
    "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "£": "GBP",
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY",
    "dong": "VND", "vnd": "VND", "baht": "THB", "thb": "THB",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "rub": "RUB", "₽": "RUB",
    "rial": "IRR", "rials": "IRR", "toman": "IRT", "tomans": "IRT",
    "rupee": "INR", "rupees": "INR", "rs": "INR", "₹": "INR",
    "kyat": "MMK", "kyats": "MMK", "ringgit": "MYR", "rupiah": "IDR", "peso": "PHP", "pesos": "PHP",
    "yen": "JPY", "¥": "JPY", "won": "KRW", "lira": "TRY", "naira": "NGN", "shilling": "KES",
    "shillings": "KES", "pounds sterling": "GBP", "hk$": "HKD",
}
_NUM = r"\d[\d,]*(?:\.\d+)?"
_WORDNUM = r"(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?:[\s-](?:" + "|".join(
    sorted(NUMBER_WORDS, key=len, reverse=True)) + r"))*"
_SCALE = r"(?:" + "|".join(sorted(SCALES, key=len, reverse=True)) + r")\b"
_CUR_WORD = r"(?:" + "|".join(re.escape(c) for c in sorted(CURRENCY_WORDS, key=len, reverse=True)
                               if c[0].isalpha()) + r")\b"
_CUR_SYM = r"(?:US\$|HK\$|\$|€|£|¥|₹|₽)"
_QUAL = r"(?:(?:about|around|approximately|nearly|almost|some|over|more than|up to|roughly)\s+)?"
AMOUNT_RE = re.compile(
    rf"(?P<qual>{_QUAL})(?:(?P<sym>{_CUR_SYM})\s?(?P<n1>{_NUM})(?:\s*(?P<s1>{_SCALE}))?"
    rf"|(?P<n2>{_NUM}|{_WORDNUM})(?:[\s-]+(?P<s2>{_SCALE}))?\s+(?P<cur>{_CUR_WORD}))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Money:
    """An amount in one currency, with an optional equivalent the article gave alongside it."""

    amount: float
    currency: str
    approximate: bool = False
    text: str = ""
    equivalent: Money | None = None

    def label(self) -> str:
        """Canonical label, e.g. "800,000,000 KHR ($200,000 USD)"."""
        base = f"{self.amount:,.0f} {self.currency}"
        if self.equivalent:
            base += f" ({self.equivalent.amount:,.0f} {self.equivalent.currency})"
        return ("about " if self.approximate else "") + base

    def to_attribute(self, text: str) -> dict[str, Any]:
        """The event attribute stored for this amount, with the words it was written in."""
        value: dict[str, Any] = {"text": text, "amount": self.amount, "currency": self.currency,
                                 "approximate": self.approximate, "label": self.label()}
        if self.equivalent:
            value["equivalent"] = {"amount": self.equivalent.amount, "currency": self.equivalent.currency}
        return value


def _words_to_number(text: str) -> float | None:
    total = 0
    for w in re.split(r"[\s-]+", text.lower()):
        if w not in NUMBER_WORDS:
            return None
        v = NUMBER_WORDS[w]
        total = total * v if v == 100 and total else total + v
    return float(total)


def _number(raw: str) -> float | None:
    raw = raw.strip()
    if re.fullmatch(_NUM, raw):
        return float(raw.replace(",", ""))
    return _words_to_number(raw)


def _from_match(m: re.Match[str]) -> Money | None:
    num = m.group("n1") or m.group("n2")
    scale = m.group("s1") or m.group("s2")
    value = _number(num)
    if value is None:
        return None
    if scale:
        value *= SCALES[scale.lower()]
    cur = CURRENCY_WORDS.get((m.group("sym") or m.group("cur") or "").lower(), "")
    return Money(amount=value, currency=cur, approximate=bool(m.group("qual").strip()),
                 text=m.group(0).strip())


def find_money(text: str) -> list[tuple[int, int, Money]]:
    """All money expressions in text with offsets; "X (Y)" pairs become one value with equivalent."""
    found = [(m.start(), m.end(), mon) for m in AMOUNT_RE.finditer(text) if (mon := _from_match(m))]
    merged: list[tuple[int, int, Money]] = []
    i = 0
    while i < len(found):
        s, e, mon = found[i]
        if i + 1 < len(found):
            s2, e2, mon2 = found[i + 1]
            between = text[e:s2]
            if re.fullmatch(r"\s*\(\s*", between) and text[e2:e2 + 1] == ")":
                mon = Money(mon.amount, mon.currency, mon.approximate, text[s:e2 + 1], mon2)
                merged.append((s, e2 + 1, mon))
                i += 2
                continue
        merged.append((s, e, mon))
        i += 1
    return merged


def parse_money(text: str) -> Money | None:
    """The first money value in text, or None."""
    found = find_money(text)
    return found[0][2] if found else None


def same_money(a: Money, b: Money, tolerance: float = 0.05) -> bool:
    """True when two amounts mean the same: equal in a shared currency (either side's equivalent)."""
    def values(m: Money) -> dict[str, float]:
        out = {m.currency: m.amount}
        if m.equivalent:
            out.setdefault(m.equivalent.currency, m.equivalent.amount)
        return out

    va, vb = values(a), values(b)
    shared = set(va) & set(vb)
    if not shared:
        return False
    return all(abs(va[c] - vb[c]) <= tolerance * max(va[c], vb[c]) for c in shared)
