"""``communique watch``: feeds polled from a real HTTP server on loopback into a SQLite store."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import inspect, select
from typer.testing import CliRunner

from communique.errors import ConfigError
from communique.feeds import (
    USER_AGENT,
    DisallowedError,
    Fetcher,
    FetchError,
    HostPolicy,
    HttpSettings,
    MalformedFeedError,
    PollReport,
    Watcher,
    WatchSettings,
    feed_status,
    parse_feed,
    parse_interval,
    read_opml,
)
from communique.feeds.tables import feed_items, feeds, metadata
from communique.store import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"

#: Client timeout in tests; the slow page answers well after it.
TIMEOUT = 0.5
SLOW_SECONDS = 1.5
RETRIES = 2


# -- a small web site on loopback ---------------------------------------------------------------------------------


@dataclass
class Route:
    """What the site answers on one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Hit:
    """One request the site received, and the status it answered."""

    path: str
    status: int
    user_agent: str | None


class Site:
    """A threaded ``http.server`` on 127.0.0.1 (ephemeral port) serving ``routes``; every request is logged."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def count(self, path: str) -> int:
        """Return how many requests ``path`` received."""
        return sum(1 for h in self.hits if h.path == path)

    def statuses(self, path: str) -> list[int]:
        """Return the statuses answered on ``path``, in order."""
        return [h.status for h in self.hits if h.path == path]

    def _log(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                route = site.routes.get(path, Route(404, b"<html><body>not found</body></html>",
                                                    {"Content-Type": "text/html"}))
                status = _status(route, self.headers)
                site._log(Hit(path, status, self.headers.get("User-Agent")))
                if route.delay:
                    time.sleep(route.delay)
                try:
                    self._answer(route, status)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the slow page)

            def _answer(self, route: Route, status: int) -> None:
                self.send_response(status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                body = b"" if status == 304 else route.body
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


def _status(route: Route, headers: object) -> int:
    get = headers.get  # type: ignore[attr-defined]
    if route.etag and get("If-None-Match") == route.etag:
        return 304
    if route.last_modified and get("If-Modified-Since") == route.last_modified:
        return 304
    return route.status


def _fixture(name: str, base: str) -> bytes:
    return (FIXTURES / name).read_bytes().replace(b"{base}", base.encode())


HTML = {"Content-Type": "text/html; charset=utf-8"}


def _serve_news(site: Site) -> None:
    """Two feeds and a broken one; good pages, a slow one, a 404, a 500, a redirect, a PDF, a robots.txt."""
    base, r = site.base, site.routes
    r["/robots.txt"] = Route(body=_fixture("robots.txt", base), headers={"Content-Type": "text/plain"})
    r["/feeds/world.rss"] = Route(body=_fixture("world.rss", base), headers={"Content-Type": "application/rss+xml"},
                                  etag='"world-v1"')
    r["/feeds/region.atom"] = Route(body=_fixture("region.atom", base),
                                    headers={"Content-Type": "application/atom+xml"},
                                    last_modified="Wed, 04 Mar 2026 12:00:00 GMT")
    r["/feeds/broken.xml"] = Route(body=_fixture("broken.xml", base), headers={"Content-Type": "application/rss+xml"},
                                   etag='"broken-v1"')
    r["/news/harbour-talks.html"] = Route(body=_fixture("harbour-talks.html", base), headers=HTML)
    r["/news/old-summit-link"] = Route(301, headers={"Location": "/news/summit.html"})
    r["/news/summit.html"] = Route(body=_fixture("summit.html", base), headers=HTML)
    r["/news/grain-deal.html"] = Route(body=_fixture("grain-deal.html", base), headers=HTML)
    r["/news/slow.html"] = Route(body=_fixture("port-strike.html", base), headers=HTML, delay=SLOW_SECONDS)
    r["/news/flaky.html"] = Route(500, b"<html><body>server error</body></html>", HTML)
    r["/files/annual-report.pdf"] = Route(body=_fixture("annual-report.pdf", base),
                                          headers={"Content-Type": "application/pdf"})
    r["/private/embargoed.html"] = Route(body=_fixture("grain-deal.html", base), headers=HTML)


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as running:
        _serve_news(running)
        yield running


class Clock:
    """A clock the test moves forward (naive UTC, as the store keeps times)."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 5, 12, 0, 0)

    def __call__(self) -> dt.datetime:
        return self.now


def _settings(*, max_attempts: int = 5, max_items: int = 100, allow: tuple[str, ...] = ("127.0.0.1",)) -> WatchSettings:
    """The test site is on loopback: its host is allowed explicitly, as ``--allow-host 127.0.0.1`` does."""
    http_settings = HttpSettings(timeout=TIMEOUT, retries=RETRIES, backoff=0.01)
    return WatchSettings(http=http_settings, retry_base=600.0, retry_cap=3600.0, max_attempts=max_attempts,
                         hosts=HostPolicy.allowing(allow), max_items=max_items)


def _poll(db: str, urls: list[str], clock: Clock, *, max_attempts: int = 5) -> PollReport:
    """Poll once with a fresh store and watcher (as a restarted process would)."""
    with open_store(db) as store:
        watcher = Watcher(store, urls, _settings(max_attempts=max_attempts), clock=clock)
        try:
            return watcher.poll()
        finally:
            watcher.close()


def _states(report: PollReport) -> dict[str | None, str]:
    return {item.url: item.state for item in report.items}


# -- units ---------------------------------------------------------------------------------------------------------


def test_parse_interval() -> None:
    assert parse_interval("30s") == 30
    assert parse_interval("15m") == 900
    assert parse_interval("2h") == 7200
    assert parse_interval("1d") == 86400
    assert parse_interval("45") == 45
    for bad in ("", "15 minutes", "0m", "-5s", "m"):
        with pytest.raises(ConfigError):
            parse_interval(bad)


def test_read_opml_lists_each_feed_once() -> None:
    assert read_opml(FIXTURES / "feeds.opml") == ["{base}/feeds/world.rss", "{base}/feeds/region.atom"]
    with pytest.raises(ConfigError):
        read_opml(FIXTURES / "world.rss")


def test_parse_feed_rss_atom_and_broken() -> None:
    base = "http://news.test"
    rss = parse_feed(_fixture("world.rss", base), url=f"{base}/feeds/world.rss")
    assert rss.title == "Test Wire: World" and not rss.lenient
    assert [e.guid for e in rss.entries][:2] == ["wire-world-1001", "wire-world-1002"]
    assert rss.entries[0].url == f"{base}/news/harbour-talks.html"
    assert rss.entries[0].published == "2026-03-02"
    atom = parse_feed(_fixture("region.atom", base), url=f"{base}/feeds/region.atom")
    assert atom.entries[0].guid == "urn:test-wire:region:2001"
    assert atom.entries[1].url == f"{base}/files/annual-report.pdf"
    with pytest.raises(MalformedFeedError, match="malformed feed"):
        parse_feed(_fixture("broken.xml", base), url=f"{base}/feeds/broken.xml")
    with pytest.raises(MalformedFeedError, match="not an RSS or Atom feed"):
        parse_feed(_fixture("summit.html", base), url=f"{base}/news/summit.html")


def test_migration_creates_the_tables_module_describes(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    mine = set(metadata.tables)

    def include_name(name: str | None, type_: str, parent_names: object) -> bool:
        return name in mine if type_ == "table" else True

    with open_store(f"sqlite:///{tmp_path / 'm.db'}") as store:
        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": include_name})
            assert compare_metadata(context, metadata) == []
        assert mine <= set(inspect(store.engine).get_table_names())
        assert feed_status(store.engine).feeds == []


def test_fetcher_robots_missing_allows_all_and_unreachable_blocks() -> None:
    with Site() as bare:
        bare.routes["/page.html"] = Route(body=b"<html><body>hi</body></html>", headers=HTML)
        with Fetcher(HttpSettings(timeout=TIMEOUT, retries=1, backoff=0.01)) as fetcher:
            page = fetcher.get(f"{bare.base}/page.html")
        assert page.status == 200 and bare.statuses("/robots.txt") == [404]
        assert {h.user_agent for h in bare.hits} == {USER_AGENT}
    with Site() as down:
        down.routes["/robots.txt"] = Route(503)
        down.routes["/page.html"] = Route(body=b"<html></html>", headers=HTML)
        settings = HttpSettings(timeout=TIMEOUT, retries=1, backoff=0.01)
        with Fetcher(settings) as fetcher, pytest.raises(FetchError) as caught:
            fetcher.get(f"{down.base}/page.html")
        assert caught.value.kind == "robots_unreachable"
        assert down.count("/robots.txt") == 2 and down.count("/page.html") == 0


def test_fetcher_checks_robots_after_a_redirect(site: Site) -> None:
    site.routes["/news/sneaky"] = Route(302, headers={"Location": "/private/embargoed.html"})
    with Fetcher(HttpSettings(timeout=TIMEOUT, retries=0)) as fetcher, pytest.raises(DisallowedError):
        fetcher.get(f"{site.base}/news/sneaky")
    assert site.count("/private/embargoed.html") == 0


# -- the whole watch, end to end -----------------------------------------------------------------------------------


@pytest.mark.model
def test_watch_ingests_reports_remembers_and_retries(site: Site, tmp_path: Path, nlp: object) -> None:
    db, base, clock = f"sqlite:///{tmp_path / 'watch.db'}", site.base, Clock()
    urls = [f"{base}/feeds/world.rss", f"{base}/feeds/region.atom", f"{base}/feeds/broken.xml"]

    first = _poll(db, urls, clock, max_attempts=2)

    assert [(f.url, f.state) for f in first.feeds] == [
        (urls[0], "updated"), (urls[1], "updated"), (urls[2], "failed")]
    assert "malformed feed" in (first.feeds[2].reason or "")
    assert _states(first) == {
        f"{base}/news/harbour-talks.html": "ingested",
        f"{base}/news/old-summit-link": "ingested",
        f"{base}/news/slow.html": "failed",
        f"{base}/news/withdrawn.html": "failed",
        f"{base}/news/flaky.html": "failed",
        f"{base}/news/grain-deal.html": "ingested",
        f"{base}/files/annual-report.pdf": "failed",
        f"{base}/private/embargoed.html": "disallowed",
    }  # the syndicated copy of harbour-talks (same URL, other feed) is not fetched again
    reasons = {item.url: item.reason for item in first.items}
    assert "timed out" in reasons[f"{base}/news/slow.html"]
    assert reasons[f"{base}/news/withdrawn.html"] == "HTTP 404 Not Found"
    assert reasons[f"{base}/news/flaky.html"] == "HTTP 500 Internal Server Error"
    assert reasons[f"{base}/files/annual-report.pdf"] == "not an HTML page (application/pdf)"
    assert reasons[f"{base}/private/embargoed.html"] == "disallowed by robots.txt"
    assert first.failed

    # Retries within one request: timeouts and 5xx only; robots.txt read once; each page fetched once.
    assert site.count("/news/flaky.html") == 1 + RETRIES
    assert site.count("/news/slow.html") == 1 + RETRIES
    assert site.count("/news/withdrawn.html") == 1
    assert site.count("/files/annual-report.pdf") == 1
    assert site.count("/private/embargoed.html") == 0
    assert site.count("/news/harbour-talks.html") == 1
    assert site.count("/robots.txt") == 1
    assert {h.user_agent for h in site.hits} == {USER_AGENT}

    with open_store(db) as store:
        stored = {a.url: a for a in store.articles()}
        assert set(stored) == {f"{base}/news/harbour-talks.html", f"{base}/news/summit.html",
                               f"{base}/news/grain-deal.html"}
        grain = store.article(stored[f"{base}/news/grain-deal.html"].id)
        assert grain is not None
        assert grain.title == "Kenya and Tanzania sign grain corridor accord"
        assert grain.date == "2026-03-04"
        assert grain.text.startswith("Kenya and Tanzania signed an agreement in Arusha")
        assert any(event.actors for event in grain.events)  # coded by the normal pipeline
        errors = {(e.source, e.error) for e in store.errors(limit=None)}
        assert {(urls[2], "malformed_feed"), (f"{base}/news/slow.html", "timeout"),
                (f"{base}/news/withdrawn.html", "http_404"), (f"{base}/news/flaky.html", "http_500"),
                (f"{base}/files/annual-report.pdf", "not_html")} == errors
        status = feed_status(store.engine)
    assert [f.url for f in status.failing_feeds] == [urls[2]]
    assert {p.url: (p.status, p.attempts) for p in status.problems} == {
        f"{base}/news/slow.html": ("failed", 1), f"{base}/news/withdrawn.html": ("failed", 1),
        f"{base}/news/flaky.html": ("failed", 1), f"{base}/files/annual-report.pdf": ("failed", 1)}
    world = next(f for f in status.feeds if f.url == urls[0])
    assert world.items == {"ingested": 2, "failed": 3}

    # A restart right away: conditional GETs answered 304, nothing fetched, nothing duplicated.
    site.hits.clear()
    second = _poll(db, urls, clock, max_attempts=2)
    assert [(f.url, f.state) for f in second.feeds] == [
        (urls[0], "unchanged"), (urls[1], "unchanged"), (urls[2], "waiting")]
    assert second.items == [] and not second.failed and second.run_id is None
    feed_hits = [(h.path, h.status) for h in site.hits if h.path != "/robots.txt"]  # a new process reads it again
    assert feed_hits == [("/feeds/world.rss", 304), ("/feeds/region.atom", 304)]
    with open_store(db) as store:
        assert len(store.articles()) == 3

    # A day later the failed items are due: the mended page is stored, the others give up (max 2 attempts).
    site.routes["/news/flaky.html"] = Route(body=_fixture("port-strike.html", base), headers=HTML)
    clock.now += dt.timedelta(days=1)
    third = _poll(db, urls, clock, max_attempts=2)
    assert _states(third) == {
        f"{base}/news/slow.html": "gave_up", f"{base}/news/withdrawn.html": "gave_up",
        f"{base}/news/flaky.html": "ingested", f"{base}/files/annual-report.pdf": "gave_up"}
    assert [f.state for f in third.feeds] == ["unchanged", "unchanged", "failed"]
    with open_store(db) as store:
        assert f"{base}/news/flaky.html" in {a.url for a in store.articles()}
        assert len(store.articles()) == 4
        with store.engine.connect() as conn:
            assert conn.execute(select(feeds.c.failures).where(feeds.c.url == urls[2])).scalar_one() == 2
            rows = conn.execute(select(feed_items.c.url, feed_items.c.status)).all()
    assert len(rows) == 8  # one row per item; the syndicated copy shares the first one's URL
    site.hits.clear()
    clock.now += dt.timedelta(days=1)
    fourth = _poll(db, urls, clock, max_attempts=2)
    assert fourth.items == []  # given-up items are left alone
    assert not any(h.path.startswith(("/news/", "/files/")) for h in site.hits)


@pytest.mark.model
def test_watch_cli_once_reports_and_second_run_fetches_nothing(site: Site, tmp_path: Path, nlp: object) -> None:
    from communique.cli import app

    opml = tmp_path / "feeds.opml"
    opml.write_text(f'<opml version="2.0"><body><outline xmlUrl="{site.base}/feeds/broken.xml"/></body></opml>')
    args = ["watch", "--once", "--timeout", str(TIMEOUT), "--db", f"sqlite:///{tmp_path / 'cli.db'}",
            "--allow-host", "127.0.0.1", "--opml", str(opml), f"{site.base}/feeds/region.atom"]
    runner = CliRunner()

    first = runner.invoke(app, args)
    assert first.exit_code == 1, first.output
    assert f"error feed {site.base}/feeds/broken.xml: malformed feed" in first.stderr
    assert f"error {site.base}/files/annual-report.pdf: not an HTML page (application/pdf)" in first.stderr
    assert f"skipped {site.base}/private/embargoed.html: disallowed by robots.txt" in first.stderr
    assert "2 new article(s)" in first.stderr
    assert first.stdout == ""
    shown = _status_text(f"sqlite:///{tmp_path / 'cli.db'}")
    assert f"{site.base}/feeds/broken.xml" in shown and "malformed_feed: malformed feed" in shown
    assert f"{site.base}/files/annual-report.pdf" in shown and "not an HTML page (application/pdf)" in shown

    site.hits.clear()
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "1 unchanged" in second.stderr and "0 new article(s)" in second.stderr
    assert [(h.path, h.status) for h in site.hits if h.path != "/robots.txt"] == [("/feeds/region.atom", 304)]

    bad = runner.invoke(app, ["watch", "--every", "soon", f"{site.base}/feeds/region.atom"])
    assert bad.exit_code == 2 and "not an interval" in bad.stderr
    assert runner.invoke(app, ["watch", "--once"]).exit_code == 2



def _status_text(db: str) -> str:
    """Return what ``print_feed_status`` (the ``communique status`` section) prints for the store at ``db``."""
    import io

    from rich.console import Console

    from communique.cli.watch import print_feed_status

    buffer = io.StringIO()
    with open_store(db) as store:
        print_feed_status(Console(file=buffer, width=400), feed_status(store.engine))
    return buffer.getvalue()


def test_watch_stops_cleanly_on_ctrl_c(site: Site, tmp_path: Path) -> None:
    """A real ``communique watch`` process, waiting for its next poll, exits 0 on SIGINT."""
    import os
    import signal
    import subprocess
    import sys

    site.routes["/feeds/quiet.rss"] = Route(
        body=b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>',
        headers={"Content-Type": "application/rss+xml"}, etag='"quiet"')
    command = [sys.executable, "-c", "from communique.cli import main; main()", "watch", "--every", "1h",
               "--db", f"sqlite:///{tmp_path / 'loop.db'}", f"{site.base}/feeds/quiet.rss"]
    env = {**os.environ, "COLUMNS": "200"}
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env) as proc:
        assert proc.stderr is not None
        lines = [proc.stderr.readline() for _ in range(3)]
        assert lines[-1].startswith("next poll at"), lines
        proc.send_signal(signal.SIGINT)
        rest = proc.stderr.read()
        assert proc.wait(timeout=30) == 0
    assert "polled 1 feed(s) (1 updated" in lines[1]
    assert "stopped" in rest and "Traceback" not in rest
    assert site.statuses("/feeds/quiet.rss") == [200]


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh store URL on each backend (PostgreSQL skipped unless configured)."""
    from test_store_support import drop_created_databases, pg_url_or_skip

    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'backend.db'}"
        return
    yield pg_url_or_skip()
    drop_created_databases()


@pytest.mark.model
def test_watch_state_on_each_backend(site: Site, store_url: str, nlp: object) -> None:
    clock, base = Clock(), site.base
    urls = [f"{base}/feeds/region.atom", f"{base}/feeds/broken.xml"]
    first = _poll(store_url, urls, clock)
    assert sorted(_states(first).values()) == ["disallowed", "failed", "ingested", "ingested"]
    second = _poll(store_url, urls, clock)
    assert [f.state for f in second.feeds] == ["unchanged", "waiting"] and second.items == []
    with open_store(store_url) as store:
        assert len(store.articles()) == 2
        status = feed_status(store.engine)
    assert [f.url for f in status.failing_feeds] == [urls[1]]
    assert [(p.url, p.status) for p in status.problems] == [(f"{base}/files/annual-report.pdf", "failed")]
