"""Posted articles are coded in worker processes (issue 21): reads are answered while one is coded; a full queue is 503."""

from __future__ import annotations

import socket
import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from communique.server import create_app
from communique.api.ingest_queue import IngestQueue, QueueFullError, Submission, code_submission
from communique.config import examples_dir
from communique.store.api import Store
from communique.store.writer import PreparedArticle

TOKEN = "tok"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SMALL = {"title": "Talks in Lima", "date": "2025-03-04",
         "text": "Peru and Chile held talks in Lima on Monday on border trade, officials said."}


def _slow_text() -> str:
    """An article that takes seconds to code: long prose, then a long run of brackets."""
    prose = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((examples_dir() / "articles").glob("*.txt")))
    return prose * 3 + "\n\nThe statement ended " + "(" * 12_000 + " here."


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[dict[str, Any]]:
    import uvicorn

    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    app = create_app(store=store, token=TOKEN, workers=1, queue_size=0)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield {"base": f"http://127.0.0.1:{port}", "app": app}
    app.state.ingest.close()  # ends a worker still coding, so the server can stop
    srv.should_exit = True
    thread.join(timeout=20)
    store.close()


def test_reads_are_answered_while_a_slow_article_is_coded(server: dict[str, Any]) -> None:
    base, app = server["base"], server["app"]
    with httpx.Client(base_url=base, timeout=120) as client:
        warm = client.post("/api/articles", json=SMALL, headers=AUTH)  # starts the worker (pipeline loaded once)
        assert warm.status_code == 201, warm.text
        answers: dict[str, Any] = {}

        def post_slow() -> None:
            with httpx.Client(base_url=base, timeout=120) as own:
                answers["r"] = own.post("/api/articles", json={"title": "Slow", "text": _slow_text()}, headers=AUTH)

        slow = threading.Thread(target=post_slow, daemon=True)
        slow.start()
        for _ in range(100):
            if app.state.ingest.accepted:
                break
            time.sleep(0.02)
        time.sleep(0.5)  # the worker is inside the pipeline now
        latencies = []
        for path in ["/api/events?limit=5", "/api/articles", "/", "/api/actors", "/api/events?limit=5"]:
            started = time.monotonic()
            assert client.get(path).status_code == 200, path
            latencies.append(time.monotonic() - started)
        busy = client.post("/api/articles", json=SMALL, headers=AUTH)
        still_coding = slow.is_alive() and app.state.ingest.accepted == 1
    app.state.ingest.close()  # ends the worker, as the server's shutdown does: the slow article is 503, not stored
    slow.join(timeout=30)
    assert answers["r"].status_code == 503 and "stopping" in answers["r"].json()["detail"]
    print(f"GET latencies while coding (s): {[round(x, 3) for x in latencies]}")
    assert still_coding, "the slow article was coded before the reads were timed"
    assert statistics.median(latencies) < 0.2, latencies
    assert busy.status_code == 503 and busy.headers["retry-after"].isdigit()


def test_a_full_queue_refuses_and_frees_its_slots() -> None:
    queue = IngestQueue(workers=1, queue_size=1)
    queue._accepted = 2  # two articles accepted: one coding, one waiting
    with pytest.raises(QueueFullError):
        queue.submit(Submission(title=None, date=None, text="x", html=None, url=None))
    queue._release()
    assert queue.accepted == 1
    queue.close()
    with pytest.raises(ValueError):
        IngestQueue(workers=0)


def test_code_submission_returns_rows_or_the_reason(nlp: object) -> None:
    coded = code_submission(Submission(title="T", date="2025-03-04", text=SMALL["text"], html=None, url=None))
    assert isinstance(coded, PreparedArticle) and coded.article["title"] == "T"
    failed = code_submission(Submission(title=None, date=None, text=None, html="<html><body></body></html>", url=None))
    assert not isinstance(failed, PreparedArticle) and "main text" in failed.reason


def test_a_worker_that_dies_fails_its_article_and_is_replaced() -> None:
    import asyncio
    import os
    import signal

    queue = IngestQueue(workers=1, queue_size=0)

    async def run() -> tuple[object, object]:
        task = asyncio.ensure_future(queue.code(Submission(title=None, date=None, text=_slow_text(), html=None,
                                                           url=None)))
        for _ in range(600):
            await asyncio.sleep(0.05)
            processes = list((getattr(queue._pool, "_processes", None) or {}).values())
            if processes and processes[0].pid:
                break
        await asyncio.sleep(1.0)
        os.kill(processes[0].pid, signal.SIGKILL)  # as the kernel's OOM killer would
        died = await task
        after = await queue.code(Submission(title="T", date="2025-03-04", text=SMALL["text"], html=None, url=None))
        return died, after

    try:
        died, after = asyncio.run(run())
    finally:
        queue.close()
    assert not isinstance(died, PreparedArticle) and "stopped" in died.reason  # type: ignore[union-attr]
    assert isinstance(after, PreparedArticle) and queue.accepted == 0
