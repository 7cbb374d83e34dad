"""Alignment analytics on the command line: ``align`` and ``blocs``.

Both read the facts of the store (one per cluster of reports when clusters
exist, else one per event; see ``communique.analysis.facts``). With
``--format json`` standard output carries one JSON object and nothing else.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from communique.cli.common import DbOption, app, err, fail_usage, filter_errors, open_store_or_exit


class ReportFormat(str, Enum):
    table = "table"
    json = "json"


ByOption = Annotated[str, typer.Option("--by", help="Period: day, week, month, quarter or year.")]
SinceOption = Annotated[str | None, typer.Option(help="First day (YYYY, YYYY-MM or YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option(help="Last day, inclusive.")]
FormatOption = Annotated[ReportFormat, typer.Option("--format", "-f", help="table or json (one JSON object).")]
ReportsOption = Annotated[bool, typer.Option("--reports", help="Count every report, not clusters of reports.")]


def _console() -> Console:
    return Console(soft_wrap=True, highlight=False, markup=False)


def _check(by: str, since: str | None, until: str | None) -> str:
    """Exit 2 unless the period and the days are ones that exist; return the period."""
    from communique.filters import check_day, check_period, check_range

    with filter_errors():
        check_range(check_day(since, "since"), check_day(until, "until"))
        return check_period(by) or by


def _facts(store: Any, since: str | None, until: str | None, reports: bool) -> list[Any]:
    from communique.analysis.facts import load_facts

    return load_facts(store, since=since, until=until, use_clusters=not reports)


def _resolve(store: Any, term: str, argument: str) -> str:
    """The code of an actor the store knows (exit 2 for one it does not, or one without a state)."""
    from communique.analysis.facts import resolve_code
    from communique.filters import require_actor

    with filter_errors(**{argument: argument.upper()}):
        term = require_actor(store, term, argument) or term
    try:
        return resolve_code(store, term)
    except ValueError as exc:
        fail_usage(f"{argument.upper()}: {exc}")


@app.command("align")
def align_command(
    a: Annotated[str, typer.Argument(help="First state or IGO (code, id or name; a person counts as their state).")],
    b: Annotated[str, typer.Argument(help="Second state or IGO.")],
    by: ByOption = "quarter",
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: FormatOption = ReportFormat.table,
    reports: ReportsOption = False,
    top: Annotated[int, typer.Option(min=1, help="Moves listed per measure.")] = 5,
    db: DbOption = None,
) -> None:
    """How alike two states act towards everyone else (S-score) per period, their dyad, and what changed."""
    from communique.analysis.reports import align_report

    by = _check(by, since, until)
    store = open_store_or_exit(db)
    code_a, code_b = _resolve(store, a, "a"), _resolve(store, b, "b")
    if code_a == code_b:
        fail_usage(f"{a} and {b} are both {code_a}: give two different actors")
    report = align_report(_facts(store, since, until, reports), code_a, code_b, by=by, top=top)
    if fmt is ReportFormat.json:
        sys.stdout.write(json.dumps(report.model_dump(by_alias=True), ensure_ascii=False) + "\n")
        return
    out = _console()
    out.print(_align_table(report))
    _print_changes(out, report.changes)
    err.print(f"{report.facts} facts read", highlight=False)


def _align_table(report: Any) -> Table:
    """One row per period with an S-score or dyad events (a period without an S-score shows "–")."""
    alignment = {x.period: x for x in report.alignment}
    dyad = {p.period: p for p in report.dyad}
    table = Table(title=f"{report.a} and {report.b} by {report.by}: S-score and dyad", title_justify="left")
    for col in (report.by, "S", "3rd", "conf", "most different (gap)", "dyad n", "dyad score"):
        table.add_column(col, no_wrap=col != "most different (gap)")
    for period in sorted(set(alignment) | set(dyad)):
        x, d = alignment.get(period), dyad.get(period)
        s_score = "–" if x is None or x.s_score is None else f"{x.s_score:.3f}"
        diff = " ".join(f"{t.code}:{abs(t.a - t.b):.1f}" for t in x.different[:3]) if x else ""
        table.add_row(period, s_score, str(x.third_parties) if x else "0", f"{x.confidence:.2f}" if x else "–", diff,
                      str(d.events) if d else "0", f"{d.score_sum:.1f}" if d else "0")
    if not alignment and not dyad:
        table.caption = "no period has an S-score or dyad events"
    return table


def _print_changes(out: Console, changes: list[Any]) -> None:
    if not changes:
        out.print("No change to report (fewer than two periods).")
        return
    out.print("What changed:")
    for c in changes:
        drivers = ", ".join(f"{d.code} {d.gap_before:.1f}->{d.gap_after:.1f}" for d in c.drivers)
        out.print(f"  {c.measure:9} {c.previous} -> {c.period}: {c.before:.3g} -> {c.after:.3g} ({c.delta:+.3g}), "
                  f"{c.facts_total} facts" + (f"; drivers {drivers}" if drivers else ""))
        for f in c.evidence[:3]:
            out.print(f"      {f.date} {f.type} {','.join(f.actors)} -> {','.join(f.recipients)} {f.score:+.1f} "
                      f"({f.sources} src) events {','.join(f.events[:3])}")


@app.command("blocs")
def blocs_command(
    period: Annotated[str | None, typer.Option(help="Period to list, e.g. 2024Q3 (default: the latest).")] = None,
    by: ByOption = "quarter",
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: FormatOption = ReportFormat.table,
    reports: ReportsOption = False,
    db: DbOption = None,
) -> None:
    """Blocs of the cooperation network of a period, with stable ids, and every move between blocs."""
    from communique.analysis.reports import blocs_report, check_period

    by = _check(by, since, until)
    if period is not None:
        try:
            check_period(period, by)
        except ValueError as exc:
            fail_usage(f"--period: {exc}")
    facts = _facts(open_store_or_exit(db), since, until, reports)
    report = blocs_report(facts, by=by, period=period)
    if period is not None and period not in report.periods:
        err.print(f"no events in {period}", highlight=False)
    if fmt is ReportFormat.json:
        sys.stdout.write(json.dumps(report.model_dump(by_alias=True, exclude={"history"}), ensure_ascii=False) + "\n")
        return
    out = _console()
    table = Table(title=f"Blocs of {report.period or '-'}", title_justify="left")
    for col in ("bloc", "members", "joined", "left"):
        table.add_column(col)
    for bloc in report.blocs:
        table.add_row(bloc.id, " ".join(bloc.members), " ".join(bloc.joined), " ".join(bloc.left))
    out.print(table)
    if report.moves:
        out.print("Moves between blocs:")
        for m in report.moves:
            ev = ", ".join(f"{f.type} {f.date}" for f in m.evidence[:2])
            out.print(f"  {m.period} {m.code}: {m.from_bloc} -> {m.to_bloc}" + (f" (e.g. {ev})" if ev else ""))
    err.print(f"{len(facts)} facts over {len(report.periods)} periods", highlight=False)
