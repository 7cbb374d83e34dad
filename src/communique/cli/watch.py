"""``communique watch``: keep a store current from RSS and Atom feeds."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from communique.cli.common import EXIT_OK, EXIT_SOME_FAILED, app, configure_logging, err, fail_usage
from communique.errors import ConfigError, StoreError

if TYPE_CHECKING:
    from communique.feeds import FeedStatus, PollReport, Watcher

#: Exit status after Ctrl-C in the middle of a poll (128 + SIGINT), as ``ingest`` does.
EXIT_INTERRUPTED = 130

ONCE_HELP = "Poll once and exit (status 1 if a feed or item failed)."
TIMEOUT_HELP = "Seconds to connect and between two reads of one request."
DB_HELP = "Store URL (default $COMMUNIQUE_DB, else sqlite:///communique.db)."
ALLOW_HOST_HELP = ("Also fetch item links from HOST (repeatable); any of its addresses, private or loopback "
                   "included. Without it, only the feed's own host, on public addresses.")
MAX_ITEMS_HELP = "Item pages fetched per feed per poll at most; the rest come next poll."
#: Default of --max-items (as ``feeds.watcher.DEFAULT_MAX_ITEMS``; not imported, to keep the CLI's start-up light).
DEFAULT_MAX_ITEMS = 100


@app.command("watch")
def watch_command(
    feeds: Annotated[list[str] | None, typer.Argument(help="Feed URLs (RSS or Atom).", show_default=False)] = None,
    every: Annotated[str, typer.Option("--every", help="Time between polls: 30s, 15m, 2h, 1d.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help=ONCE_HELP)] = False,
    opml: Annotated[Path | None, typer.Option("--opml", help="OPML file whose outlines (xmlUrl) add feeds.")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=0.01, help=TIMEOUT_HELP)] = 10.0,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every request decision.")] = False,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    allow_host: Annotated[list[str] | None, typer.Option("--allow-host", help=ALLOW_HOST_HELP, show_default=False)]
    = None,
    max_items: Annotated[int, typer.Option("--max-items", min=1, help=MAX_ITEMS_HELP)] = DEFAULT_MAX_ITEMS,
) -> None:
    """Poll news feeds, fetch each new item's page (robots.txt respected), code it and store it.

    Item links are fetched only from the feed's own host (on public addresses) and
    from hosts given with --allow-host; other links are skipped and recorded.

    What was seen is remembered in the store (feed ETag/Last-Modified, item
    GUIDs and URLs), so a restart neither fetches again nor duplicates. Failed
    feeds and items are recorded with their reason (see `communique status`) and
    retried later with a backoff. Ctrl-C stops cleanly.
    """
    from communique.feeds import HostPolicy, HttpSettings, Watcher, WatchSettings

    configure_logging(verbose)
    urls, interval = _feed_urls(feeds or [], opml), _interval(every)
    store = _open_store(db)
    settings = WatchSettings(http=HttpSettings(timeout=timeout), hosts=HostPolicy.allowing(allow_host or []),
                             max_items=max_items)
    watcher = Watcher(store, urls, settings)
    err.print(f"watching {len(urls)} feed(s) into {store.engine.url.render_as_string(hide_password=True)}"
              + ("" if once else f", every {every}; Ctrl-C to stop"), highlight=False, soft_wrap=True)
    try:
        status = _loop(watcher, interval, once=once)
    finally:
        watcher.close()
        store.close()
    raise typer.Exit(status)


def _feed_urls(feeds: list[str], opml: Path | None) -> list[str]:
    from communique.feeds import read_opml

    urls = list(feeds)
    if opml is not None:
        try:
            urls.extend(read_opml(opml))
        except ConfigError as exc:
            fail_usage(str(exc))
    urls = list(dict.fromkeys(urls))
    bad = [u for u in urls if not u.lower().startswith(("http://", "https://"))]
    if bad:
        fail_usage(f"not an http(s) feed URL: {bad[0]}")
    if not urls:
        fail_usage("no feeds: give feed URLs or --opml FILE")
    return urls


def _interval(every: str) -> float:
    from communique.feeds import parse_interval

    try:
        return parse_interval(every)
    except ConfigError as exc:
        fail_usage(f"--every: {exc}")


def _open_store(db: str | None) -> Any:
    from communique.cli.common import open_store_or_exit

    return open_store_or_exit(db, create=True)


def _loop(watcher: Watcher, interval: float, *, once: bool) -> int:
    """Poll until Ctrl-C (or once); return the exit status."""
    polling = False
    try:
        with _terminate_as_interrupt():
            while True:
                polling = True
                failed = _poll_and_report(watcher)
                polling = False
                if once:
                    return EXIT_SOME_FAILED if failed else EXIT_OK
                err.print(f"next poll at {time.strftime('%H:%M:%S', time.localtime(time.time() + interval))}",
                          highlight=False)
                time.sleep(interval)
    except KeyboardInterrupt:
        err.print("interrupted mid-poll: what was stored stays; the rest comes next time" if polling else "stopped")
        return EXIT_INTERRUPTED if polling else EXIT_OK


def _poll_and_report(watcher: Watcher) -> bool:
    """Poll once and print what happened; return True if something failed (a store error too: the loop goes on)."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        report = watcher.poll()
    except (StoreError, SQLAlchemyError) as exc:
        err.print(f"[red]error[/red] store: {exc}", highlight=False, soft_wrap=True)
        return True
    print_report(report)
    return report.failed


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt so that a service manager's stop is clean too."""
    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (e.g. a test runner's worker)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def print_report(report: PollReport) -> None:
    """Print one poll to standard error: each failure and skip with its URL and reason, then a summary."""
    for f in report.feeds:
        if f.state == "failed":
            err.print(f"[red]error[/red] feed {f.url}: {f.reason}", highlight=False, soft_wrap=True)
        elif f.state == "waiting":
            err.print(f"[yellow]waiting[/yellow] feed {f.url}: {f.reason}", highlight=False, soft_wrap=True)
        elif f.reason:
            err.print(f"note feed {f.url}: {f.reason}", highlight=False, soft_wrap=True)
    for i in report.items:
        if i.state in ("failed", "gave_up"):
            err.print(f"[red]error[/red] {i.url}: {i.reason} (attempt {i.attempts})", highlight=False, soft_wrap=True)
        elif i.state == "disallowed":
            err.print(f"[yellow]skipped[/yellow] {i.url}: {i.reason}", highlight=False, soft_wrap=True)
    states = [f.state for f in report.feeds]
    err.print(
        f"polled {len(states)} feed(s) ({states.count('updated')} updated, {states.count('unchanged')} unchanged, "
        f"{states.count('failed')} failed, {states.count('waiting')} waiting): {report.count('ingested')} new "
        f"article(s), {report.count('duplicate')} already stored, {report.count('failed')} failed "
        f"(retried later), {report.count('gave_up')} given up, {report.count('disallowed')} not allowed (robots.txt or host)",
        highlight=False, soft_wrap=True)


def print_feed_status(out: Console, status: FeedStatus) -> None:
    """Print watched feeds and failing items (for ``communique status``)."""
    if not status.feeds:
        return
    table = Table(title="Feeds", title_justify="left")
    for col in ("feed", "last polled", "items", "failures", "last error", "next try"):
        table.add_column(col)
    for f in status.feeds:
        items = ", ".join(f"{n} {s}" for s, n in sorted(f.items.items()))
        table.add_row(f.url, f"{f.last_polled:%Y-%m-%d %H:%M:%S}" if f.last_polled else "", items,
                      str(f.failures), f.last_error or "", f"{f.next_poll:%Y-%m-%d %H:%M:%S}" if f.next_poll else "")
    out.print(table)
    if status.problems:
        problems = Table(title="Feed items failing", title_justify="left")
        for col in ("url", "status", "attempts", "last error", "next retry"):
            problems.add_column(col)
        for p in status.problems:
            problems.add_row(p.url or p.guid, p.status, str(p.attempts), p.last_error or "",
                             f"{p.next_retry:%Y-%m-%d %H:%M:%S}" if p.next_retry else "")
        out.print(problems)
