"""Batch ingestion: read, code in parallel, write through the one writer.

::

    reader ──▶ feeder thread ──tasks (bounded)──▶ worker processes ──results (bounded)──▶ writer (parent)
                  │ skips known texts, forwards input errors ──────────────────────────────▲

- Worker processes load the spaCy pipeline once (``_worker_main``) and run
  ``process_many``; they exit when the parent dies (``PR_SET_PDEATHSIG`` on
  Linux, and a watchdog thread everywhere).
- Both queues are bounded, so a multi-GB JSON Lines file streams through in
  bounded memory.
- Every write is one transaction per article (see ``writer``): killed at any
  moment, a re-run skips what is stored and completes the rest.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import queue
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from communique.errors import InputError, StoreError
from communique.pipeline import CODER_VERSION
from communique.records import Article, ArticleResult
from communique.store.models import ArticleRow
from communique.store.writer import RunCounts, Writer

log = logging.getLogger(__name__)

#: Articles per task sent to a worker (and per ``nlp.pipe`` batch there).
BATCH_SIZE = 8
#: Tasks waiting per worker: bounds memory whatever the input size.
QUEUE_DEPTH = 2
#: Seconds between checks that the parent (in a worker) or the workers (in the parent) are alive.
WATCHDOG_SECONDS = 1.0

Item = Article | InputError
ProgressHook = Callable[[RunCounts], None]
_POSITION = re.compile(r"^(?P<source>.*):(?P<position>line \d+)$")


@dataclass(frozen=True)
class FailedArticle:
    """A picklable stand-in for an exception raised while coding an article."""

    error: str
    reason: str


def default_workers() -> int:
    """Return the default number of worker processes: the CPU count, at most 8."""
    return max(1, min(8, os.cpu_count() or 1))


def ingest(writer: Writer, items: Iterable[Item], *, workers: int = 1, recode: bool = False,
           skip_known: bool = True, on_update: ProgressHook | None = None) -> RunCounts:
    """Code ``items`` and write them through ``writer``; return the counts.

    Args:
        writer: the store's writer, with its run started.
        items: articles and input errors (as ``read_inputs`` yields them).
        workers: worker processes; 1 codes in this process.
        recode: replace stored articles of the same id (``reprocess``).
        skip_known: skip articles whose id is stored before coding them.
        on_update: called with the counts after each article.
    """
    if workers <= 1:
        return _ingest_here(writer, items, recode=recode, skip_known=skip_known, on_update=on_update)
    return _ParallelIngest(writer, workers, recode=recode, skip_known=skip_known, on_update=on_update).run(items)


def split_source(source: str | None) -> tuple[str | None, str | None]:
    """Split ``path:line N`` into (path, "line N"); other sources have no position."""
    if source:
        match = _POSITION.match(source)
        if match:
            return match.group("source"), match.group("position")
    return source, None


def _record_input_error(writer: Writer, error: InputError) -> None:
    source, position = split_source(error.source)
    writer.record_error(source=source, position=position, error=type(error).__name__, reason=error.message)


def _record_failed_article(writer: Writer, article: Article, failure: FailedArticle) -> None:
    source, position = split_source(article.source)
    position = position or str(article.meta.get("position") or article.id)
    writer.record_error(source=source, position=position, error=failure.error, reason=failure.reason)


def _as_failure(exc: BaseException) -> FailedArticle:
    message = getattr(exc, "message", None) or str(exc)
    return FailedArticle(error=type(exc).__name__, reason=message)


def _write_one(writer: Writer, article: Article, result: ArticleResult | FailedArticle, recode: bool) -> None:
    if isinstance(result, FailedArticle):
        _record_failed_article(writer, article, result)
    else:
        writer.write(article, result, recode=recode)


def _ingest_here(writer: Writer, items: Iterable[Item], *, recode: bool, skip_known: bool,
                 on_update: ProgressHook | None) -> RunCounts:
    from communique import nlp as nlp_mod
    from communique.pipeline import process_many

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                _record_input_error(writer, item)
            elif skip_known and writer.known(item.id):
                writer.counts.skipped += 1
            else:
                yield item
                continue
            if on_update:
                on_update(writer.counts)

    model = nlp_mod.load()
    for article, result in process_many(articles(), nlp=model, batch_size=BATCH_SIZE):
        outcome = _as_failure(result) if isinstance(result, Exception) else result
        _write_one(writer, article, outcome, recode)
        if on_update:
            on_update(writer.counts)
    return writer.counts


# -- parallel -------------------------------------------------------------------


class _ParallelIngest:
    """Worker processes code; this process reads (feeder thread) and writes (main thread)."""

    def __init__(self, writer: Writer, workers: int, *, recode: bool, skip_known: bool,
                 on_update: ProgressHook | None) -> None:
        self.writer = writer
        self.recode = recode
        self.skip_known = skip_known
        self.on_update = on_update
        self.ctx = mp.get_context("spawn")
        self.tasks: Any = self.ctx.Queue(maxsize=workers * QUEUE_DEPTH)
        self.results: Any = self.ctx.Queue(maxsize=workers * QUEUE_DEPTH)
        self.procs = [self.ctx.Process(target=_worker_main, args=(self.tasks, self.results, os.getpid()),
                                       daemon=True, name=f"communique-worker-{i}") for i in range(workers)]
        self.stop = threading.Event()

    def run(self, items: Iterable[Item]) -> RunCounts:
        """Start the workers and the feeder, write every result; return the counts."""
        for proc in self.procs:
            proc.start()
        feeder = threading.Thread(target=self._feed, args=(items,), name="communique-feeder", daemon=True)
        feeder.start()
        finished = False
        try:
            self._drain()
            finished = True
        finally:
            self.stop.set()
            self._shutdown(graceful=finished)
        return self.writer.counts

    def _feed(self, items: Iterable[Item]) -> None:
        """Read the inputs, skip known texts, send batches to the workers, then one stop per worker."""
        batch: list[Article] = []
        try:
            for item in items:
                if self.stop.is_set():
                    return
                if isinstance(item, InputError):
                    self._put(self.results, ("input_error", item.source, type(item).__name__, item.message))
                elif self.skip_known and self.writer.known(item.id):
                    self._put(self.results, ("skipped",))
                else:
                    batch.append(item)
                    if len(batch) >= BATCH_SIZE:
                        self._put(self.tasks, batch)
                        batch = []
            if batch:
                self._put(self.tasks, batch)
        except Exception as exc:  # noqa: BLE001 - reported by the writer thread, which stops the run
            self._put(self.results, ("fatal", f"{type(exc).__name__}: {exc}"))
        finally:
            for _ in self.procs:
                self._put(self.tasks, None)

    def _put(self, q: Any, message: Any) -> None:
        while not self.stop.is_set():
            try:
                q.put(message, timeout=WATCHDOG_SECONDS)
                return
            except queue.Full:
                continue

    def _drain(self) -> None:
        done = 0
        while done < len(self.procs):
            try:
                message = self.results.get(timeout=WATCHDOG_SECONDS)
            except queue.Empty:
                self._check_workers()
                continue
            done += self._handle(message)
            if self.on_update:
                self.on_update(self.writer.counts)

    def _handle(self, message: tuple[Any, ...]) -> int:
        kind = message[0]
        if kind == "done":
            return 1
        if kind == "results":
            for article, result in message[1]:
                _write_one(self.writer, article, result, self.recode)
        elif kind == "skipped":
            self.writer.counts.skipped += 1
        elif kind == "input_error":
            source, position = split_source(message[1])
            self.writer.record_error(source=source, position=position, error=message[2], reason=message[3])
        elif kind == "fatal":
            raise StoreError(f"reading the inputs failed: {message[1]}")
        return 0

    def _check_workers(self) -> None:
        for proc in self.procs:
            if proc.exitcode not in (None, 0):
                raise StoreError(f"worker process {proc.name} died (exit code {proc.exitcode})")

    def _shutdown(self, *, graceful: bool) -> None:
        for proc in self.procs:
            if graceful:
                proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()
                proc.join(timeout=5)
        for q in (self.tasks, self.results):
            q.cancel_join_thread()
            q.close()


def _worker_main(tasks: Any, results: Any, parent_pid: int) -> None:
    """Worker process: load the pipeline once, code batches until told to stop or orphaned."""
    _die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    from communique import nlp as nlp_mod
    from communique.pipeline import process_many

    model = nlp_mod.load()
    while True:
        batch = tasks.get()
        if batch is None:
            results.put(("done",))
            return
        out = [(article, _as_failure(result) if isinstance(result, Exception) else result)
               for article, result in process_many(batch, nlp=model, batch_size=BATCH_SIZE)]
        results.put(("results", out))


def _die_with_parent(parent_pid: int) -> None:
    """Make this process exit when ``parent_pid`` dies (even by kill -9)."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent_pid:
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(WATCHDOG_SECONDS)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="communique-parent-watchdog", daemon=True).start()


# -- reprocess ----------------------------------------------------------------------


def version_key(version: str) -> tuple[Any, ...]:
    """Return a sort key of a version string ("0.10.0" after "0.9.1")."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"[.\-+]", version))


def stored_articles(writer: Writer, *, since: str | None = None, all_versions: bool = False,
                    counts: RunCounts | None = None) -> Iterator[Article]:
    """Yield the stored articles to re-code, rebuilt from the store, in bounded memory.

    Without ``since``: those coded by another coder version than the current one.
    With ``since``: those coded by ``since`` or a later version (the current one included).
    Articles stored without text (``--no-text``) cannot be re-coded: they are counted as skipped.
    """
    table = ArticleRow.__table__
    with writer.engine.connect() as conn:
        versions = [v for (v,) in conn.execute(select(table.c.coder_version).distinct())]
    chosen = [v for v in versions if all_versions or (
        version_key(v) >= version_key(since) if since else v != CODER_VERSION)]
    if not chosen:
        return
    with writer.engine.connect() as conn:
        ids = [i for (i,) in conn.execute(select(table.c.id).where(table.c.coder_version.in_(chosen))
                                          .order_by(table.c.seq))]
    for start in range(0, len(ids), 200):
        with writer.engine.connect() as conn:
            rows = conn.execute(select(table).where(table.c.id.in_(ids[start:start + 200])).order_by(table.c.seq)).all()
        for row in rows:
            if row.text is None:
                if counts is not None:
                    counts.skipped += 1
                continue
            yield Article(id=row.id, title=row.title, date=row.date, source=row.source, url=row.url,
                          language=row.language, text=row.text, meta=row.meta or {})
