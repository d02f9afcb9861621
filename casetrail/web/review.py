"""The review pages and their JSON API: login, the keyboard-driven queue, statuses, corrections, merges and
splits, hand-added facts, orphans, the audit log and user management.

Every write takes a form (with the session's CSRF token) or a JSON body (with an API token), calls one
``casetrail.review`` function, and answers with a redirect (forms) or the result (JSON). Roles are checked
before anything is read from the request body.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import select

from casetrail.domain.schema import EVENT_TYPES, REVIEW_STATUSES, STATUSES, USER_ROLES
from casetrail.errors import CasetrailError, PermissionDenied, ReviewError
from casetrail.review import audit, queue
from casetrail.review.accounts import Accounts
from casetrail.review.reconcile import orphans
from casetrail.review.records import Reviewer
from casetrail.store import schema as t
from casetrail.store.store import Store
from casetrail.web.auth import LOGIN_COOKIE, SESSION_COOKIE, check_csrf, require, wants_json

LIST_WINDOW = 200  # items listed beside the current one on a queue page

Page = Callable[[Request, str, dict[str, Any], bool], Response]


async def params(request: Request) -> dict[str, Any]:
    """A form's or a JSON body's fields; fields given several times (``items``, ``docs``) as lists."""
    if "application/json" in request.headers.get("content-type", ""):
        body = await request.json()
        return body if isinstance(body, dict) else {}
    form = await request.form()
    return {k: (form.getlist(k) if k in ("items", "docs") else form.get(k)) for k in form}


def local_next(value: Any, default: str) -> str:
    """Where to go after a form: a path of this site only (never another host)."""
    value = str(value or "")
    return value if value.startswith("/") and not value.startswith("//") and "\\" not in value else default


def person_tools(store: Store, request: Request, case: dict[str, Any]) -> dict[str, Any] | None:
    """What an editor sees on a person page: the CSRF token, the corrections made and the forms' choices."""
    user = getattr(request.state, "user", None)
    if user is None or not user.can("review"):
        return None
    pid = case["id"]
    fixes = store.rows(select(t.corrections).where(t.corrections.c.active.is_(True),
                                                   (t.corrections.c.entity_id == pid)
                                                   | (t.corrections.c.value_ref == pid)
                                                   | (t.corrections.c.target_id == pid))
                       .order_by(t.corrections.c.created_at))
    lost = orphans(store, pid)
    return {"csrf": request.state.csrf or "", "user": user, "corrections": fixes, "event_types": EVENT_TYPES,
            "statuses": STATUSES, "review_statuses": REVIEW_STATUSES, "orphans": lost}


def review_routes(store: Store, templates: Jinja2Templates, page: Page) -> APIRouter:
    """The routes, over one store."""
    r = APIRouter()
    accounts = Accounts(store)

    def reviewer(request: Request) -> Reviewer:
        return Reviewer(store, require(request, "review"))

    async def write(request: Request, action: Callable[[Reviewer, dict[str, Any]], Any], default_next: str
                    ) -> Response:
        """Role first, then CSRF, then the action; errors become 400 (bad value) or 403 (not allowed)."""
        rv = reviewer(request)
        p = await params(request)
        check_csrf(request, p.get("csrf"))
        try:
            result = action(rv, p)
        except PermissionDenied as exc:
            raise HTTPException(403, exc.message) from exc
        except CasetrailError as exc:
            raise HTTPException(400, exc.one_line()) from exc
        if wants_json(request):
            return JSONResponse({"ok": True, "result": result})
        return RedirectResponse(local_next(p.get("next"), default_next), status_code=303)

    # -- login ------------------------------------------------------------------------------------
    @r.get("/login", response_class=HTMLResponse)
    def login_page(request: Request) -> Response:
        import secrets

        nonce = secrets.token_urlsafe(24)
        resp = templates.TemplateResponse(request, "login.html", {
            "csrf": nonce, "next": local_next(request.query_params.get("next"), "/"),
            "failed": bool(request.query_params.get("failed"))})
        resp.set_cookie(LOGIN_COOKIE, nonce, httponly=True, samesite="strict")
        return resp

    @r.post("/login")
    async def login(request: Request) -> Response:
        p = await params(request)
        cookie = request.cookies.get(LOGIN_COOKIE)
        if not cookie or cookie != p.get("csrf"):
            raise HTTPException(403, "missing or wrong CSRF token: reload the login page")
        user = accounts.authenticate(str(p.get("name") or ""), str(p.get("password") or ""))
        nxt = local_next(p.get("next"), "/")
        if user is None:
            return RedirectResponse(f"/login?failed=1&next={quote(nxt)}", status_code=303)
        secret, _ = accounts.start_session(user)
        resp = RedirectResponse(nxt, status_code=303)
        resp.set_cookie(SESSION_COOKIE, secret, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
        resp.delete_cookie(LOGIN_COOKIE)
        return resp

    @r.post("/logout")
    async def logout(request: Request) -> Response:
        p = await params(request)
        check_csrf(request, p.get("csrf"))
        accounts.end_session(request.cookies.get(SESSION_COOKIE))
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(SESSION_COOKIE)
        return resp

    # -- the queue --------------------------------------------------------------------------------
    @r.get("/review", response_class=HTMLResponse)
    def review_index(request: Request) -> Response:
        from casetrail.web import views

        require(request, "read")
        return page(request, "review_index.html", {"people": views.home(store)["people"]}, False)

    @r.get("/review/person/{pid}", response_class=HTMLResponse)
    def review_person(request: Request, pid: str) -> Response:
        as_json = pid.endswith(".json")
        pid = pid.removesuffix(".json")
        require(request, "read")
        show_all = bool(request.query_params.get("all"))
        try:
            data = queue.queue(store, pid, include_reviewed=show_all)
        except CasetrailError as exc:
            raise HTTPException(404, exc.message) from exc
        if data["person"]["id"] != pid:
            return RedirectResponse(f"/review/person/{data['person']['id']}", status_code=303)
        try:
            i = max(0, min(int(request.query_params.get("i", 0)), len(data["items"]) - 1))
        except ValueError:
            i = 0
        data["i"] = i
        current = data["items"][i] if data["items"] else None
        data["current"] = current
        if not as_json:
            data["context"] = queue.context(store, current) if current else None
            data["csrf"] = getattr(request.state, "csrf", None) or ""
            data["can_review"] = request.state.user.can("review")
            data["event_types"], data["statuses"] = EVENT_TYPES, STATUSES
            base = f"/review/person/{pid}" + ("?all=1&" if show_all else "?")
            data["base"] = base
            data["here"] = f"{base}i={i}"
            # a much-reported person has thousands of items: the list shows a window around the current one
            start = max(0, min(i - LIST_WINDOW // 2, len(data["items"]) - LIST_WINDOW))
            data["offset"], data["window"] = start, data["items"][start:start + LIST_WINDOW]
        else:
            for it in data["items"]:
                it.pop("event", None)
        return page(request, "queue.html", data, as_json)

    # -- writes -----------------------------------------------------------------------------------
    @r.post("/review/status")
    async def status(request: Request) -> Response:
        return await write(request, lambda rv, p: rv.set_status(str(p.get("kind")), str(p.get("ref")),
                                                                str(p.get("status")), p.get("note")), "/review")

    @r.post("/review/bulk")
    async def bulk(request: Request) -> Response:
        def run(rv: Reviewer, p: dict[str, Any]) -> Any:
            items = [tuple(str(x).split("|", 1)) for x in (p.get("items") or []) if "|" in str(x)]
            if not items:
                raise ReviewError("select at least one item")
            return rv.bulk(items, str(p.get("status") or "verified"), p.get("note"))  # type: ignore[arg-type]
        return await write(request, run, "/review")

    @r.post("/review/event/{eid}")
    async def correct_event(request: Request, eid: str) -> Response:
        fields = ("type", "date", "amount", "duration", "status")
        return await write(request, lambda rv, p: rv.correct_event(eid, {f: p.get(f) for f in fields if f in p},
                                                                   p.get("note")), "/review")

    @r.post("/review/quote/{qid}/speaker")
    async def speaker(request: Request, qid: str) -> Response:
        return await write(request, lambda rv, p: rv.reassign_speaker(qid, p.get("person") or None, p.get("note")),
                           "/review")

    @r.post("/review/person/{pid}/merge")
    async def merge(request: Request, pid: str) -> Response:
        return await write(request, lambda rv, p: rv.merge(pid, str(p.get("into") or ""), p.get("note")),
                           f"/person/{pid}")

    @r.post("/review/person/{pid}/split")
    async def split(request: Request, pid: str) -> Response:
        return await write(request, lambda rv, p: rv.split(pid, list(p.get("docs") or []), p.get("name"),
                                                           p.get("note")), f"/person/{pid}")

    @r.post("/review/person/{pid}/target")
    async def target(request: Request, pid: str) -> Response:
        value = {"yes": True, "no": False, "true": True, "false": False}
        return await write(request, lambda rv, p: rv.set_target(pid, value.get(str(p.get("value")).lower()),
                                                                p.get("note")), f"/person/{pid}")

    @r.post("/review/person/{pid}/rename")
    async def rename(request: Request, pid: str) -> Response:
        return await write(request, lambda rv, p: rv.rename(pid, str(p.get("name") or ""), p.get("note")),
                           f"/person/{pid}")

    @r.post("/review/person/{pid}/fact")
    async def add_fact(request: Request, pid: str) -> Response:
        return await write(request, lambda rv, p: rv.add_fact(
            pid, str(p.get("type") or ""), str(p.get("doc") or ""), str(p.get("sentence") or ""), p.get("date"),
            p.get("amount"), p.get("duration"), str(p.get("status") or "asserted"), p.get("note")), f"/person/{pid}")

    @r.post("/review/correction/{cid}/revoke")
    async def revoke(request: Request, cid: str) -> Response:
        return await write(request, lambda rv, p: rv.revoke(cid, p.get("note")), "/review")

    # -- orphans and the audit log ------------------------------------------------------------------
    @r.get("/review/orphans", response_class=HTMLResponse)
    @r.get("/review/orphans.json")
    def orphan_list(request: Request) -> Response:
        require(request, "read")
        return page(request, "orphans.html", {"orphans": orphans(store)}, request.url.path.endswith(".json"))

    @r.get("/audit", response_class=HTMLResponse)
    @r.get("/audit.json")
    @r.get("/audit.csv")
    def audit_log(request: Request) -> Response:
        require(request, "read")
        q = request.query_params
        filters = {"entity_id": q.get("person") or None, "target_id": q.get("target") or None,
                   "user": q.get("user") or None, "fact_id": q.get("fact") or None}
        if request.url.path.endswith(".csv"):
            return Response(audit.export(store, "csv", **filters), media_type="text/csv",
                            headers={"Content-Disposition": 'attachment; filename="casetrail-audit.csv"'})
        if request.url.path.endswith(".json"):
            return Response(audit.export(store, "json", **filters), media_type="application/json")
        return page(request, "audit.html", {"entries": audit.entries(store, limit=500, **filters),
                                            "filters": filters, "query": str(request.url.query)}, False)

    # -- users (admins) ---------------------------------------------------------------------------
    @r.get("/admin/users", response_class=HTMLResponse)
    def users(request: Request) -> Response:
        require(request, "manage_users")
        return page(request, "users.html", {"users": accounts.list(), "roles": USER_ROLES,
                                            "csrf": request.state.csrf or ""}, False)

    async def admin(request: Request, action: Callable[[dict[str, Any], str], Any]) -> Response:
        by = require(request, "manage_users").name
        p = await params(request)
        check_csrf(request, p.get("csrf"))
        try:
            result = action(p, by)
        except CasetrailError as exc:
            raise HTTPException(400, exc.one_line()) from exc
        if wants_json(request):
            return JSONResponse({"ok": True, "result": result})
        return RedirectResponse("/admin/users", status_code=303)

    @r.post("/admin/users")
    async def user_add(request: Request) -> Response:
        return await admin(request, lambda p, by: accounts.add(str(p.get("name") or ""), str(p.get("role") or ""),
                                                               str(p.get("password") or ""), by=by).name)

    @r.post("/admin/users/{name}/role")
    async def user_role(request: Request, name: str) -> Response:
        return await admin(request, lambda p, by: accounts.set_role(name, str(p.get("role") or ""), by=by))

    @r.post("/admin/users/{name}/remove")
    async def user_remove(request: Request, name: str) -> Response:
        return await admin(request, lambda p, by: accounts.remove(name, by=by))

    return r
