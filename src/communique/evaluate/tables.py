"""The rich tables of ``communique eval``."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from communique.evaluate.report import ACCURACY_LABELS, Accuracy, Counts, Report

# --------------------------------------------------------------------------- tables

_PARTS = (("persons", "persons"), ("states", "states / IGOs"), ("quotes", "quotes"), ("events", "events"))


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def _counts_table(title: str, rows: Iterable[tuple[str, Counts, str | None]], first: str) -> Table:
    rows = list(rows)
    with_articles = any(articles is not None for _, _, articles in rows)
    table = Table(title=title, title_justify="left", header_style="bold")
    table.add_column(first)
    for name in (["articles"] if with_articles else []) + ["TP", "FP", "FN", "P %", "R %", "F1 %"]:
        table.add_column(name, justify="right")
    for label, counts, articles in rows:
        figures = [str(counts.tp), str(counts.fp), str(counts.fn), _pct(counts.precision), _pct(counts.recall),
                   _pct(counts.f1)]
        table.add_row(label, *([articles or ""] if with_articles else []), *figures)
    return table


def _accuracy_table(report: Report) -> Table:
    table = Table(title="Accuracy over matched items", title_justify="left", header_style="bold")
    table.add_column("measure")
    for name in ("correct", "total", "%"):
        table.add_column(name, justify="right")
    for key, label in ACCURACY_LABELS.items():
        acc: Accuracy = getattr(report.accuracies, key)
        table.add_row(label, str(acc.correct), str(acc.total), _pct(acc.value))
    return table


def _problem_lines(report: Report) -> Text:
    text = Text()
    for article in report.per_article:
        if not article.problems and not article.failed:
            continue
        text.append(f"\n{article.id}\n", style="bold")
        if article.failed:
            text.append(f"  pipeline failed: {article.failed}\n", style="red")
        for p in article.problems:
            style = "yellow" if p.problem.startswith("wrong") else "red"
            text.append(f"  {p.part} {p.problem}: ", style=style)
            text.append(p.item)
            if p.gold is not None or p.system is not None:
                text.append(f" — gold {p.gold or '–'}, system {p.system or '–'}", style="cyan")
            text.append("\n")
            if p.sentence:
                text.append(f"      {p.sentence}\n", style="dim")
    return text


def render(report: Report, *, details: bool = False) -> RenderableType:
    """The report as rich tables (and, with ``details``, every problem)."""
    head = Text(f"{report.gold_file or 'gold'}: {report.articles} articles", style="bold")
    if report.failed:
        head.append(f", {len(report.failed)} failed in the pipeline", style="red")
    parts = _counts_table("Extraction", ((label, getattr(report, key), str(report.scored.get(key, 0)))
                                         for key, label in _PARTS), "part")
    types = _counts_table("Events by type (TP/FN by gold type, FP by system type)",
                          ((t, c, None) for t, c in report.by_type.items()), "type")
    items: list[RenderableType] = [head, parts, _accuracy_table(report), types]
    if details:
        items += [Text("\nProblems", style="bold underline"), _problem_lines(report)]
    return Group(*items)


def format_table(report: Report, *, details: bool = False, width: int = 110) -> str:
    """The report as plain text (the tables ``communique eval`` prints)."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(render(report, details=details))
    return console.export_text()
