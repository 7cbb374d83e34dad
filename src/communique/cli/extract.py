"""``communique extract PATH...``: print the record of each article."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from communique.cli.common import (
    EXIT_SOME_FAILED,
    ActorsOption,
    ArticleTimeoutOption,
    MaxCharsOption,
    MinConfidenceOption,
    app,
    budget_or_exit,
    check_confidence,
    err,
    fail_usage,
    read_actors_or_exit,
    report_failure,
)
from communique.errors import InputError
from communique.extract.event_confidence import confident_events
from communique.records import Article, ArticleResult


class ExtractFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


@app.command("extract")
def extract_command(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for standard input.")],
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="table, json or jsonl.")] = ExtractFormat.table,
    date: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for plain-text input.")] = None,
    title: Annotated[str | None, typer.Option(help="Title for plain-text input.")] = None,
    actors_file: ActorsOption = None,
    min_confidence: MinConfidenceOption = None,
    max_chars: MaxCharsOption = None,
    article_timeout: ArticleTimeoutOption = None,
) -> None:
    """Extract actors, quotes and events from articles and print one record per article."""
    from communique.ingest import read_inputs
    from communique.knowledge import user_actors
    from communique.pipeline import process_many

    if date is not None:
        _check_date(date)
    check_confidence(min_confidence)
    user_actors.install(read_actors_or_exit(actors_file))
    budget = budget_or_exit(max_chars, article_timeout)
    failures = 0
    def good_articles() -> Iterator[Article]:
        nonlocal failures
        for item in read_inputs(paths, date=date, title=title):
            if isinstance(item, InputError):
                failures += 1
                report_failure(item)
                continue
            yield item

    out = Console(soft_wrap=True, highlight=False) if fmt is ExtractFormat.table else None
    records: list[dict[str, Any]] = []
    for article, result in process_many(good_articles(), budget=budget):
        if isinstance(result, Exception):
            failures += 1
            report_failure(result, article.source or article.id)
            continue
        if min_confidence is not None:
            result = result.model_copy(update={"events": confident_events(result.events, min_confidence)})
        if fmt is ExtractFormat.jsonl:
            sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif fmt is ExtractFormat.json:
            records.append(result.to_json())
        else:
            assert out is not None
            print_result_table(out, result)
    if fmt is ExtractFormat.json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    if failures:
        err.print(f"{failures} input(s) failed", highlight=False)
        raise typer.Exit(EXIT_SOME_FAILED)


def _check_date(value: str) -> None:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        fail_usage(f"--date {value!r} is not an ISO date (YYYY-MM-DD)")


def print_result_table(out: Console, result: ArticleResult) -> None:
    """Print one article's record as readable tables."""
    out.rule(f"[bold]{result.title or result.id}[/bold]  {result.date or ''}  [dim]{result.source or ''}[/dim]")
    actors = Table(title="Actors", title_justify="left", expand=False)
    for col in ("name", "kind", "code/country", "org", "roles", "sector", "mentions"):
        actors.add_column(col)
    for a in result.actors:
        actors.add_row(a.name, a.kind, a.code or a.country or "", a.org or "", ", ".join(a.roles),
                       a.sector or "", str(len(a.mentions)))
    out.print(actors)
    quotes = Table(title="Quotes", title_justify="left")
    for col in ("speaker", "kind", "cue", "text"):
        quotes.add_column(col)
    for q in result.quotes:
        quotes.add_row(q.speaker or "?", q.kind, q.cue or "", _short(q.text, 90))
    out.print(quotes)
    events = Table(title="Events", title_justify="left")
    for col in ("type", "mode", "actors", "recipients", "date", "status", "score", "evidence"):
        events.add_column(col)
    for e in result.events:
        events.add_row(e.type, e.mode or "", " ".join(e.actors), " ".join(e.recipients), e.date or "",
                       e.status, "" if e.score is None else f"{e.score:g}",
                       _short(e.evidence[0].text if e.evidence else "", 60))
    out.print(events)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
