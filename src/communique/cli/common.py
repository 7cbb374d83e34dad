"""What every command shares: the app, the standard-error console, exit codes."""

from __future__ import annotations

import logging
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from communique.errors import CommuniqueError

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


#: ``--actors FILE`` of ``extract`` and ``ingest`` (issue 20).
ActorsOption = Annotated[str | None, typer.Option(
    "--actors", help="YAML or CSV file of actors to add or override for this run "
                     "(columns: name, aliases, kind, country, org, role, sector, start, end).")]


def read_actors_or_exit(path: str | None) -> list[Any]:
    """Return the user actors of an ``--actors`` file (none without one), or stop with exit status 2."""
    if path is None:
        return []
    from communique.knowledge.user_actors import ActorFileError, read_actors_file

    try:
        return list(read_actors_file(path))
    except ActorFileError as exc:
        fail_usage(str(exc))
