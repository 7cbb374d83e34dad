"""Batch ingestion: read, code in parallel, write through the one writer.

::

    reader ──▶ feeder thread ──tasks (bounded)──▶ worker processes ──results (bounded)──▶ writer (parent)
                  │ skips known texts, forwards input errors ──────────────────────────────▲

- Worker processes run ``process_many`` and turn each result into plain
  table rows (``prepare``), so the parent, which competes with them for the
  CPU, only inserts. Where the platform has a fork server (Linux, macOS),
  the pipeline is loaded and warmed up once, in the fork server, and every
  worker forked from it starts with it (``start_worker_server``; the CLI
  starts it first thing, so the loading overlaps the parent's own start-up);
  elsewhere each worker loads it. Workers exit when the parent dies (a
  thread waits on the parent's sentinel; ``PR_SET_PDEATHSIG`` on Linux).
- Both queues are bounded, so a multi-GB JSON Lines file streams through in
  bounded memory.
- The writer writes coded articles in groups (``GROUP_SIZE`` articles or
  ``group_wait()`` seconds), one transaction of whole articles per group
  (see ``writer``): killed at any moment, a re-run skips what is stored and
  completes the rest.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing as mp
import os
import queue
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.context import ForkServerContext, SpawnContext
from typing import Any, TypeAlias, cast

from sqlalchemy import select

from communique.budget import Budget
from communique.errors import InputError, StoreError
from communique.knowledge import user_actors
from communique.knowledge.user_actors import UserActor
from communique.records import Article, ArticleResult
from communique.store.models import ArticleRow, table_of
from communique.store.writer import PreparedArticle, RunCounts, Writer, prepare
from communique.version import CODER_VERSION

log = logging.getLogger(__name__)

#: Articles per task sent to a worker (and per ``nlp.pipe`` batch there).
BATCH_SIZE = 32
#: Tasks waiting per worker: bounds memory whatever the input size.
QUEUE_DEPTH = 2
#: Coded articles are written in one transaction once this many are waiting...
GROUP_SIZE = 128
#: ... or once the first of them has waited this many seconds (and when the run ends); see ``group_wait``.
GROUP_WAIT_S = 4.0
#: Seconds between checks (in the parent) that the workers are alive.
WATCHDOG_SECONDS = 1.0
#: ``gc.set_threshold`` while ingesting, in the parent and the workers (Python's default is 700, 10, 10).
GC_THRESHOLDS = (50_000, 20, 100)

Item = Article | InputError
ProgressHook = Callable[[RunCounts], None]
#: How worker processes start: forked from a fork server holding the loaded pipeline where there is one.
START_METHOD = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
#: The module the fork server imports first (after ``__main__``): it loads the pipeline there.
PRELOAD_MODULE = "communique.store.worker_preload"
_POSITION = re.compile(r"^(?P<source>.*):(?P<position>line \d+)$")


@dataclass(frozen=True)
class FailedArticle:
    """A picklable stand-in for an exception raised while coding an article, with where the article came from."""

    source: str | None
    position: str
    error: str
    reason: str


Coded: TypeAlias = PreparedArticle | FailedArticle


def default_workers() -> int:
    """Return the default number of worker processes: the CPU count, at most 8."""
    return max(1, min(8, os.cpu_count() or 1))


def group_wait() -> float:
    """Seconds coded articles may wait to be written: ``$COMMUNIQUE_COMMIT_SECONDS``, else ``GROUP_WAIT_S``.

    Lower, readers see new articles sooner; higher, fewer (and cheaper per article) commits.
    """
    value = os.environ.get("COMMUNIQUE_COMMIT_SECONDS")
    if not value:
        return GROUP_WAIT_S
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise StoreError(f"COMMUNIQUE_COMMIT_SECONDS must be a number of seconds, not {value!r}")
    return seconds


def ingest(writer: Writer, items: Iterable[Item], *, workers: int = 1, recode: bool = False,
           skip_known: bool = True, on_update: ProgressHook | None = None,
           actors: Sequence[UserActor] = (), budget: Budget | None = None) -> RunCounts:
    """Code ``items`` and write them through ``writer``; return the counts.

    Args:
        writer: the store's writer, with its run started.
        items: articles and input errors (as ``read_inputs`` yields them).
        workers: worker processes; 1 codes in this process.
        recode: replace stored articles of the same id (``reprocess``).
        skip_known: skip articles whose id is stored before coding them.
        on_update: called with the counts as they change (after each group of articles written).
        actors: user actors (``--actors FILE`` and the store's imported ones), known to this
            process and to every worker for this run.
        budget: the per-article budget (default ``Budget.from_env()``, read here: workers forked from the
            fork server do not see this process's environment); an article over it is an error row.
    """
    budget = budget or Budget.from_env()
    user_actors.install(actors)
    with fewer_collections():
        if workers <= 1:
            return _ingest_here(writer, items, recode=recode, skip_known=skip_known, on_update=on_update,
                                budget=budget)
        return _ParallelIngest(writer, workers, recode=recode, skip_known=skip_known, on_update=on_update,
                               actors=actors, budget=budget).run(items)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the block with Python's cyclic garbage collector working less: the time it took was 10-15% of the
    parent's CPU during an ingest, and 2% of a worker's.

    What exists on entry (the pipeline, the store's tables, imported modules)
    is frozen out of collections, and young objects (coding and writing make
    many short-lived containers) are collected less often. Both are undone on exit.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


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


def _as_failure(article: Article, exc: BaseException) -> FailedArticle:
    source, position = split_source(article.source)
    message = getattr(exc, "message", None) or str(exc)
    return FailedArticle(source=source, position=position or str(article.meta.get("position") or article.id),
                         error=type(exc).__name__, reason=message)


def _coded(article: Article, result: ArticleResult | Exception) -> Coded:
    """Return the rows to write for a coded article, or its failure."""
    return _as_failure(article, result) if isinstance(result, Exception) else prepare(article, result)


class _Group:
    """Coded articles waiting to be written together (see ``GROUP_SIZE`` and ``GROUP_WAIT_S``)."""

    def __init__(self, writer: Writer, recode: bool) -> None:
        self.writer = writer
        self.recode = recode
        self.coded: list[Coded] = []
        self.since = 0.0
        self.max_wait = group_wait()

    def add(self, coded: Iterable[Coded]) -> None:
        """Queue coded articles (or failures) for writing."""
        if not self.coded:
            self.since = time.monotonic()
        self.coded.extend(coded)
        self.writer.counts.waiting = len(self.coded)

    def due(self) -> bool:
        """Return True when the group should be written now."""
        return len(self.coded) >= GROUP_SIZE or (bool(self.coded) and self.wait() == 0)

    def wait(self) -> float:
        """Return the seconds until the waiting articles are due (``WATCHDOG_SECONDS`` when none)."""
        if not self.coded:
            return WATCHDOG_SECONDS
        return max(0.0, min(WATCHDOG_SECONDS, self.since + self.max_wait - time.monotonic()))

    def write(self) -> None:
        """Write the waiting articles in one transaction, then record their failures."""
        coded, self.coded = self.coded, []
        self.writer.counts.waiting = 0
        self.writer.write_many([c for c in coded if isinstance(c, PreparedArticle)], recode=self.recode)
        for failure in coded:
            if isinstance(failure, FailedArticle):
                self.writer.record_error(source=failure.source, position=failure.position, error=failure.error,
                                         reason=failure.reason)


def _screened(writer: Writer, items: Iterable[Item], skip_known: bool) -> Iterator[Item | None]:
    """Yield ``items`` in order with ``None`` in place of each article already stored.

    Stored ids are looked up ``BATCH_SIZE`` articles at a time.
    """
    pending: list[Item] = []
    articles = 0
    for item in items:
        pending.append(item)
        articles += isinstance(item, Article)
        if articles >= BATCH_SIZE:
            yield from _screen(writer, pending, skip_known)
            pending, articles = [], 0
    yield from _screen(writer, pending, skip_known)


def _screen(writer: Writer, items: list[Item], skip_known: bool) -> list[Item | None]:
    if not skip_known:
        return list(items)
    stored = writer.stored_ids(item.id for item in items if isinstance(item, Article))
    return [None if isinstance(item, Article) and item.id in stored else item for item in items]


def _ingest_here(writer: Writer, items: Iterable[Item], *, recode: bool, skip_known: bool,
                 on_update: ProgressHook | None, budget: Budget) -> RunCounts:
    import communique.nlp as nlp_mod
    from communique.pipeline import process_many

    def articles() -> Iterator[Article]:
        for item in _screened(writer, items, skip_known):
            if isinstance(item, Article):
                yield item
                continue
            if item is None:
                writer.counts.skipped += 1
            else:
                _record_input_error(writer, item)
            if on_update:
                on_update(writer.counts)

    model = nlp_mod.load()
    group = _Group(writer, recode)
    try:
        for article, result in process_many(articles(), nlp=model, batch_size=BATCH_SIZE, budget=budget):
            group.add([_coded(article, result)])
            if group.due():
                group.write()
            if on_update:
                on_update(writer.counts)
    finally:
        group.write()  # also on Ctrl-C: keep the articles already coded (a failed group is not retried)
    if on_update:
        on_update(writer.counts)
    return writer.counts


# -- parallel -------------------------------------------------------------------


class _ParallelIngest:
    """Worker processes code; this process reads (feeder thread) and writes (main thread)."""

    def __init__(self, writer: Writer, workers: int, *, recode: bool, skip_known: bool,
                 on_update: ProgressHook | None, budget: Budget, actors: Sequence[UserActor] = ()) -> None:
        self.writer = writer
        self.skip_known = skip_known
        self.on_update = on_update
        self.ctx = cast(ForkServerContext | SpawnContext, mp.get_context(START_METHOD))
        self.tasks: Any = self.ctx.Queue(maxsize=workers * QUEUE_DEPTH)
        self.results: Any = self.ctx.Queue(maxsize=workers * QUEUE_DEPTH)
        self.procs = [self.ctx.Process(target=_worker_main, args=(self.tasks, self.results, budget, list(actors)),
                                       daemon=True, name=f"communique-worker-{i}") for i in range(workers)]
        self.stop = threading.Event()
        self.group = _Group(writer, recode)  # coded articles received, not yet written

    def run(self, items: Iterable[Item]) -> RunCounts:
        """Start the workers and the feeder, write every result; return the counts."""
        start_worker_server()
        for proc in self.procs:
            proc.start()
        feeder = threading.Thread(target=self._feed, args=(items,), name="communique-feeder", daemon=True)
        feeder.start()
        finished = False
        try:
            self._drain()
            finished = True
        except (KeyboardInterrupt, StoreError):
            self.group.write()  # keep the articles already coded (a failed group is not retried)
            raise
        finally:
            self.stop.set()
            self._shutdown(graceful=finished)
        return self.writer.counts

    def _feed(self, items: Iterable[Item]) -> None:
        """Read the inputs, skip known texts, send batches to the workers, then one stop per worker."""
        batch: list[Article] = []
        try:
            for item in _screened(self.writer, items, self.skip_known):
                if self.stop.is_set():
                    return
                if isinstance(item, InputError):
                    self._put(self.results, ("input_error", item.source, type(item).__name__, item.message))
                elif item is None:
                    self._put(self.results, ("skipped",))
                else:
                    batch.append(item)
                    if len(batch) >= BATCH_SIZE:
                        self._put(self.tasks, batch)
                        batch = []
            if batch:
                self._put(self.tasks, batch)
        except Exception as exc:  # noqa: BLE001  # error boundary: sent to the writer thread as fatal; it stops the run
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
        """Handle what the workers send, writing coded articles in groups; write the last group."""
        done = 0
        while done < len(self.procs):
            try:
                message = self.results.get(timeout=self.group.wait())
            except queue.Empty:
                self._check_workers()
            else:
                done += self._handle(message)
            if self.group.due():
                self.group.write()
            if self.on_update:
                self.on_update(self.writer.counts)
        self.group.write()

    def _handle(self, message: tuple[Any, ...]) -> int:
        kind = message[0]
        if kind == "done":
            return 1
        if kind == "results":
            self.group.add(message[1])
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


def start_worker_server() -> None:
    """Start the fork server that worker processes are forked from, if the platform has one.

    It returns at once: the server imports ``__main__`` and ``PRELOAD_MODULE``
    (which loads and warms up the pipeline) in the background, and starting a
    worker waits for that. Call it early (the CLI does, before opening the
    store) so the loading overlaps other start-up work. Once running, the
    server serves every later ingest of this process.
    """
    if START_METHOD != "forkserver":
        return
    from multiprocessing import forkserver

    mp.get_context("forkserver").set_forkserver_preload(["__main__", PRELOAD_MODULE])
    forkserver.ensure_running()


def preload_pipeline() -> bool:
    """Load the pipeline and code one built-in article with it, so lazily built tables exist too.

    Run in the fork server (``PRELOAD_MODULE``): ``nlp.load`` keeps the pipeline
    it loads, so the workers forked from the server find it there. Returns
    whether it worked; a failure is logged and left to the workers, which then
    load the pipeline themselves and report errors.
    """
    try:
        import communique.nlp as nlp_mod
        from communique.config import data_path
        from communique.ingest import article_from_text
        from communique.knowledge.persons import dictionary
        from communique.pipeline import process_article

        model = nlp_mod.load()
        dictionary().knows("")  # the known persons, read once here for every worker
        text = data_path("warm_up_article.txt").read_text(encoding="utf-8")
        process_article(article_from_text(text, date="2024-03-12", source="<warm-up>"), nlp=model)
    except Exception:  # noqa: BLE001  # error boundary: logged; each worker then loads (and reports) the pipeline itself
        log.warning("could not preload the pipeline in the fork server", exc_info=True)
        return False
    return True


def _worker_main(tasks: Any, results: Any, budget: Budget, actors: Sequence[UserActor] = ()) -> None:
    """Worker process: take the pipeline (preloaded in the fork server, else loaded now), know the run's
    user actors, code batches until told to stop or orphaned."""
    die_with_parent()
    if actors:  # the fork server's tables are the packaged ones: add this run's own
        user_actors.install(actors)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    import communique.nlp as nlp_mod
    from communique.pipeline import process_many

    model = nlp_mod.load()
    with fewer_collections():
        while True:
            batch = tasks.get()
            if batch is None:
                results.put(("done",))
                return
            results.put(("results", [_coded(article, result)
                                     for article, result in process_many(batch, nlp=model, batch_size=BATCH_SIZE,
                                                                         budget=budget)]))


def die_with_parent() -> None:
    """Make this worker exit when the process that started it dies (even by kill -9).

    A thread waits on the parent's sentinel (a pipe the parent holds open),
    whether the worker was forked by the fork server or spawned. On Linux,
    ``PR_SET_PDEATHSIG`` also kills it with its parent process (the fork
    server, which exits when the process using it dies).
    """
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    parent = mp.parent_process()
    if parent is None:
        return
    if not parent.is_alive():
        os._exit(1)

    def watch() -> None:
        parent.join()
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
    table = table_of(ArticleRow)
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
                          language=row.language, text=row.text, meta=row.meta or {},
                          repairs=list(row.repairs or []))  # the stored text is the repaired one
