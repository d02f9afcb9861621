"""Settings: which store and which spaCy model, from options or the environment.

``CASETRAIL_DB`` is a SQLAlchemy URL or a file path (default ``casetrail.db`` here);
``CASETRAIL_MODEL`` is ``md`` (default, the en_core_web_md mirror), ``sm`` or an installed model name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Where casetrail keeps its data and which model it reads with."""

    db: str
    model: str

    @classmethod
    def from_env(cls, db: str | None = None, model: str | None = None) -> Settings:
        return cls(db=db or os.environ.get("CASETRAIL_DB") or "casetrail.db",
                   model=model or os.environ.get("CASETRAIL_MODEL") or "md")
