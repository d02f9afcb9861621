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

    def whats_new(request: Request, as_json: bool, new_token: str | None = None) -> Response:
        user = _user(request)
        since = al.settings(store, user).get("last_visit")
        rows = al.alerts_for(store, user, since=since)
        if not as_json:
            al.visited(store, user)  # what is shown now is not new next time
        data = {"user": user, "since": since, "alerts": rows, "follows": al.following(store, user),
                "csrf": getattr(request.state, "csrf", None) or "", "new_token": new_token}
        return page(request, "whats_new.html", data, as_json)

    @r.post("/alerts/feed")
    async def new_feed(request: Request) -> Response:
        """A new token for the user's Atom feed, shown once on the page (the old link stops working)."""
        user = _user(request)
        p = await params(request)
        check_csrf(request, p.get("csrf"))
        return whats_new(request, False, al.feed_token(store, user, renew=True))

    def both(path: str, view: Any) -> None:
        """A page at ``path`` in HTML and at ``path.json`` as JSON."""
        def as_html(request: Request) -> Response:
            return view(request, False)

        def as_json(request: Request) -> Response:
            return view(request, True)

        r.add_api_route(path, as_html, methods=["GET"])
        r.add_api_route(path + ".json", as_json, methods=["GET"])

    both("/whats-new", whats_new)

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

    both("/sources", sources_page)

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
