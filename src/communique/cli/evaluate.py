"""``communique eval GOLD.jsonl``: run the pipeline on a gold file and score it (FORMAT.md)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from communique.cli.common import EXIT_SOME_FAILED, app, configure_logging, err, fail_usage
from communique.errors import GoldFormatError


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="A gold JSON Lines file (see FORMAT.md).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")] = False,
    details: Annotated[
        bool, typer.Option("--details", help="List every miss, spurious item and wrong attribute with its sentence.")
    ] = False,
    ids_file: Annotated[
        Path | None, typer.Option("--ids", help="Score only the articles whose ids this file lists (one a line).")
    ] = None,
    split: Annotated[
        str | None,
        typer.Option("--split", help="Score only one half of the development sets: tune or held-out (examples/splits.yaml)."),
    ] = None,
) -> None:
    """Score the pipeline against gold: P/R/F1 per part, accuracies, events by type."""
    from communique.evaluate import evaluate_file, read_ids, render, report_json, split_ids

    configure_logging()
    started = time.monotonic()
    try:
        ids = read_ids(ids_file) if ids_file is not None else None
        if split is not None:
            chosen = split_ids(split)
            ids = chosen if ids is None else ids & chosen
        report = evaluate_file(gold, details=details, ids=ids)
    except GoldFormatError as exc:
        fail_usage(str(exc))
    if as_json:
        sys.stdout.write(json.dumps(report_json(report, details=details), ensure_ascii=False, indent=2) + "\n")
    else:
        Console(highlight=False).print(render(report, details=details))
    err.print(f"scored {report.articles} article(s) in {time.monotonic() - started:.1f}s", highlight=False)
    if report.failed:
        for article_id, reason in report.failed.items():
            err.print(f"[red]error[/red] {article_id}: {reason}", highlight=False, soft_wrap=True)
        err.print(f"{len(report.failed)} article(s) failed in the pipeline (scored as empty)", highlight=False)
        raise typer.Exit(EXIT_SOME_FAILED)
