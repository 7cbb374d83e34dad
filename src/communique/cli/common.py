"""What every command shares: the app, the standard-error console, exit codes."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, NoReturn

import click
import typer
from rich.console import Console

from communique.errors import CommuniqueError, ConfigError, StoreError
from communique.filters import FilterError

if TYPE_CHECKING:
    from communique.budget import Budget
    from communique.knowledge.user_actors import UserActor
    from communique.store import Store

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="communique",
    help="Turn news articles into geopolitical event data (PLOVER), with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Progress, warnings and summaries go to standard error; records to standard output.
err = Console(stderr=True)


def configure_logging(verbose: bool = False) -> None:
    """Configure logging for the CLI (library modules only create loggers)."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def report_failure(error: BaseException, source: str | None = None) -> None:
    """Print one failed input and its reason to standard error."""
    if isinstance(error, CommuniqueError):
        err.print(f"[red]error[/red] {error}", highlight=False, markup=True, soft_wrap=True)
    else:
        where = f"{source}: " if source else ""
        err.print(f"[red]error[/red] {where}{type(error).__name__}: {error}", highlight=False, soft_wrap=True)


def fail_usage(message: str) -> NoReturn:
    """Stop with a usage or configuration error (exit status 2)."""
    err.print(f"[red]error[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_USAGE)


@contextmanager
def filter_errors(**arguments: str) -> Iterator[None]:
    """Turn a refused filter value (``communique.filters``) into exit 2 and one line.

    The line names the option (``--since``) or, for a filter given as an
    argument, its name in ``arguments`` (``a="A"`` for the first actor).
    """
    try:
        yield
    except FilterError as exc:
        label = arguments.get(exc.field) or "--" + exc.field.replace("_", "-")
        fail_usage(f"{label}: {exc.message}")


def showing(shown: int, total: int, offset: int, noun: str) -> None:
    """Say on standard error what a table left out and how to see the rest."""
    if offset or shown < total:
        span = f"{offset + 1}-{offset + shown}" if offset and shown else str(shown)
        err.print(f"showing {span} of {total} {noun}; use --limit/--offset or --format jsonl for all",
                  highlight=False, soft_wrap=True)


#: ``--actors FILE`` of ``extract`` and ``ingest`` (issue 20).
ActorsOption = Annotated[str | None, typer.Option(
    "--actors", help="YAML or CSV file of actors to add or override for this run "
                     "(columns: name, aliases, kind, country, org, role, sector, start, end).")]


def read_actors_or_exit(path: str | None) -> list[UserActor]:
    """Return the user actors of an ``--actors`` file (none without one), or stop with exit status 2."""
    if path is None:
        return []
    from communique.knowledge.user_actors import ActorFileError, read_actors_file

    try:
        return list(read_actors_file(path))
    except ActorFileError as exc:
        fail_usage(str(exc))


#: ``--min-confidence`` of ``extract``, ``events`` and ``export`` (issue 19): keep events at least this sure.
MinConfidenceOption = Annotated[
    float | None, typer.Option("--min-confidence", help="Keep only events whose confidence is at least this (0 to 1).")
]


def check_confidence(value: float | None) -> None:
    """Exit 2 with one line when ``--min-confidence`` is outside [0, 1]."""
    if value is not None and not 0.0 <= value <= 1.0:
        fail_usage(f"--min-confidence must be between 0 and 1, not {value}")


DbOption = Annotated[str | None, typer.Option("--db", help="Store URL (default $COMMUNIQUE_DB, else sqlite:///communique.db).")]


def open_store_or_exit(db: str | None, *, create: bool = False) -> Store:
    """Open the store at ``db`` or stop with exit status 2 and the reason.

    Only the commands that fill a store (``ingest``, ``load``, ``watch``, ``serve``) pass
    ``create=True``; every other command refuses a store that does not exist.
    """
    from communique.store import open_store

    try:
        store = open_store(db, create=create)
    except StoreError as exc:
        fail_usage(str(exc))
    context = click.get_current_context(silent=True)
    if context is not None:
        context.call_on_close(store.close)  # also when the command stops with an exit status
    return store


#: Per-article budget options of ``extract`` and ``ingest`` (issue 21); see ``communique.budget``.
MaxCharsOption = Annotated[int | None, typer.Option(
    "--max-chars", min=0, help="Refuse articles longer than this many characters (default $COMMUNIQUE_MAX_CHARS, "
    "else 2,500,000; 0: no limit).")]
ArticleTimeoutOption = Annotated[float | None, typer.Option(
    "--article-timeout", min=0, help="Seconds one article may take before it is recorded as failed (default "
    "$COMMUNIQUE_ARTICLE_TIMEOUT, else 300; 0: no limit).")]


def budget_or_exit(max_chars: int | None, article_timeout: float | None) -> Budget:
    """The per-article budget from the options and the environment, or exit 2 with the reason."""
    from communique.budget import Budget

    try:
        return Budget.from_env(max_chars=max_chars, seconds=article_timeout)
    except ConfigError as exc:
        fail_usage(str(exc))
