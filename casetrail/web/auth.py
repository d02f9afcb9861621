"""Who is asking, and may they: login sessions, personal API tokens, the shared ``--token``, CSRF checks.

* a login session (cookie ``casetrail_session``) acts as its user; every form it posts carries the
  session's CSRF token (field ``csrf`` or header ``X-CSRF-Token``), or it is refused;
* a personal API token (``Authorization: Bearer ct_…``, ``casetrail user token NAME``) acts as its user,
  for scripts; no cookie is involved, so no CSRF token is needed;
* the shared ``serve --token`` reads, as it always did (a viewer);
* a store with no accounts served on localhost without a token is open for reading, as before.

A request without the right role is refused with 403, in HTML and JSON alike.
"""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request

from casetrail.review.accounts import Accounts, User, csrf_ok

SESSION_COOKIE = "casetrail_session"
LOGIN_COOKIE = "casetrail_login_csrf"
ANONYMOUS = User("anonymous", "viewer")


def identify(request: Request, accounts: Accounts, token: str | None) -> tuple[User | None, str | None, str | None]:
    """(user, CSRF token of the session, how they were recognised) — how is None when they were not."""
    bearer = request.headers.get("authorization", "")
    bearer = bearer[7:].strip() if bearer.lower().startswith("bearer ") else ""
    if bearer.startswith("ct_"):
        user = accounts.by_api_token(bearer)
        return (user, None, "api") if user else (None, None, None)
    session = accounts.session(request.cookies.get(SESSION_COOKIE))
    if session is not None:
        return session.user, session.csrf, "session"
    given = request.query_params.get("token") or request.cookies.get("casetrail_token") or bearer
    if token is not None and given and hmac.compare_digest(given.encode(), token.encode()):
        return ANONYMOUS, None, "token"
    if token is None and not accounts.any_users():
        return ANONYMOUS, None, "open"
    return None, None, None


def wants_json(request: Request) -> bool:
    """A script or the JSON API (``.json`` paths, ``/api/``, a JSON body or Accept header)."""
    path = request.url.path
    return (path.endswith((".json", ".csv")) or path.startswith("/api/")
            or "application/json" in request.headers.get("content-type", "")
            or request.headers.get("accept", "").startswith("application/json"))


def require(request: Request, permission: str) -> User:
    """The acting user, when their role allows ``permission`` (read, review, manage_users); else 403."""
    user: User | None = getattr(request.state, "user", None)
    if user is None or not user.can(permission):
        who = f"{user.name} ({user.role})" if user else "nobody logged in"
        hint = " — log in with an account (casetrail user add NAME --role editor)" \
            if getattr(request.state, "auth", None) in ("open", "token") else ""
        raise HTTPException(403, f"{who} may not {permission.replace('_', ' ')}{hint}")
    return user


def check_csrf(request: Request, given: str | None) -> None:
    """A form posted from a login session must carry that session's CSRF token; API tokens need none."""
    if getattr(request.state, "auth", None) == "api":
        return
    expected = getattr(request.state, "csrf", None)
    given = given or request.headers.get("x-csrf-token")
    if not expected or not csrf_ok(expected, given):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")
