"""The command line of following the news: ``source``, ``watch``, ``follow``, ``unfollow``, ``alerts``.
Each command parses its options and calls one library function of ``casetrail.follow``."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.table import Table

from casetrail.cli import DbOpt, ModelOpt, _store, app, console, err_console, handle_errors
from casetrail.config import Settings

source_app = typer.Typer(no_args_is_help=True, help="Feeds, sitemaps, sites and press-release pages to follow.")
watch_app = typer.Typer(no_args_is_help=True, help="Fetch what is due, store new articles, alert followers.")
alerts_app = typer.Typer(no_args_is_help=False, invoke_without_command=True,
                         help="What is new for the people a user follows; how alerts are delivered.")
app.add_typer(source_app, name="source")
app.add_typer(watch_app, name="watch")
app.add_typer(alerts_app, name="alerts")
UserOpt = Annotated[str, typer.Option("--user", help="Whose follows and alerts (default: $CASETRAIL_USER or "
                                                     "your login name).")]


def _user(user: str | None) -> str:
    return user or os.environ.get("CASETRAIL_USER") or os.environ.get("USER") or "me"


@source_app.command("add")
@handle_errors
def source_add(url: str, db: DbOpt = None,
               kind: Annotated[str, typer.Option(help="auto (tell by fetching), feed, sitemap, site or page")] = "auto",
               every: Annotated[str, typer.Option(help="How often: 30m, 2h, 1d")] = "30m") -> None:
    """Add a feed, a news sitemap, a site's home page (its feeds found) or a press-release page."""
    from casetrail.follow.sources import add_source

    src = add_source(_store(db), url, kind=kind, every=every, by=_user(None))
    console.print(f"added {src['kind']} {src['url']} → polls {', '.join(src['endpoints'])}")
    if src["error_code"]:
        err_console.print(f"[yellow]note[/yellow] [{src['error_code']}] {src['error']}", highlight=False)


@source_app.command("list")
@handle_errors
def source_list(db: DbOpt = None) -> None:
    """Every source with its state: last fetched, last new article, articles brought, last error."""
    from casetrail.follow.sources import list_sources

    table = Table("url", "kind", "every", "last fetched", "last new", "articles", "last error")
    for s in list_sources(_store(db)):
        err = f"[{s['error_code']}] {s['error']}" if s["error_code"] else ""
        table.add_row(s["url"], s["kind"], f"{s['every_s'] // 60}m", s["last_fetched"] or "never",
                      s["last_new"] or "", str(s["articles"]), err[:80])
    console.print(table)


@source_app.command("remove")
@handle_errors
def source_remove(url: str, db: DbOpt = None) -> None:
    """Stop following a source (the articles it brought stay)."""
    from casetrail.follow.sources import remove_source

    console.print(f"removed {remove_source(_store(db), url)['url']}")


@watch_app.command("run")
@handle_errors
def watch_run(db: DbOpt = None, model: ModelOpt = None,
              once: Annotated[bool, typer.Option("--once", help="One cycle, then exit.")] = False,
              everything: Annotated[bool, typer.Option("--all", help="Fetch every source now, due or not.")] = False,
              every: Annotated[str | None, typer.Option(help="Repeat every period (30m, 2h) until stopped")] = None,
              engine: Annotated[str, typer.Option(help="local, or ray to spread extraction")] = "local",
              workers: Annotated[int, typer.Option(help="Ray actors")] = 2,
              delay: Annotated[float, typer.Option(help="Seconds between two requests to one host")] = 1.0) -> None:
    """Fetch what is due, store new articles, extract, resolve, update case files and alert followers."""
    from casetrail.follow.fetch import FetchPolicy
    from casetrail.follow.sources import parse_every
    from casetrail.follow.watch import Stop, WatchReport, watch, watch_once

    settings = Settings.from_env(db=db, model=model)
    store = _store(settings.db)
    policy = FetchPolicy(host_delay=delay)

    def say(rep: WatchReport) -> None:
        for err in rep.errors:
            err_console.print(f"[yellow]skipped[/yellow] {err.one_line()}", highlight=False)
        console.print(f"{rep.sources} source(s) fetched ({rep.not_modified} unchanged), {rep.new_articles} new "
                      f"article(s), {len(rep.alerts)} alert(s), {rep.requests} request(s) in {rep.seconds:.1f}s"
                      + (" — stopped, the rest next run" if rep.stopped else ""))

    kwargs = {"model": settings.model, "engine": engine, "workers": workers, "policy": policy}
    if once or not every:
        stop = Stop()
        restore = stop.install()
        try:
            say(watch_once(store, stop=stop, everything=everything, **kwargs))  # type: ignore[arg-type]
        finally:
            restore()
    else:
        watch(store, parse_every(every), on_cycle=say, **kwargs)


@app.command("follow")
@handle_errors
def follow_cmd(name: str, db: DbOpt = None, user: UserOpt = "") -> None:
    """Follow a person: what later builds and watch runs add to their case file becomes an alert."""
    from casetrail.follow.alerts import feed_token, follow

    store = _store(db)
    who = _user(user)
    f = follow(store, who, name)
    console.print(f"{who} follows {f['name']} ({f['known']} items known now)")
    token = feed_token(store, who)
    if token:
        console.print(f"alerts feed: /alerts.atom?token={token}  (shown once; `casetrail alerts feed` makes a new one)")


@app.command("unfollow")
@handle_errors
def unfollow_cmd(name: str, db: DbOpt = None, user: UserOpt = "") -> None:
    """Stop following a person."""
    from casetrail.casefile.assemble import find_person
    from casetrail.follow.alerts import unfollow

    store = _store(db)
    person = find_person(store, name)
    console.print("unfollowed" if unfollow(store, _user(user), person["id"]) else "was not following",
                  person["name"])


@alerts_app.callback()
@handle_errors
def alerts_list(ctx: typer.Context, db: DbOpt = None, user: UserOpt = "",
                limit: Annotated[int, typer.Option(help="How many")] = 50) -> None:
    """The user's alerts, newest first, each with its citation."""
    if ctx.invoked_subcommand:
        return
    from casetrail.follow.alerts import alerts_for, citation_text

    for a in alerts_for(_store(db), _user(user), limit=limit):
        console.print(f"{a['created_at'][:16]}  {a['person']}: {a['summary']}\n    {citation_text(a['citation'])}",
                      highlight=False)


@alerts_app.command("configure")
@handle_errors
def alerts_configure(db: DbOpt = None, user: UserOpt = "",
                     webhook: Annotated[str | None, typer.Option(help="URL that receives signed JSON")] = None,
                     secret: Annotated[str | None, typer.Option(help="HMAC-SHA256 key of the webhook")] = None,
                     email: Annotated[str | None, typer.Option(help="Address for mail (CASETRAIL_SMTP_URL)")] = None
                     ) -> None:
    """Where a user's alerts go besides the Atom feed: a signed webhook, mail."""
    from casetrail.follow.alerts import configure

    configure(_store(db), _user(user), webhook_url=webhook, webhook_secret=secret, email=email)
    console.print("saved")


@alerts_app.command("feed")
@handle_errors
def alerts_feed(db: DbOpt = None, user: UserOpt = "") -> None:
    """A new token for the user's Atom feed (the old one stops working)."""
    from casetrail.follow.alerts import feed_token

    console.print(f"/alerts.atom?token={feed_token(_store(db), _user(user), renew=True)}")
