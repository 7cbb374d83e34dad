"""``communique load PATH``: store records coded elsewhere (Spark output, event JSON Lines, POLECAT)."""

from __future__ import annotations

from typing import Annotated

import typer

from communique.cli.common import EXIT_SOME_FAILED, DbOption, app, err, open_store_or_exit
from communique.cli.store_ingest import start_run_or_exit
from communique.errors import InputError


@app.command("load")
def load_command(
    paths: Annotated[list[str], typer.Argument(help="Spark output directories or JSON Lines files of events.")],
    db: DbOption = None,
    no_text: Annotated[bool, typer.Option("--no-text", help="Do not keep article bodies.")] = False,
) -> None:
    """Load a Spark job's Parquet output, or event records (Communiqué or POLECAT JSON Lines), into the store.

    Idempotent: an article already stored is skipped, so loading twice adds nothing.
    """
    from communique.loading import iter_loadable

    store = open_store_or_exit(db, create=True)
    writer = store.writer(keep_text=not no_text)
    start_run_or_exit(writer, "load", paths, "loaded")
    failed = 0
    try:
        for path in paths:
            for item in iter_loadable(path):
                if isinstance(item, InputError):
                    failed += 1
                    writer.record_error(source=item.source, position=None, error=type(item).__name__,
                                        reason=item.message)
                    err.print(f"[red]error[/red] {item}", highlight=False, soft_wrap=True)
                    continue
                writer.write(*item)
    except KeyboardInterrupt:
        writer.finish_run("interrupted")
        raise typer.Exit(130) from None
    writer.finish_run("done")
    c = writer.counts
    err.print(f"loaded {c.added + c.replaced} article(s) ({c.added} new, {c.replaced} replaced, {c.skipped} already "
              f"stored, {failed} failed): {c.events} events", highlight=False)
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)
