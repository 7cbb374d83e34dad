"""``communique ingest``, ``reprocess`` and ``status``: fill a store and see what is in it."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from communique.cli.common import (
    EXIT_SOME_FAILED,
    ActorsOption,
    ArticleTimeoutOption,
    DbOption,
    MaxCharsOption,
    app,
    budget_or_exit,
    err,
    fail_usage,
    open_store_or_exit,
    read_actors_or_exit,
)
from communique.errors import ReadOnlyStoreError, StoreError

if TYPE_CHECKING:
    from communique.knowledge.user_actors import UserActor

WorkersOption = Annotated[int | None, typer.Option("--workers", "-w", min=1, help="Worker processes (default: CPU count).")]




def start_run_or_exit(writer: Any, command: str, inputs: list[str], coder_version: str) -> None:
    """Record the start of a run, or stop with exit status 2 when the store cannot be written."""
    try:
        writer.start_run(command, inputs, coder_version)
    except StoreError as exc:
        fail_usage(str(exc))


@contextmanager
def _progress(label: str) -> Iterator[Any]:
    """Yield an update hook that drives a progress bar on standard error (articles/s, errors)."""
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} articles"),
               TextColumn("{task.fields[rate]:.1f} articles/s"), TextColumn("{task.fields[errors]} errors"),
               TimeElapsedColumn())
    started = time.monotonic()
    with Progress(*columns, console=err, transient=False, refresh_per_second=2) as progress:  # the redraws cost CPU
        task = progress.add_task(label, total=None, rate=0.0, errors=0)

        def update(counts: Any) -> None:
            done = counts.added + counts.replaced + counts.recoded + counts.skipped + counts.failed + counts.waiting
            elapsed = max(time.monotonic() - started, 1e-6)
            progress.update(task, completed=done, rate=done / elapsed, errors=counts.failed)

        yield update


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt so the run is closed as interrupted."""
    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(store: Any, writer: Any, label: str, items: Any, *, workers: int, recode: bool, skip_known: bool,
         actors: list[UserActor] | None = None, budget: Any = None) -> Any:
    from communique.store.runner import ingest

    try:
        with _terminate_as_interrupt(), _progress(label) as update:
            counts = ingest(writer, items, workers=workers, recode=recode, skip_known=skip_known, on_update=update,
                            actors=_run_actors(store, actors or []), budget=budget)
    except KeyboardInterrupt:
        writer.finish_run("interrupted")
        err.print("interrupted: what was written stays; run the same command again to complete it")
        raise typer.Exit(130) from None
    except ReadOnlyStoreError as exc:
        fail_usage(str(exc))
    except StoreError as exc:
        writer.finish_run("failed")
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(EXIT_SOME_FAILED) from None
    writer.finish_run("done")
    return counts


def _run_actors(store: Any, from_file: list[UserActor]) -> list[UserActor]:
    """Return the run's user actors: the store's imported ones, overridden by name by ``--actors``'s."""
    from communique.knowledge.actor_tables import name_key

    given = {(name_key(a.name), a.kind) for a in from_file}
    return [a for a in store.user_actors() if (name_key(a.name), a.kind) not in given] + from_file


def _summary(store: Any, writer: Any, counts: Any, verb: str) -> None:
    for error in reversed(store.errors(run_id=writer.run_id, limit=None)):
        where = f"{error.source}:{error.position}" if error.position else error.source
        err.print(f"[red]error[/red] {where}: {error.reason}", highlight=False, soft_wrap=True)
    done = counts.added + counts.replaced + counts.recoded
    err.print(
        f"{verb} {done} article(s) ({counts.added} new, {counts.replaced} replaced, {counts.recoded} re-coded, "
        f"{counts.skipped} unchanged, {counts.failed} failed): {counts.actors} actors "
        f"({len(counts.new_actors)} new in the store), {counts.quotes} quotes, {counts.events} events",
        highlight=False, soft_wrap=True)
    s = store.status(runs=0, errors=0)
    err.print(f"store {s.url}: {s.articles} articles, {s.actors} actors, {s.quotes} quotes, {s.events} events",
              highlight=False, soft_wrap=True)


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for standard input.")],
    workers: WorkersOption = None,
    no_text: Annotated[bool, typer.Option("--no-text", help="Do not keep article bodies (offsets and evidence stay).")] = False,
    date: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for plain-text input.")] = None,
    title: Annotated[str | None, typer.Option(help="Title for plain-text input.")] = None,
    db: DbOption = None,
    actors_file: ActorsOption = None,
    max_chars: MaxCharsOption = None,
    article_timeout: ArticleTimeoutOption = None,
) -> None:
    """Code articles in parallel and store them (same text skipped, new text at a known URL replaces the old)."""
    from communique.ingest import read_inputs
    from communique.store.runner import default_workers, start_worker_server
    from communique.version import CODER_VERSION

    actors = read_actors_or_exit(actors_file)
    budget = budget_or_exit(max_chars, article_timeout)
    workers = workers or default_workers()
    if workers > 1:
        start_worker_server()  # the workers' pipeline loads while the store opens
    store = open_store_or_exit(db, create=True)
    writer = store.writer(keep_text=not no_text)
    start_run_or_exit(writer, "ingest", paths, CODER_VERSION)
    items = read_inputs(paths, date=date, title=title)
    counts = _run(store, writer, "ingest", items, workers=workers, recode=False,
                  skip_known=True, actors=actors, budget=budget)
    _summary(store, writer, counts, "ingested")
    if counts.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command("reprocess")
def reprocess_command(
    since: Annotated[str | None, typer.Option(help="Re-code articles coded by this coder version or a later one.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Re-code every stored article.")] = False,
    workers: WorkersOption = None,
    db: DbOption = None,
) -> None:
    """Re-code stored articles with the current coder (default: those coded by another version)."""
    from communique.store.runner import (
        default_workers,
        start_worker_server,
        stored_articles,
    )
    from communique.version import CODER_VERSION

    workers = workers or default_workers()
    if workers > 1:
        start_worker_server()
    store = open_store_or_exit(db)
    writer = store.writer()
    start_run_or_exit(writer, "reprocess", [f"since={since}"] if since else [], CODER_VERSION)
    items = stored_articles(writer, since=since, all_versions=all_, counts=writer.counts)
    counts = _run(store, writer, "reprocess", items, workers=workers, recode=True,
                  skip_known=False)
    _summary(store, writer, counts, "re-coded")
    if counts.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command("actors-import")
def actors_import_command(
    path: Annotated[str, typer.Argument(help="YAML or CSV actors file (columns: name, aliases, kind, country, "
                                             "org, role, sector, start, end).")],
    replace: Annotated[bool, typer.Option("--replace", help="Drop the actors imported before.")] = False,
    db: DbOption = None,
) -> None:
    """Record user actors in the store: every later ingest and reprocess knows them."""
    actors = read_actors_or_exit(path)
    store = open_store_or_exit(db, create=True)
    try:
        written = store.import_actors(actors, replace=replace)
    except StoreError as exc:
        fail_usage(str(exc))
    err.print(f"imported {written} actor(s); the store holds {len(store.user_actors())}", highlight=False)


@app.command("status")
def status_command(
    runs: Annotated[int, typer.Option(help="Recent runs to list.")] = 10,
    errors: Annotated[int, typer.Option(help="Recent errors to list.")] = 20,
    db: DbOption = None,
) -> None:
    """Show what the store holds: counts, coder versions, recent runs and errors."""
    from rich.console import Console

    store = open_store_or_exit(db)
    s = store.status(runs=runs, errors=errors)
    out = Console(soft_wrap=True, highlight=False)
    out.print(f"store {s.url}")
    out.print(f"{s.articles} articles, {s.actors} actors, {s.mentions} mentions, {s.quotes} quotes, "
              f"{s.events} events, {s.errors} errors")
    if s.coder_versions:
        out.print("coder versions: " + ", ".join(f"{v} ({n})" for v, n in sorted(s.coder_versions.items())))
    table = Table(title="Runs", title_justify="left")
    for col in ("id", "command", "status", "started", "finished", "added", "replaced", "skipped", "failed"):
        table.add_column(col)
    for r in s.runs:
        table.add_row(str(r.id), r.command, r.status, f"{r.started_at:%Y-%m-%d %H:%M:%S}",
                      f"{r.finished_at:%H:%M:%S}" if r.finished_at else "", str(r.added), str(r.replaced),
                      str(r.skipped), str(r.failed))
    out.print(table)
    if s.recent_errors:
        etable = Table(title="Errors", title_justify="left")
        for col in ("run", "source", "position", "error", "reason"):
            etable.add_column(col)
        for e in s.recent_errors:
            etable.add_row(str(e.run_id or ""), e.source or "", e.position or "", e.error, e.reason)
        out.print(etable)
    from communique.cli.watch import print_feed_status
    from communique.feeds import feed_status

    print_feed_status(out, feed_status(store.engine))
