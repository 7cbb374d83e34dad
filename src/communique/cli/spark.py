"""``communique spark INPUT OUTPUT``: code a corpus on Apache Spark, Parquet tables out."""

from __future__ import annotations

from typing import Annotated

import typer

from communique.cli.common import EXIT_SOME_FAILED, app, err, fail_usage
from communique.errors import CommuniqueError


@app.command("spark")
def spark_command(
    input_uri: Annotated[str, typer.Argument(help="JSON Lines, Parquet, or a directory of text/HTML files (any Spark URI).")],
    output_uri: Annotated[str, typer.Argument(help="Output directory for the Parquet tables.")],
    partitions: Annotated[int | None, typer.Option(min=1, help="Repartition the input into N partitions.")] = None,
    master: Annotated[str | None, typer.Option(help="Spark master URL (default: spark-submit's, else local[*]).")] = None,
    input_format: Annotated[str, typer.Option("--input-format", help="auto, jsonl, parquet or text.")] = "auto",
) -> None:
    """Run the extraction pipeline on Spark and write articles/actors/quotes/events as Parquet."""
    if input_format not in ("auto", "jsonl", "parquet", "text"):
        fail_usage(f"--input-format {input_format!r}: choose auto, jsonl, parquet or text")
    from communique.spark import run_job

    try:
        summary = run_job(input_uri, output_uri, partitions=partitions, fmt=input_format, master=master)
    except CommuniqueError as exc:
        fail_usage(str(exc))
    counts = ", ".join(f"{table}: {n}" for table, n in summary.counts.items())
    err.print(f"wrote {summary.output} ({counts})", highlight=False)
    if summary.counts.get("errors"):
        err.print(f"{summary.counts['errors']} input(s) failed; see {summary.output}/errors", highlight=False)
        raise typer.Exit(EXIT_SOME_FAILED)
