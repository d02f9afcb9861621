"""The casetrail web app: server-rendered pages over the store, each also as JSON (``.json``).

Pages: home, search (with person, event type, date and outlet filters), a person's case file with a
timeline, an article with its facts highlighted, the network of actors, and exports. Article text is
hostile input: templates autoescape, ``views`` escapes the text it marks up, and every response
carries a Content-Security-Policy that allows no script at all. Bound to localhost unless told
otherwise; exposed, it requires a token (``?token=``, a cookie, or ``Authorization: Bearer``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from casetrail.casefile.assemble import case_file
from casetrail.casefile.render import STATUS_WORDS, date_label, fact_line, review_label
from casetrail.follow.alerts import citation_text
from casetrail.review.accounts import Accounts
from casetrail.store.store import Store
from casetrail.web import views
from casetrail.web.auth import identify, require, wants_json
from casetrail.web.follow import follow_box, follow_routes
from casetrail.web.review import person_tools, review_routes

HERE = Path(__file__).parent
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")  # the only script is our own static review.js (keyboard)
OPEN_PATHS = ("/login", "/static/", "/favicon.ico", "/health", "/alerts.atom")  # the feed checks its own token
EXPORTS = {"json": "application/json", "csv": "text/csv", "ftm": "application/x-ndjson",
           "plover": "application/json", "html": "text/html", "pdf": "application/pdf", "md": "text/markdown"}


def create_app(store: Store, token: str | None = None) -> FastAPI:
    """The app over one store; with ``token`` every request must present it."""
    app = FastAPI(title="casetrail", docs_url=None, redoc_url=None, openapi_url=None)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(date_label=date_label, status_words=STATUS_WORDS, review_label=review_label,
                                 citation_text=citation_text)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    accounts = Accounts(store)

    @app.middleware("http")
    async def guard(request: Request, call_next):
        who = identify(request, accounts, token)
        request.state.user, request.state.csrf, request.state.auth = who
        if who[2] is None:  # nobody we know: accounts exist, or a token is required
            path = request.url.path
            if not path.startswith(OPEN_PATHS):
                if wants_json(request) or (token is not None and not accounts.any_users()):
                    return Response("log in first (or present a token)", status_code=401, media_type="text/plain")
                return RedirectResponse("/login?next=" + quote(str(request.url.path)), status_code=303)
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        if token is not None and request.query_params.get("token") == token:
            response.set_cookie("casetrail_token", token, httponly=True, samesite="strict")
        return response

    def page(request: Request, template: str, data: dict[str, Any], as_json: bool) -> Response:
        require(request, "read")
        if as_json:
            return JSONResponse(_jsonable(data))
        return templates.TemplateResponse(request, template, data)

    def both(path: str, template: str, data: Callable[[Request], dict[str, Any]]) -> None:
        """Serve a page at ``path`` as HTML and at ``path.json`` as JSON."""
        def as_html(request: Request) -> Response:
            return page(request, template, data(request), False)

        def as_json(request: Request) -> Response:
            return page(request, template, data(request), True)

        app.add_api_route(path, as_html, response_class=HTMLResponse, methods=["GET"])
        app.add_api_route(("/index" if path == "/" else path) + ".json", as_json, methods=["GET"])

    def search_data(request: Request) -> dict[str, Any]:
        p = request.query_params
        data = views.search(store, p.get("q", ""), p.get("person") or None, p.get("type") or None,
                            p.get("from") or None, p.get("to") or None, p.get("outlet") or None)
        data["event_types"] = views.event_types(store)
        return data

    both("/", "index.html", lambda request: views.home(store))
    both("/search", "search.html", search_data)
    both("/network", "network.html", lambda request: views.network(store))

    @app.get("/person/{pid}/export.{fmt}")
    def export(request: Request, pid: str, fmt: str) -> Response:
        require(request, "read")
        if fmt not in EXPORTS or store.entity(pid) is None:
            raise HTTPException(404)
        from casetrail.exports.run import export_bytes

        body = export_bytes(store, [pid], fmt, verified_only=bool(request.query_params.get("verified")))
        name = (store.entity(pid) or {})["name"].replace(" ", "_")
        return Response(body, media_type=EXPORTS[fmt],
                        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})

    @app.get("/person/{pid}", response_class=HTMLResponse)
    def person(request: Request, pid: str) -> Response:
        as_json = pid.endswith(".json")
        pid = pid.removesuffix(".json")
        require(request, "read")
        ent = store.entity(pid)
        if ent is None:
            raise HTTPException(404, "no such person")
        if ent.get("merged_into"):
            return RedirectResponse(f"/person/{ent['merged_into']}" + (".json" if as_json else ""), status_code=303)
        verified = bool(request.query_params.get("verified"))
        cf = case_file(store, pid, verified_only=verified)
        cf["verified_switch"] = verified
        cf["editing"] = None if as_json else person_tools(store, request, cf)
        cf["viewer"] = request.state.user
        cf["follow"] = None if as_json else follow_box(store, request, pid)
        cf["fact_lines"] = {f["id"]: fact_line(cf, f).rsplit(" [", 1)[0] for f in cf["facts"]}
        cf["years"] = _year_axis(cf["facts"])
        cf["nums"] = {s["doc_id"]: s["n"] for s in cf["sources"]}
        return page(request, "person.html", {"case": cf}, as_json)

    @app.get("/article/{doc_id}", response_class=HTMLResponse)
    def article(request: Request, doc_id: str) -> Response:
        as_json = doc_id.endswith(".json")
        data = views.article(store, doc_id.removesuffix(".json"), request.query_params.get("hl"))
        if data is None:
            raise HTTPException(404, "no such article")
        if as_json:
            data = {k: v for k, v in data.items() if k != "paragraphs"}
        return page(request, "article.html", {"a": data}, as_json)

    app.include_router(review_routes(store, templates, page))
    app.include_router(follow_routes(store, page))

    @app.exception_handler(HTTPException)
    async def refused(request: Request, exc: HTTPException) -> Response:
        """403s, 404s and 400s: JSON for the API, a short page for people."""
        if wants_json(request) or (request.method != "GET" and "text/html" not in request.headers.get("accept", "")):
            return JSONResponse({"error": exc.detail, "status": exc.status_code}, status_code=exc.status_code)
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code, "message": exc.detail},
                                          status_code=exc.status_code)

    @app.get("/health")
    def health() -> dict[str, Any]:
        return {"ok": True, "counts": store.counts()}

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return RedirectResponse("/static/favicon.svg")

    return app


def _year_axis(facts: list[dict[str, Any]]) -> dict[str, Any]:
    """Positions (0-100 %) of dated facts on a year axis, for the visual timeline."""
    dated = [f for f in facts if f["date_value"] and not f["date_value"].startswith("--")]
    if not dated:
        return {"ticks": [], "points": []}
    years = [int(f["date_value"][:4]) for f in dated]
    lo, hi = min(years), max(years) + 1
    span = max(hi - lo, 1)

    def pos(value: str) -> float:
        y = int(value[:4])
        m = int(value[5:7]) if len(value) >= 7 else 6
        return round(100 * ((y - lo) + (m - 0.5) / 12) / span, 1)

    return {"ticks": [{"year": y, "x": round(100 * (y - lo) / span, 1)} for y in range(lo, hi + 1)],
            "points": [{"x": pos(f["date_value"]), "type": f["type"], "precision": f["date_precision"],
                        "id": f["id"], "sources": f["independent_sources"]} for f in dated]}


def _jsonable(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _jsonable(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_jsonable(v) for v in data]
    if isinstance(data, str | int | float | bool) or data is None:
        return data
    return str(data)


def serve(store: Store, host: str = "127.0.0.1", port: int = 8321, token: str | None = None) -> None:
    """Run the app with uvicorn (blocking)."""
    import uvicorn

    uvicorn.run(create_app(store, token), host=host, port=port, log_level="warning")
