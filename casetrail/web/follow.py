"""Following the news in the web app: sources shown and edited, a follow button on the person page,
"What's new" since the user's last visit, and the per-user Atom feed ``/alerts.atom?token=…``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from casetrail.errors import CasetrailError
from casetrail.follow import alerts as al
from casetrail.follow import sources as src_mod
from casetrail.follow.deliver import atom_feed
from casetrail.store.store import Store
from casetrail.web.auth import check_csrf, require
from casetrail.web.review import local_next, params


def follow_box(store: Store, request: Request, pid: str) -> dict[str, Any] | None:
    """What the person page needs for its follow button: a logged-in user (their CSRF token) and whether
    they follow the person already."""
    user = getattr(request.state, "user", None)
    if user is None or not getattr(request.state, "csrf", None):
        return None
    following = any(f["entity_id"] == pid for f in al.following(store, user.name))
    return {"csrf": request.state.csrf, "following": following}


def follow_routes(store: Store, page: Any) -> APIRouter:
    r = APIRouter()

    def _user(request: Request) -> str:
        return require(request, "read").name

    @r.post("/person/{pid}/follow")
    async def follow(request: Request, pid: str) -> Response:
        user = _user(request)
        p = await params(request)
        check_csrf(request, p.get("csrf"))
        try:
            if p.get("action") == "unfollow":
                al.unfollow(store, user, pid)
            else:
                al.follow(store, user, pid)
        except CasetrailError as exc:
            raise HTTPException(400, exc.one_line()) from exc
        return RedirectResponse(local_next(p.get("next"), f"/person/{pid}"), status_code=303)

    def whats_new(request: Request, as_json: bool) -> Response:
        user = _user(request)
        since = al.settings(store, user).get("last_visit")
        rows = al.alerts_for(store, user, since=since)
        if not as_json:
            al.visited(store, user)  # what is shown now is not new next time
        data = {"user": user, "since": since, "alerts": rows, "follows": al.following(store, user)}
        return page(request, "whats_new.html", data, as_json)

    @r.get("/whats-new")
    def whats_new_html(request: Request) -> Response:
        return whats_new(request, False)

    @r.get("/whats-new.json")
    def whats_new_json(request: Request) -> Response:
        return whats_new(request, True)

    @r.get("/alerts.atom")
    def feed(request: Request) -> Response:
        user = al.user_of_feed_token(store, request.query_params.get("token"))
        if user is None:
            raise HTTPException(401, "an alerts feed needs its token (casetrail alerts feed)")
        base = f"{request.url.scheme}://{request.url.netloc}"
        return Response(atom_feed(store, user, base), media_type="application/atom+xml")

    def sources_page(request: Request, as_json: bool) -> Response:
        require(request, "read")
        data = {"sources": src_mod.list_sources(store), "csrf": getattr(request.state, "csrf", None) or "",
                "can_edit": request.state.user.can("review")}
        return page(request, "sources.html", data, as_json)

    @r.get("/sources")
    def sources_html(request: Request) -> Response:
        return sources_page(request, False)

    @r.get("/sources.json")
    def sources_json(request: Request) -> Response:
        return sources_page(request, True)

    @r.post("/sources")
    async def sources_edit(request: Request) -> Response:
        user = require(request, "review")
        p = await params(request)
        check_csrf(request, p.get("csrf"))
        try:
            if p.get("remove"):
                src_mod.remove_source(store, str(p["remove"]))
            else:
                src_mod.add_source(store, str(p.get("url") or ""), kind=str(p.get("kind") or "auto"),
                                   every=str(p.get("every") or "30m"), by=user.name)
        except CasetrailError as exc:
            raise HTTPException(400, exc.one_line()) from exc
        return RedirectResponse("/sources", status_code=303)

    return r
