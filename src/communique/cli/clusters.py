"""``communique clusters``: happenings seen by several reports (cross-article event clusters).

With ``--format jsonl`` each line is ``{id, type, mode, participants, date,
status, contested, disagreements, events, links, articles, sources, counts,
first_reported, last_reported}`` (``--reports`` adds each member report);
``links`` says why the reports are one happening. Clusters come
most-reported first (``--sort date``: by day); ``--rebuild`` re-clusters
every stored event first.
"""

from __future__ import annotations

import enum
import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from communique.cli.common import DbOption, app, err, filter_errors, open_store_or_exit, showing
from communique.cli.store_cmds import TABLE_LIMIT, LimitOption, ListFormat, OffsetOption, _check_days, _short, id_column


class ClusterSort(str, enum.Enum):
    """Orders of ``clusters``: most-reported first (articles, then sources; then by day), or by day."""

    reports = "reports"
    date = "date"


@app.command("clusters")
def clusters_command(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Re-cluster every stored event first.")] = False,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type (CONSULT, ASSAULT, ...).")] = None,
    actor: Annotated[str | None, typer.Option(help="A participant: code, canonical id or name.")] = None,
    since: Annotated[str | None, typer.Option(help="First day (YYYY-MM-DD, YYYY-MM or YYYY).")] = None,
    until: Annotated[str | None, typer.Option(help="Last day, inclusive.")] = None,
    contested: Annotated[bool, typer.Option("--contested", help="Only clusters whose reports disagree.")] = False,
    reports: Annotated[bool, typer.Option("--reports", help="jsonl: add every member report.")] = False,
    sort: Annotated[ClusterSort, typer.Option("--sort", help="reports: most-reported first; date: by day.")]
    = ClusterSort.reports,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table or jsonl.")] = ListFormat.table,
    db: DbOption = None,
) -> None:
    """List clusters: one happening and every report of it (events, articles, sources, consensus status)."""
    from communique.filters import check_type, require_actor
    from communique.store.clustering import count_clusters, iter_clusters, rebuild_clusters

    _check_days(since, until)
    with filter_errors():
        type_ = check_type(type_)
    store = open_store_or_exit(db)
    with filter_errors():
        actor = require_actor(store, actor, "actor")
    if rebuild:
        n = rebuild_clusters(store.engine)
        err.print(f"rebuilt {n} clusters", highlight=False)
    if fmt is ListFormat.table and limit is None:
        limit = TABLE_LIMIT
    only_contested = True if contested else None
    rows = iter_clusters(store.engine, type=type_, actor=actor, since=since, until=until, contested=only_contested,
                         limit=limit, offset=offset, reports=reports and fmt is ListFormat.jsonl, sort=sort.value)
    if fmt is ListFormat.jsonl:
        for c in rows:
            sys.stdout.write(json.dumps(c.to_json(reports=reports), ensure_ascii=False) + "\n")
        return
    items = list(rows)
    total = count_clusters(store.engine, type=type_, actor=actor, since=since, until=until, contested=only_contested)
    table = Table(title=f"{len(items)} of {total} clusters" if len(items) < total else f"{total} clusters",
                  title_justify="left")
    id_column(table, "id", [c.id for c in items])
    for col in ("date", "type", "participants", "status", "events", "articles", "sources", "contested"):
        table.add_column(col)
    for c in items:
        table.add_row(c.id, c.date or "", c.type, " ".join(c.participants), c.status, str(c.counts["events"]),
                      str(c.counts["articles"]), _short(", ".join(c.sources), 40),
                      f"yes ({len(c.disagreements)})" if c.contested else "")
    Console(soft_wrap=True, highlight=False, markup=False).print(table)
    showing(len(items), total, offset, "clusters")
