"""What every command shares: the app, the standard-error console, exit codes."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from communique.errors import CommuniqueError, ConfigError

if TYPE_CHECKING:
    from communique.budget import Budget

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
