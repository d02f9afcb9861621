"""Every error casetrail reports, with a stable code, in one place.

Library code raises these; the batch records them per document and goes on; the CLI maps them
to one-line messages and exit codes.
"""

from __future__ import annotations


class CasetrailError(Exception):
    """Base class: ``code`` is stable and machine-readable, ``exit_code`` is what the CLI returns."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def one_line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"[{self.code}] {where}{self.message}"

    def __reduce__(self) -> tuple:
        # keep the path when an error crosses processes (Ray workers)
        return (_rebuild, (self.__class__, self.message, self.path))


def _rebuild(cls: type[CasetrailError], message: str, path: str | None) -> CasetrailError:
    return cls(message, path=path)


class InputNotFound(CasetrailError):
    code = "E101"
    exit_code = 2


class UnsupportedFormat(CasetrailError):
    code = "E102"


class UnreadableInput(CasetrailError):
    """The bytes could not be decoded or the file could not be opened."""

    code = "E103"


class EmptyDocument(CasetrailError):
    code = "E104"


class ParseError(CasetrailError):
    """HTML, JSONL or WARC that could not be parsed into an article."""

    code = "E105"


class EncryptedDocument(CasetrailError):
    """A PDF that needs a password to be read."""

    code = "E106"


class NoTextLayer(CasetrailError):
    """A scanned PDF: images of pages without a text layer (OCR adds one)."""

    code = "E107"


class DocumentTooLong(CasetrailError):
    """A document past the page limit: split it and build the parts."""

    code = "E108"


class FetchError(CasetrailError):
    """A feed, sitemap or page could not be fetched or read; the code says why: E801 network, E802 timed
    out or too slow, E803 too large, E804 redirect loop, E805 HTTP error, E806 robots.txt disallows it,
    E807 rate-limited (429), E808 content type, E809 not a feed or sitemap, E810 XML with entities (a bomb)."""

    code = "E800"

    def __init__(self, message: str, *, path: str | None = None, code: str | None = None) -> None:
        super().__init__(message, path=path)
        if code:
            self.code = code

    def __reduce__(self) -> tuple:
        return (_rebuild_fetch, (self.message, self.path, self.code))


def _rebuild_fetch(message: str, path: str | None, code: str) -> FetchError:
    return FetchError(message, path=path, code=code)


class ModelNotAvailable(CasetrailError):
    code = "E201"
    exit_code = 3


class ExtractionError(CasetrailError):
    """The NLP pipeline failed on one document; the document is kept (not extracted) and the batch goes on."""

    code = "E202"


class ExtractionTimeout(ExtractionError):
    """One document ran past the per-document time budget (``--time-budget``, CASETRAIL_TIME_BUDGET)."""

    code = "E203"


class StoreError(CasetrailError):
    code = "E301"
    exit_code = 4


class PersonNotFound(CasetrailError):
    code = "E401"
    exit_code = 5


class AmbiguousPerson(CasetrailError):
    """A name matches several people; the message lists them."""

    code = "E402"
    exit_code = 5


class BadOption(CasetrailError):
    """An option value the CLI or the web app cannot use (a bad date, an unknown format)."""

    code = "E403"
    exit_code = 2


class NothingProcessed(CasetrailError):
    code = "E501"
    exit_code = 6


class EngineError(CasetrailError):
    """The distributed engine (Ray) could not start or lost its workers."""

    code = "E601"
    exit_code = 7


class AccountError(CasetrailError):
    """A user account cannot be created or changed (name taken, unknown role, password too short)."""

    code = "E701"
    exit_code = 2


class PermissionDenied(CasetrailError):
    """The user's role does not allow this (the web app answers 403)."""

    code = "E702"
    exit_code = 8


class ReviewError(CasetrailError):
    """A review or correction that cannot be applied: unknown target, bad value, a sentence not in the article."""

    code = "E703"
    exit_code = 2
