"""Store queries on the command line: ``events``, ``actors``, ``quotes``, ``show``, ``dyad``, ``search``, ``export``.

With ``--format jsonl|csv`` standard output carries only records, with no
row limit; the table format shows ``--limit`` rows (default 50).
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from communique.cli.common import MinConfidenceOption, app, check_confidence, err, fail_usage
from communique.cli.store_ingest import DbOption, open_store_or_exit

TABLE_LIMIT = 50


class EventFormat(str, Enum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


class ListFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


class ExportFormat(str, Enum):
    plover = "plover"
    gdelt = "gdelt"
    parquet = "parquet"
    jsonl = "jsonl"
    csv = "csv"


LimitOption = Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most this many rows (table default 50).")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")]


def _console() -> Console:
    return Console(soft_wrap=True, highlight=False, markup=False)


def _check_day(value: str | None, option: str) -> None:
    import re

    if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        fail_usage(f"{option} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")


def _open_text_out(output: Path | None) -> IO[str]:
    return output.open("w", encoding="utf-8", newline="") if output else sys.stdout


def _binary_out(output: Path | None) -> Any:
    if output:
        return str(output)
    if sys.stdout.isatty():
        fail_usage("Parquet is binary: give --output FILE or redirect standard output")
    return sys.stdout.buffer


def _short(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command("events")
def events_command(
    actor: Annotated[str | None, typer.Option(help="Actor code (USA, NATO), canonical id or name.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient code, canonical id or name.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type (CONSULT, ASSAULT, ...).")] = None,
    status: Annotated[str | None, typer.Option(help="occurred, planned, alleged, denied or hypothetical.")] = None,
    actor_sector: Annotated[str | None, typer.Option(help="Sector code of the actor side (GOV, MIL, ...).")] = None,
    since: Annotated[str | None, typer.Option(help="First day (YYYY-MM-DD, YYYY-MM or YYYY).")] = None,
    until: Annotated[str | None, typer.Option(help="Last day, inclusive.")] = None,
    limit: LimitOption = None,
    fmt: Annotated[EventFormat, typer.Option("--format", "-f", help="table, csv, jsonl or parquet.")] = EventFormat.table,
    output: OutputOption = None,
    db: DbOption = None,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """List stored events (one per event per article), by day."""
    from communique.store import exports

    _check_day(since, "--since")
    _check_day(until, "--until")
    check_confidence(min_confidence)
    store = open_store_or_exit(db)
    if fmt is EventFormat.table and limit is None:
        limit = TABLE_LIMIT
    events = store.iter_events(actor=actor, recipient=recipient, type=type_, status=status,
                               actor_sector=actor_sector, since=since, until=until, limit=limit,
                               min_confidence=min_confidence)
    if fmt is EventFormat.parquet:
        exports.write_parquet(events, _binary_out(output))
    elif fmt is EventFormat.table:
        _events_table(list(events))
    else:
        out = _open_text_out(output)
        (exports.write_jsonl if fmt is EventFormat.jsonl else exports.write_csv)(events, out)
        out.flush()


def _events_table(events: list[Any]) -> None:
    table = Table(title=f"{len(events)} events", title_justify="left")
    for col in ("day", "type", "mode", "actors", "recipients", "status", "score", "article", "evidence"):
        table.add_column(col)
    for e in events:
        table.add_row(e.date or e.article_date or "", e.type, e.mode or "", " ".join(e.actors),
                      " ".join(e.recipients), e.status, "" if e.score is None else f"{e.score:g}", e.article_id,
                      _short(e.evidence[0].text if e.evidence else "", 60))
    _console().print(table)


@app.command("actors")
def actors_command(
    kind: Annotated[str | None, typer.Option(help="person, state, igo or org.")] = None,
    search: Annotated[str | None, typer.Option(help="Part of a name, or a code.")] = None,
    limit: LimitOption = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table or jsonl.")] = ListFormat.table,
    db: DbOption = None,
) -> None:
    """List canonical actors (the same person, state or IGO across articles) with their roles."""
    store = open_store_or_exit(db)
    rows = store.actors(kind=kind, search=search, limit=limit or (TABLE_LIMIT if fmt is ListFormat.table else None))
    if fmt is ListFormat.jsonl:
        for a in rows:
            sys.stdout.write(json.dumps(a.to_json(), ensure_ascii=False, default=str) + "\n")
        return
    table = Table(title=f"{len(rows)} actors", title_justify="left")
    for col in ("id", "name", "kind", "code/country", "articles", "first seen", "last seen", "roles"):
        table.add_column(col)
    for a in rows:
        roles = "; ".join(f"{r.role} ({r.state or r.org or '-'}, {r.first_seen}..{r.last_seen})" for r in a.roles)
        table.add_row(a.id, a.name, a.kind, a.code or a.country or a.org or "", str(a.articles), a.first_seen or "",
                      a.last_seen or "", roles)
    _console().print(table)


@app.command("quotes")
def quotes_command(
    speaker: Annotated[str | None, typer.Option(help="Speaker name (or part), or canonical actor id.")] = None,
    limit: LimitOption = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table or jsonl.")] = ListFormat.table,
    db: DbOption = None,
) -> None:
    """List stored quotations and who said them."""
    store = open_store_or_exit(db)
    rows = store.quotes(speaker=speaker, limit=limit or (TABLE_LIMIT if fmt is ListFormat.table else None))
    if fmt is ListFormat.jsonl:
        for q in rows:
            sys.stdout.write(json.dumps(q.to_json(), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(rows)} quotes", title_justify="left")
    for col in ("date", "speaker", "kind", "cue", "text", "article"):
        table.add_column(col)
    for q in rows:
        table.add_row(q.article_date or "", q.speaker or "?", q.kind, q.cue or "", _short(q.text, 80), q.article_id)
    _console().print(table)


@app.command("show")
def show_command(
    article_id: Annotated[str, typer.Argument(help="Article id (art_...).")],
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table or jsonl.")] = ListFormat.table,
    db: DbOption = None,
) -> None:
    """Show one stored article with its actors, quotes and events."""
    from communique.cli.extract import print_result_table

    store = open_store_or_exit(db)
    stored = store.article(article_id)
    if stored is None:
        fail_usage(f"no article {article_id!r} in the store")
    if fmt is ListFormat.jsonl:
        sys.stdout.write(json.dumps(stored.to_json(), ensure_ascii=False, default=str) + "\n")
        return
    out = Console(soft_wrap=True, highlight=False)
    print_result_table(out, stored.to_result())
    out.print(f"url: {stored.url or '-'}  coder: {stored.coder_version}  hash: {stored.hash[:16]}  "
              f"text: {'kept' if stored.text is not None else 'not kept'}")


@app.command("dyad")
def dyad_command(
    a: Annotated[str, typer.Argument(help="First actor (code, id or name).")],
    b: Annotated[str, typer.Argument(help="Second actor.")],
    by: Annotated[str | None, typer.Option(help="Group by day, month or year; without it, list the events.")] = None,
    since: Annotated[str | None, typer.Option(help="First day.")] = None,
    until: Annotated[str | None, typer.Option(help="Last day, inclusive.")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table or jsonl.")] = ListFormat.table,
    count: Annotated[str, typer.Option("--count", help="With --by: count clusters (happenings) or reports.")] = "clusters",
    db: DbOption = None,
) -> None:
    """Events between two actors (either direction) and the PLOVER score per period.

    With ``--by``, each happening counts once (a cluster of reports from several
    articles, with its mean score); ``--count reports`` counts every report.
    """
    from communique.store import exports

    if by not in (None, "day", "month", "year"):
        fail_usage(f"--by {by!r}: use day, month or year")
    if count not in ("clusters", "reports"):
        fail_usage(f"--count {count!r}: use clusters or reports")
    _check_day(since, "--since")
    _check_day(until, "--until")
    store = open_store_or_exit(db)
    if by is None:
        events = store.dyad_events(a, b)
        if fmt is ListFormat.jsonl:
            exports.write_jsonl(events, sys.stdout)
            return
        _events_table(events)
        total = store.dyad(a, b, by=None)
        score = total[0].score if total else 0.0
        err.print(f"{len(events)} events between {a} and {b}, summed score {score:g}", highlight=False)
        return
    periods = store.dyad_clusters(a, b, by=by, count=count, since=since, until=until)
    if fmt is ListFormat.jsonl:
        for p in periods:
            sys.stdout.write(json.dumps(p.to_json()) + "\n")
        return
    table = Table(title=f"{a} – {b} by {by} (score over {count})", title_justify="left")
    for col in (by, "clusters", "reports", "score"):
        table.add_column(col)
    for p in periods:
        table.add_row(p.period or "?", str(p.clusters), str(p.reports), f"{p.score:g}")
    _console().print(table)


@app.command("search")
def search_command(
    terms: Annotated[list[str], typer.Argument(help="Words to find (all must match).")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many articles.")] = 20,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table or jsonl.")] = ListFormat.table,
    db: DbOption = None,
) -> None:
    """Full-text search over stored articles (titles and bodies), best matches first."""
    store = open_store_or_exit(db)
    hits = store.search(" ".join(terms), limit=limit)
    if fmt is ListFormat.jsonl:
        for h in hits:
            sys.stdout.write(json.dumps(h.to_json(), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(hits)} articles", title_justify="left")
    for col in ("id", "date", "title", "snippet"):
        table.add_column(col)
    for h in hits:
        table.add_row(h.id, h.date or "", _short(h.title, 50), _short(h.snippet, 80))
    _console().print(table)


@app.command("export")
def export_command(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="plover (JSON Lines), gdelt (CSV), parquet, jsonl or csv.")] = ExportFormat.plover,
    output: OutputOption = None,
    since: Annotated[str | None, typer.Option(help="First day.")] = None,
    until: Annotated[str | None, typer.Option(help="Last day, inclusive.")] = None,
    db: DbOption = None,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Export every stored event: PLOVER-style JSON Lines, GDELT-style CSV or Parquet."""
    from communique.store import exports

    _check_day(since, "--since")
    _check_day(until, "--until")
    check_confidence(min_confidence)
    store = open_store_or_exit(db)
    events = store.iter_events(since=since, until=until, min_confidence=min_confidence)
    if fmt is ExportFormat.parquet:
        n = exports.write_parquet(events, _binary_out(output))
    else:
        out = _open_text_out(output)
        if fmt is ExportFormat.gdelt:
            names, kinds = store.code_index()
            n = exports.write_gdelt(events, out, names=names, kinds=kinds)
        else:
            writer = {ExportFormat.plover: exports.write_plover, ExportFormat.jsonl: exports.write_jsonl,
                      ExportFormat.csv: exports.write_csv}[fmt]
            n = writer(events, out)
        out.flush()
    err.print(f"exported {n} {'rows' if fmt is ExportFormat.gdelt else 'events'}", highlight=False)
