"""The command line: each command parses its options and calls one library function.

Errors from the library (``casetrail.errors``) become one line on stderr and the error's exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from casetrail.config import Settings
from casetrail.errors import BadOption, CasetrailError, NothingProcessed

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="casetrail: sourced, cross-checked case files from news reports.")
console = Console()
err_console = Console(stderr=True)

DbOpt = Annotated[str | None, typer.Option("--db", help="Store: a file path or a SQLAlchemy URL "
                                                         "(default: $CASETRAIL_DB or ./casetrail.db).")]
VerifiedOpt = Annotated[bool, typer.Option("--verified-only", help="Only what a reviewer verified.")]
ModelOpt = Annotated[str | None, typer.Option("--model", help="spaCy model: md (default), sm, or an installed "
                                                               "model name such as en_core_web_md.")]


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Map casetrail errors to one clear line and their exit code."""
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except CasetrailError as err:
            err_console.print(f"[red]error[/red] {err.one_line()}", highlight=False)
            raise typer.Exit(err.exit_code) from None
    return wrapper


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadOption(f"--date must be YYYY-MM-DD, not '{value}'") from None


def _store(db: str | None):
    from casetrail.store.store import Store

    return Store(Settings.from_env(db=db).db)


@app.command()
@handle_errors
def build(paths: Annotated[list[str], typer.Argument(
              help="Files or folders: .txt, .html, .jsonl, .warc(.gz), .pdf, .docx")],
          db: DbOpt = None, model: ModelOpt = None,
          published: Annotated[str | None, typer.Option("--date", help="Publication date YYYY-MM-DD "
                                                                       "for articles that do not show one.")] = None,
          outlet: Annotated[str | None, typer.Option("--outlet", help="Outlet name for these articles.")] = None,
          engine: Annotated[str, typer.Option(help="local, or ray for a Ray actor pool")] = "local",
          address: Annotated[str | None, typer.Option(help="Ray cluster address (default: start locally)")] = None,
          workers: Annotated[int, typer.Option(help="Ray actors (one model each)")] = 2,
          time_budget: Annotated[float | None, typer.Option(
              "--time-budget", help="Seconds one document may take before it is kept unextracted "
                                    "(default 600, or CASETRAIL_TIME_BUDGET; 0 for none).")] = None) -> None:
    """Ingest articles, extract people, quotes and events, store them and update case files."""
    from casetrail.build import build as run_build

    settings = Settings.from_env(db=db, model=model, time_budget=time_budget)
    store = _store(settings.db)
    with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err_console, transient=True) as bar:
        task = bar.add_task("building", total=None)

        def progress(kind: str, n: int) -> None:
            bar.advance(task, n)
            bar.update(task, description=f"building ({kind})")

        report = run_build(paths, store, model=settings.model, published=_parse_date(published), outlet=outlet,
                           engine=engine, address=address, workers=workers, progress=progress,
                           limits=settings.limits())
    for err in report.errors:
        err_console.print(f"[yellow]skipped[/yellow] {err.one_line()}", highlight=False)
    console.print(f"stored {len(report.stored)}, unchanged {len(report.skipped)}, failed {len(report.errors)} "
                  f"article(s); {report.people_updated} case file(s) updated in {report.seconds:.1f}s "
                  f"→ {settings.db}")
    if report.processed == 0:
        raise NothingProcessed("nothing could be processed")


@app.command()
@handle_errors
def people(db: DbOpt = None,
           organisations: Annotated[bool, typer.Option("--orgs", help="List organisations too.")] = False) -> None:
    """List the people in the store with their roles and how many articles and facts concern them."""
    store = _store(db)
    rows = store.entities_of(None if organisations else "PERSON")
    facts: dict[str, list[dict[str, Any]]] = {}
    for f in store.table_rows("facts"):
        facts.setdefault(f["entity_id"], []).append(f)
    docs: dict[str, set[str]] = {}
    for r in store.local_entities_of():
        if r["entity_id"]:
            docs.setdefault(r["entity_id"], set()).add(r["doc_id"])
    table = Table("name", "type", "roles", "articles", "facts", "case")
    for e in rows:
        fs = facts.get(e["id"], [])
        roles = "; ".join(dict.fromkeys(r["role"] for r in e["roles"]))
        case = "persecution" if any(f["persecution"] for f in fs) else ("events" if fs else "")
        table.add_row(e["name"], e["type"], roles[:70], str(len(docs.get(e["id"], ()))), str(len(fs)), case)
    console.print(table)


@app.command()
@handle_errors
def case(name: Annotated[str, typer.Argument(help="A person's name as written in any article")], db: DbOpt = None,
         fmt: Annotated[str, typer.Option("--format", help="text, markdown or json")] = "text",
         output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to a file")] = None,
         verified_only: VerifiedOpt = False) -> None:
    """Show one person's case file: profile, timeline with sources, quotes, claims, discrepancies."""
    from casetrail.casefile.assemble import case_file, find_person
    from casetrail.casefile.render import to_json, to_markdown, to_text

    if fmt not in ("text", "markdown", "json"):
        raise BadOption(f"--format must be text, markdown or json, not '{fmt}'")
    store = _store(db)
    person = find_person(store, name)
    cf = case_file(store, person["id"], verified_only)
    text = {"text": to_text, "markdown": to_markdown, "json": to_json}[fmt](cf)
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"wrote {output}")
    elif fmt == "text":
        console.print(text, highlight=False, markup=False)
    else:
        sys.stdout.write(text)


@app.command("eval-export")
@handle_errors
def eval_export(paths: Annotated[list[str], typer.Argument(help="Files or folders to extract")],
                output: Annotated[Path, typer.Option("-o", "--output", help="Prediction JSON file")],
                model: ModelOpt = None,
                db: Annotated[str | None, typer.Option("--db", help="Build into this store instead of a "
                                                                     "scratch one")] = None) -> None:
    """Write the prediction file of shared/corpus/GOLD-FORMAT.md for the given articles."""
    from casetrail.exports.evalexport import eval_export as run

    pred, report = run(paths, output, model=Settings.from_env(model=model).model, store_url=db)
    for err in report.errors:
        err_console.print(f"[yellow]skipped[/yellow] {err.one_line()}", highlight=False)
    console.print(f"{len(pred['entities'])} entities, {len(pred['quotes'])} quotes, {len(pred['events'])} events, "
                  f"{len(pred['discrepancies'])} discrepancies → {output}")
    if report.processed == 0:
        raise NothingProcessed("nothing could be processed")


@app.command()
@handle_errors
def export(names: Annotated[list[str] | None, typer.Argument(help="People to export (default: everyone with facts)")]
           = None, db: DbOpt = None,
           fmt: Annotated[str, typer.Option("--format", help="json, csv, ftm, plover, html, pdf or md")] = "json",
           table: Annotated[str, typer.Option(help="For csv: facts, quotes or claims")] = "facts",
           output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to a file")] = None,
           verified_only: VerifiedOpt = False) -> None:
    """Export case files: JSON, CSV, FollowTheMoney entities, PLOVER records, printable HTML or PDF."""
    from casetrail.casefile.assemble import find_person
    from casetrail.exports.run import export_bytes

    store = _store(db)
    ids = [find_person(store, n)["id"] for n in names] if names else None
    body = export_bytes(store, ids, fmt, table, verified_only)
    if output:
        output.write_bytes(body)
        console.print(f"wrote {output} ({len(body):,} bytes)")
    elif fmt == "pdf":
        raise BadOption("a PDF needs -o FILE")
    else:
        sys.stdout.write(body.decode("utf-8"))


@app.command()
@handle_errors
def serve(db: DbOpt = None,
          host: Annotated[str, typer.Option(help="Interface to listen on (default: this machine only)")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port")] = 8321,
          token: Annotated[str | None, typer.Option(envvar="CASETRAIL_TOKEN",
                                                    help="Required from every client; mandatory off localhost")]
          = None) -> None:
    """Serve the web app: search, person pages, articles with their facts highlighted, network, exports."""
    from casetrail.review.accounts import Accounts
    from casetrail.web.app import serve as run

    store = _store(db)
    if host not in ("127.0.0.1", "localhost", "::1") and not token and not Accounts(store).any_users():
        raise BadOption(f"listening on {host} exposes the store: give --token (or set CASETRAIL_TOKEN), "
                        "or create accounts (casetrail user add NAME --role viewer) so that pages need a login")
    console.print(f"casetrail on http://{host}:{port}/" + (f"?token={token}" if token else ""))
    run(store, host=host, port=port, token=token)


user_app = typer.Typer(no_args_is_help=True, help="Accounts for the web app: viewer, editor, admin.")
app.add_typer(user_app, name="user")
PasswordOpt = Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True,
                                          envvar="CASETRAIL_PASSWORD", help="Asked for when not given "
                                          "(or $CASETRAIL_PASSWORD, for scripts)")]


def _accounts(db: str | None):
    from casetrail.review.accounts import Accounts

    return Accounts(_store(db))


@user_app.command("add")
@handle_errors
def user_add(name: str, role: Annotated[str, typer.Option(help="viewer, editor or admin")] = "viewer",
             password: PasswordOpt = "", db: DbOpt = None) -> None:
    """Create an account (a viewer reads; an editor reviews and corrects; an admin also manages users)."""
    user = _accounts(db).add(name, role, password)
    console.print(f"added {user.name} ({user.role})")


@user_app.command("list")
@handle_errors
def user_list(db: DbOpt = None) -> None:
    """The accounts, their roles, and whether they hold an API token."""
    table = Table("name", "role", "active", "API token", "created")
    for u in _accounts(db).list():
        table.add_row(u["name"], u["role"], "yes" if u["active"] else "removed", "yes" if u["has_token"] else "",
                      u["created_at"] or "")
    console.print(table)


@user_app.command("role")
@handle_errors
def user_role(name: str, role: str, db: DbOpt = None) -> None:
    """Change an account's role."""
    _accounts(db).set_role(name, role)
    console.print(f"{name} is now {role}")


@user_app.command("password")
@handle_errors
def user_password(name: str, password: PasswordOpt = "", db: DbOpt = None) -> None:
    """Set a new password (the user's sessions end)."""
    _accounts(db).set_password(name, password)
    console.print(f"password of {name} changed")


@user_app.command("token")
@handle_errors
def user_token(name: str, db: DbOpt = None) -> None:
    """Print a new API token for scripts (Authorization: Bearer …); the previous one stops working."""
    sys.stdout.write(_accounts(db).new_api_token(name) + "\n")


@user_app.command("remove")
@handle_errors
def user_remove(name: str, db: DbOpt = None) -> None:
    """Deactivate an account (kept for the audit log)."""
    _accounts(db).remove(name)
    console.print(f"removed {name}")


@app.command()
@handle_errors
def audit(db: DbOpt = None, person: Annotated[str | None, typer.Option(help="Only what concerns this person")] = None,
          user: Annotated[str | None, typer.Option(help="Only what this user did")] = None,
          fact: Annotated[str | None, typer.Option(help="Only this fact (id) and the reports it rests on")] = None,
          fmt: Annotated[str, typer.Option("--format", help="json or csv")] = "json",
          output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to a file")] = None) -> None:
    """Export the audit log: who did what, when, with the value before and after."""
    from casetrail.casefile.assemble import find_person
    from casetrail.review.audit import export as run

    store = _store(db)
    body = run(store, fmt, entity_id=find_person(store, person)["id"] if person else None, user=user, fact_id=fact)
    if output:
        output.write_text(body, encoding="utf-8")
        console.print(f"wrote {output}")
    else:
        sys.stdout.write(body)


@app.command()
@handle_errors
def orphans(db: DbOpt = None, fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text") -> None:
    """Reviewers' statuses and corrections whose target is gone after re-extraction, with what they said."""
    import json

    from casetrail.review.reconcile import orphans as run

    rows = run(_store(db))
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    if not rows:
        console.print("no orphaned reviews or corrections")
    for o in rows:
        where = (o["anchor"] or {}).get("sentence") or (o["anchor"] or {}).get("text") or o["target_id"]
        console.print(f"{o['record']} on {o['kind']} {o['target_id']} by {o['by']} ({o['at']}): {o['said']} — "
                      f"“{str(where)[:100]}”", highlight=False, markup=False)


from casetrail.follow import cli as _follow_cli  # noqa: E402, F401 - registers source, watch, follow, alerts

if __name__ == "__main__":  # pragma: no cover
    app()
