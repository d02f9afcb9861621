"""Settings: which store, which spaCy model, and the bounds on one document's extraction.

``CASETRAIL_DB`` is a SQLAlchemy URL or a file path (default ``casetrail.db`` here);
``CASETRAIL_MODEL`` is ``md`` (default, the en_core_web_md mirror), ``sm`` or an installed model name;
``CASETRAIL_TIME_BUDGET`` is the seconds one document may take (default 600; 0 for none) and
``CASETRAIL_WINDOW_CHARS`` the size of the windows a long document is read in (default 12000).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from casetrail.errors import BadOption
from casetrail.nlp.windows import DEFAULT_TIME_BUDGET, DEFAULT_WINDOW_CHARS


def _number(value: str | float | None, name: str, default: float) -> float:
    if value is None or value == "":
        return default
    try:
        out = float(value)
    except ValueError as exc:
        raise BadOption(f"{name} must be a number, not '{value}'") from exc
    if out < 0:
        raise BadOption(f"{name} must not be negative")
    return out


@dataclass(frozen=True)
class Settings:
    """Where casetrail keeps its data, which model it reads with, and its per-document bounds."""

    db: str
    model: str
    time_budget: float | None = DEFAULT_TIME_BUDGET
    window_chars: int = DEFAULT_WINDOW_CHARS

    @classmethod
    def from_env(cls, db: str | None = None, model: str | None = None, time_budget: float | None = None,
                 window_chars: int | None = None) -> Settings:
        budget = _number(time_budget if time_budget is not None else os.environ.get("CASETRAIL_TIME_BUDGET"),
                         "the time budget", DEFAULT_TIME_BUDGET)
        window = _number(window_chars if window_chars is not None else os.environ.get("CASETRAIL_WINDOW_CHARS"),
                         "the window size", DEFAULT_WINDOW_CHARS)
        if window < 1000:
            raise BadOption("the window size must be at least 1000 characters")
        return cls(db=db or os.environ.get("CASETRAIL_DB") or "casetrail.db",
                   model=model or os.environ.get("CASETRAIL_MODEL") or "md",
                   time_budget=budget or None, window_chars=int(window))

    def limits(self):  # -> casetrail.nlp.extract.Limits (imported late: spaCy loads with it)
        """The extraction bounds these settings give."""
        from casetrail.nlp.extract import Limits

        return Limits(window_chars=self.window_chars, time_budget=self.time_budget)
