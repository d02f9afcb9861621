"""casetrail: sourced, cross-checked case files on the persecution of government critics."""

__version__ = "0.1.0"
