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

from communique.cli.common import (
    DbOption,
    MinConfidenceOption,
    app,
    check_confidence,
    err,
    fail_usage,
    filter_errors,
    open_store_or_exit,
    showing,
)

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
OffsetOption = Annotated[int, typer.Option("--offset", min=0, help="Skip this many rows first (the next page).")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")]


def _console() -> Console:
    return Console(soft_wrap=True, highlight=False, markup=False)


def _check_days(since: str | None, until: str | None) -> None:
    """Exit 2 unless ``since`` and ``until`` are real days, months or years, in order."""
    from communique.filters import check_day, check_range

    with filter_errors():
        check_range(check_day(since, "since"), check_day(until, "until"))


def id_column(table: Table, name: str, values: list[str]) -> None:
    """Add a column of ids printed in full whatever the width (other columns shrink instead)."""
    table.add_column(name, no_wrap=True, min_width=max((len(v) for v in values), default=len(name)))


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
    offset: OffsetOption = 0,
    fmt: Annotated[EventFormat, typer.Option("--format", "-f", help="table, csv, jsonl or parquet.")] = EventFormat.table,
    output: OutputOption = None,
    db: DbOption = None,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """List stored events (one per event per article), by day."""
    from communique import filters as f
    from communique.store import exports

    _check_days(since, until)
    check_confidence(min_confidence)
    with filter_errors():
        query = {"type": f.check_type(type_), "status": f.check_status(status),
                 "actor_sector": f.check_sector(actor_sector), "since": since, "until": until}
    store = open_store_or_exit(db)
    with filter_errors():
        query |= {"actor": f.require_actor(store, actor, "actor"),
                  "recipient": f.require_actor(store, recipient, "recipient")}
    if fmt is EventFormat.table and limit is None:
        limit = TABLE_LIMIT
    events = store.iter_events(**query, limit=limit, offset=offset, min_confidence=min_confidence)
    if fmt is EventFormat.parquet:
        exports.write_parquet(events, _binary_out(output))
    elif fmt is EventFormat.table:
        shown, total = list(events), store.count_events(**query, min_confidence=min_confidence)
        _events_table(shown, total=total)
        showing(len(shown), total, offset, "events")
    else:
        out = _open_text_out(output)
        (exports.write_jsonl if fmt is EventFormat.jsonl else exports.write_csv)(events, out)
        out.flush()


def _events_table(events: list[Any], total: int | None = None) -> None:
    title = f"{len(events)} events" if total is None or total == len(events) else f"{len(events)} of {total} events"
    table = Table(title=title, title_justify="left")
    table.add_column("day", no_wrap=True, min_width=10)
    for col in ("type", "mode", "actors", "recipients", "status", "score"):
        table.add_column(col)
    id_column(table, "article", [e.article_id for e in events])
    table.add_column("evidence")
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
    offset: OffsetOption = 0,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table or jsonl.")] = ListFormat.table,
    db: DbOption = None,
) -> None:
    """List canonical actors (the same person, state or IGO across articles) with their roles."""
    from communique.filters import check_kind

    with filter_errors():
        kind = check_kind(kind)
    store = open_store_or_exit(db)
    rows = store.actors(kind=kind, search=search, offset=offset,
                        limit=limit or (TABLE_LIMIT if fmt is ListFormat.table else None))
    if fmt is ListFormat.jsonl:
        for a in rows:
            sys.stdout.write(json.dumps(a.to_json(), ensure_ascii=False, default=str) + "\n")
        return
    total = store.count_actors(kind=kind, search=search)
    table = Table(title=f"{len(rows)} of {total} actors" if len(rows) < total else f"{total} actors",
                  title_justify="left")
    id_column(table, "id", [a.id for a in rows])
    for col in ("name", "kind", "code/country", "articles", "first seen", "last seen", "roles"):
        table.add_column(col)
    for a in rows:
        roles = "; ".join(f"{r.role} ({r.state or r.org or '-'}, {r.first_seen}..{r.last_seen})" for r in a.roles)
        table.add_row(a.id, a.name, a.kind, a.code or a.country or a.org or "", str(a.articles), a.first_seen or "",
                      a.last_seen or "", roles)
    _console().print(table)
    showing(len(rows), total, offset, "actors")


@app.command("quotes")
def quotes_command(
    speaker: Annotated[str | None, typer.Option(help="Speaker name (or part), or canonical actor id.")] = None,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table or jsonl.")] = ListFormat.table,
    db: DbOption = None,
) -> None:
    """List stored quotations and who said them."""
    store = open_store_or_exit(db)
    rows = store.quotes(speaker=speaker, offset=offset,
                        limit=limit or (TABLE_LIMIT if fmt is ListFormat.table else None))
    if fmt is ListFormat.jsonl:
        for q in rows:
            sys.stdout.write(json.dumps(q.to_json(), ensure_ascii=False) + "\n")
        return
    total = store.count_quotes(speaker=speaker)
    table = Table(title=f"{len(rows)} of {total} quotes" if len(rows) < total else f"{total} quotes",
                  title_justify="left")
    table.add_column("date", no_wrap=True, min_width=10)
    for col in ("speaker", "kind", "cue", "text"):
        table.add_column(col)
    id_column(table, "article", [q.article_id for q in rows])
    for q in rows:
        table.add_row(q.article_date or "", q.speaker or "?", q.kind, q.cue or "", _short(q.text, 80), q.article_id)
    _console().print(table)
    showing(len(rows), total, offset, "quotes")


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
    by: Annotated[str | None, typer.Option(help="Group by day, week, month, quarter or year; without it, list the events.")] = None,
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
    from communique.filters import check_count, check_period, require_actor
    from communique.store import exports

    with filter_errors():
        by, count = check_period(by), check_count(count)
    _check_days(since, until)
    store = open_store_or_exit(db)
    with filter_errors(a="A", b="B"):
        a, b = require_actor(store, a, "a") or a, require_actor(store, b, "b") or b
    if by is None:
        events = store.dyad_events(a, b, since=since, until=until)
        if fmt is ListFormat.jsonl:
            exports.write_jsonl(events, sys.stdout)
            return
        _events_table(events)
        total = store.dyad(a, b, by=None, since=since, until=until)
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

    _check_days(since, until)
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
