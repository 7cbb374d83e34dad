"""Coding posted articles off the event loop: worker processes, a bounded queue, 503 when full.

``POST /api/articles`` hands the article to an ``IngestQueue``: ``workers`` processes
(forked from the fork server that holds the loaded pipeline, as ``ingest`` workers are) read
and code it and send back plain table rows; the server process only writes them. Coding
never holds the server's interpreter, so reads are answered while an article of any size is
being coded. At most ``workers + queue_size`` articles are accepted at once; one more is
answered 503 with ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing as mp
import signal
import threading
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from fastapi import FastAPI, HTTPException
from starlette.concurrency import run_in_threadpool

from communique.api import DEFAULT_QUEUE, DEFAULT_WORKERS
from communique.api import schemas as s
from communique.errors import CommuniqueError
from communique.store.api import Store
from communique.store.views import StoredArticle
from communique.store.writer import PreparedArticle

#: Seconds a client told "queue full" is asked to wait.
RETRY_AFTER_S = 5
#: A worker process is replaced after coding this many articles (bounds what caches keep).
TASKS_PER_WORKER = 200


@dataclass(frozen=True)
class Submission:
    """A posted article, as sent to a worker process (plain, picklable)."""

    title: str | None
    date: str | None
    text: str | None
    html: str | None
    url: str | None

    @classmethod
    def of(cls, body: s.ArticleIn) -> Submission:
        """Return the submission of a validated request body."""
        return cls(title=body.title, date=body.date, text=body.text, html=body.html, url=body.url)


@dataclass(frozen=True)
class CodingFailed:
    """Why a posted article could not be read or coded (answered 422)."""

    reason: str


class QueueFullError(Exception):
    """Every worker is busy and the queue is full (or the server is stopping)."""

    def __init__(self, capacity: int, *, stopping: bool = False) -> None:
        super().__init__("the server is stopping; the article was not stored, send it again later" if stopping else
                         f"{capacity} articles are being coded or waiting; try again later")


def code_submission(submission: Submission) -> PreparedArticle | CodingFailed:
    """Read and code one posted article (in a worker process); return its table rows or why it failed."""
    from communique.ingest import article_from_text
    from communique.ingest.formats import read_html
    from communique.pipeline import process_article
    from communique.store.writer import prepare

    source = submission.url or "api"
    try:
        if submission.text is not None:
            article = article_from_text(submission.text, date=submission.date, title=submission.title,
                                        source=source, url=submission.url)
        else:
            article = read_html(submission.html or "", source=source, url=submission.url, date=submission.date,
                                title=submission.title)
        return prepare(article, process_article(article))
    except CommuniqueError as exc:
        return CodingFailed(str(exc))


def _worker_init() -> None:
    """Worker process set-up: exit with the server, leave Ctrl-C to it."""
    from communique.store.runner import die_with_parent

    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class IngestQueue:
    """Worker processes coding posted articles, with a bounded number of articles accepted at once.

    Args:
        workers: worker processes (articles coded at the same time).
        queue_size: articles that may wait for a worker.
    """

    def __init__(self, workers: int = DEFAULT_WORKERS, queue_size: int = DEFAULT_QUEUE) -> None:
        if workers < 1 or queue_size < 0:
            raise ValueError(f"workers must be >= 1 and queue_size >= 0, not {workers} and {queue_size}")
        self.workers = workers
        self.capacity = workers + queue_size
        self._lock = threading.Lock()
        self._accepted = 0
        self._pool: ProcessPoolExecutor | None = None
        self._generation = 0  # pools closed so far: an article whose pool was closed under it is not its fault

    @property
    def accepted(self) -> int:
        """Articles being coded or waiting now."""
        return self._accepted

    def submit(self, submission: Submission) -> Future[PreparedArticle | CodingFailed]:
        """Queue ``submission`` for a worker.

        Raises:
            QueueFullError: ``workers + queue_size`` articles are already accepted.
        """
        with self._lock:
            if self._accepted >= self.capacity:
                raise QueueFullError(self.capacity)
            self._accepted += 1
            pool = self._pool_locked()
        try:
            future = pool.submit(code_submission, submission)
        except BaseException:
            self._release()
            raise
        future.add_done_callback(lambda _f: self._release())
        return future

    async def code(self, submission: Submission) -> PreparedArticle | CodingFailed:
        """Code ``submission`` in a worker without blocking the event loop (``QueueFullError`` when full)."""
        generation = self._generation
        future = self.submit(submission)
        try:
            return await asyncio.wrap_future(future)
        except (BrokenProcessPool, CancelledError) as exc:
            if generation != self._generation:  # closed while it was coded
                raise QueueFullError(self.capacity, stopping=True) from exc
            self._restart()
            return CodingFailed("the process coding the article stopped (out of memory or killed); not stored")

    def close(self) -> None:
        """Stop the workers now, abandoning what they are coding (those articles are answered 503)."""
        self._restart()

    def _pool_locked(self) -> ProcessPoolExecutor:
        if self._pool is None:
            from communique.store.runner import START_METHOD, start_worker_server

            start_worker_server()  # workers fork from the server holding the loaded pipeline
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=mp.get_context(START_METHOD),
                                             initializer=_worker_init, max_tasks_per_child=TASKS_PER_WORKER)
        return self._pool

    def _restart(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
            self._generation += 1
        if pool is not None:
            _stop(pool)

    def _release(self) -> None:
        with self._lock:
            self._accepted -= 1


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut ``pool`` down without waiting for the articles being coded (their processes are ended)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public way before Python 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(timeout=5)


async def ingest_article(app: FastAPI, body: s.ArticleIn) -> StoredArticle:
    """Code ``body`` in a worker and store it; return the stored record.

    Raises:
        HTTPException: 503 (with Retry-After) when the queue is full, 422 when the article cannot be coded.
    """
    queue: IngestQueue = app.state.ingest
    try:
        coded = await queue.code(Submission.of(body))
    except QueueFullError as exc:
        raise HTTPException(503, str(exc), headers={"Retry-After": str(RETRY_AFTER_S)}) from exc
    if isinstance(coded, CodingFailed):
        raise HTTPException(422, coded.reason)
    return await run_in_threadpool(_store, app, coded)


def _store(app: FastAPI, coded: PreparedArticle) -> StoredArticle:
    st: Store = app.state.store
    with app.state.write_lock:  # a read-only store raises ReadOnlyStoreError here: 503 (see create_app)
        writer = st.writer()
        outcome = writer.write_many([coded])[0]
        writer.flush_clusters()
    if outcome == "failed":  # the database refused this article (recorded as its error)
        failure = st.errors(limit=1)
        raise HTTPException(422, failure[0].reason if failure else "the database refused the article")
    stored = st.article(coded.id)
    if stored is None:  # pragma: no cover - the write just happened
        raise HTTPException(500, "the article was not stored")
    return stored
