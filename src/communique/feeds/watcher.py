"""The watcher: poll feeds, fetch new items, code them, store them; remember everything.

One ``poll()``::

    for each feed:  conditional GET (ETag / Last-Modified) ──304──▶ unchanged
                    └─200─▶ parse ─▶ for each entry not seen before (GUID or URL):
                                       robots.txt ─▶ GET page ─▶ HTML? ─▶ trafilatura ─▶ process_article ─▶ store
                    then: failed items whose retry is due are fetched again

A failed feed or item is recorded (URL, reason) in the feed tables and in the
store's ingest errors, and retried later with an exponential backoff (items
up to ``max_attempts``); it never stops the other feeds and items. A feed's
validators are saved only after its items were handled, so a process killed
mid-poll re-reads the feed next time and skips what it had already stored.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from communique.errors import CommuniqueError
from communique.feeds.errors import DisallowedError, FeedError, NotHtmlError
from communique.feeds.hosts import HostPolicy
from communique.feeds.http import Fetched, Fetcher, HttpSettings
from communique.feeds.ledger import FeedRecord, ItemRecord, ItemUpdate, Ledger
from communique.feeds.parse import FeedEntry, parse_feed
from communique.feeds.schedule import backoff, utcnow
from communique.records import Article, ArticleResult
from communique.store.api import Store
from communique.store.writer import Writer

log = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"

#: Item pages fetched per feed per poll unless ``--max-items`` says otherwise.
DEFAULT_MAX_ITEMS = 100

FeedState = Literal["updated", "unchanged", "failed", "waiting"]
ItemState = Literal["ingested", "duplicate", "failed", "gave_up", "disallowed"]


@dataclass(frozen=True)
class WatchSettings:
    """How often and how hard to try.

    Attributes:
        http: client settings (timeouts, retries within one request, limits).
        retry_base: seconds before the first retry of a failed feed or item (doubled each time).
        retry_cap: longest wait between two retries, in seconds.
        max_attempts: attempts at an item before giving up on it.
        hosts: which hosts item links may be fetched from (the feed's own and ``--allow-host`` ones).
        max_items: item pages fetched per feed per poll at most; the rest wait for the next poll.
    """

    http: HttpSettings = field(default_factory=HttpSettings)
    retry_base: float = 600.0
    retry_cap: float = 6 * 3600.0
    max_attempts: int = 5
    hosts: HostPolicy = field(default_factory=HostPolicy)
    max_items: int = DEFAULT_MAX_ITEMS


@dataclass(frozen=True)
class FeedOutcome:
    """What one poll of one feed gave."""

    url: str
    state: FeedState
    entries: int = 0
    reason: str | None = None


@dataclass(frozen=True)
class ItemOutcome:
    """What one attempt at one item gave."""

    feed: str
    url: str | None
    state: ItemState
    attempts: int = 1
    article_id: str | None = None
    reason: str | None = None


@dataclass
class PollReport:
    """Everything one poll did, feed by feed and item by item."""

    feeds: list[FeedOutcome] = field(default_factory=list)
    items: list[ItemOutcome] = field(default_factory=list)
    run_id: int | None = None

    @property
    def failed(self) -> bool:
        """True when a feed or an item failed in this poll."""
        return any(f.state == "failed" for f in self.feeds) or any(
            i.state in ("failed", "gave_up") for i in self.items)

    def count(self, state: str) -> int:
        """Return how many items ended in ``state``."""
        return sum(1 for i in self.items if i.state == state)


Processor = Callable[[Article], ArticleResult]


def _default_processor(article: Article) -> ArticleResult:
    from communique.pipeline import process_article

    return process_article(article)


class Watcher:
    """Polls a list of feeds into one store.

    Args:
        store: the store articles, feed state and errors go to.
        feeds: feed URLs, polled in this order.
        settings: timeouts, retries, backoff.
        fetcher: the HTTP client (default: one built from ``settings.http``).
        process: the coder (default ``communique.pipeline.process_article``).
        clock: returns the current naive UTC time (tests move it forward).
    """

    def __init__(self, store: Store, feeds: Sequence[str], settings: WatchSettings | None = None, *,
                 fetcher: Fetcher | None = None, process: Processor | None = None,
                 clock: Callable[[], dt.datetime] = utcnow) -> None:
        self.store = store
        self.feeds = list(dict.fromkeys(feeds))
        self.settings = settings or WatchSettings()
        self.fetcher = fetcher or Fetcher(self.settings.http)
        self.ledger = Ledger(store.engine)
        self.process = process or _default_processor
        self.clock = clock
        self._writer: Writer | None = None
        self._report = PollReport()
        self._budget = 0  # item fetches left for the feed being polled

    def close(self) -> None:
        """Close the HTTP client."""
        self.fetcher.close()

    def poll(self) -> PollReport:
        """Poll every feed once; return what happened (a run is recorded if anything was written)."""
        self._writer, self._report = None, PollReport()
        try:
            for url in self.feeds:
                self._poll_feed(url)
        except BaseException:
            self._finish("interrupted")
            raise
        self._finish("done")
        return self._report

    # -- runs -------------------------------------------------------------------

    def _writer_for_run(self) -> Writer:
        """Return this poll's writer, starting its run on first use (quiet polls leave no run behind)."""
        if self._writer is None:
            from communique.version import CODER_VERSION

            self._writer = self.store.writer()
            self._report.run_id = self._writer.start_run("watch", self.feeds, CODER_VERSION)
        return self._writer

    def _finish(self, status: str) -> None:
        if self._writer is not None:
            self._writer.finish_run(status)

    def _record_error(self, source: str | None, where: str, error: FeedError | Exception) -> None:
        kind = error.kind if isinstance(error, FeedError) else type(error).__name__
        reason = error.message if isinstance(error, CommuniqueError) else str(error) or type(error).__name__
        self._writer_for_run().record_error(source=source, position=where, error=kind, reason=reason)

    # -- feeds ------------------------------------------------------------------

    def _poll_feed(self, url: str) -> None:
        feed = self.ledger.feed(url)
        now = self._now()
        self._budget = self.settings.max_items
        if feed.next_poll is not None and feed.next_poll > now:
            reason = f"failing; next try {feed.next_poll:%Y-%m-%d %H:%M:%S} UTC"
            self._report.feeds.append(FeedOutcome(url, "waiting", reason=reason))
        else:
            self._fetch_feed(feed)
        for item in self.ledger.due(feed, self._now()):
            if self._budget <= 0:
                break
            self._fetch_item(feed, item.entry, item)

    def _fetch_feed(self, feed: FeedRecord) -> None:
        try:
            fetched = self.fetcher.get(feed.url, headers=_conditional_headers(feed),
                                       check=lambda url: self.settings.hosts.check_feed(url, feed_url=feed.url))
            if fetched.status == 304:
                self.ledger.feed_ok(feed, when=self._now(), status=304)
                self._report.feeds.append(FeedOutcome(feed.url, "unchanged"))
                return
            parsed = parse_feed(fetched.content, url=fetched.url, content_type=fetched.headers.get("content-type"))
        except FeedError as exc:
            self._feed_failed(feed, exc)
            return
        outcome = FeedOutcome(feed.url, "updated", entries=len(parsed.entries))
        self._report.feeds.append(outcome)
        left_over = False
        for entry in parsed.entries:
            exhausted = self._budget <= 0
            if self._consider(feed, entry, skip=exhausted) and exhausted:
                left_over = True
                self._report.feeds[-1] = replace(outcome, reason=f"--max-items {self.settings.max_items} reached; "
                                                                 "the other new items come next poll")
                break
        # entries left for the next poll: keep no validators, so that it reads the feed again
        keep = not (parsed.lenient or left_over)
        validators = (fetched.headers.get("etag"), fetched.headers.get("last-modified")) if keep else None
        self.ledger.feed_ok(feed, when=self._now(), status=fetched.status, title=parsed.title, validators=validators)

    def _feed_failed(self, feed: FeedRecord, error: FeedError) -> None:
        now = self._now()
        wait = backoff(feed.failures + 1, base=self.settings.retry_base, cap=self.settings.retry_cap)
        self.ledger.feed_failed(feed, when=now, error=f"{error.kind}: {error.message}", next_poll=now + wait)
        self._record_error(feed.url, "feed", error)
        self._report.feeds.append(FeedOutcome(feed.url, "failed", reason=error.message))
        log.info("feed %s failed: %s", feed.url, error.message)

    # -- items ------------------------------------------------------------------

    def _consider(self, feed: FeedRecord, entry: FeedEntry, *, skip: bool = False) -> bool:
        """Fetch ``entry`` unless it was seen before (a failed one only when its retry is due); return
        whether it was (or, with ``skip``, would have been) fetched."""
        known = self.ledger.find(feed, entry)
        due = known is None or (known.status == "failed" and known.next_retry is not None
                                and known.next_retry <= self._now())
        if due and not skip:
            self._fetch_item(feed, known.entry if known else entry, known)
        return due

    def _fetch_item(self, feed: FeedRecord, entry: FeedEntry, known: ItemRecord | None) -> None:
        self._budget -= 1
        attempts = (known.attempts if known else 0) + 1
        try:
            article_id, duplicate = self._ingest(feed, entry)
        except DisallowedError as exc:
            self._item_done(feed, entry, known, ItemUpdate("disallowed", attempts, self._now(), error=exc.message))
        except Exception as exc:  # noqa: BLE001  # error boundary: the item's failure is recorded in the feed ledger
            self._item_failed(feed, entry, known, attempts, exc)
        else:
            state: ItemState = "duplicate" if duplicate else "ingested"
            self._item_done(feed, entry, known, ItemUpdate("ingested", attempts, self._now(), article_id=article_id),
                            state=state)

    def _item_done(self, feed: FeedRecord, entry: FeedEntry, known: ItemRecord | None, update: ItemUpdate, *,
                   state: ItemState | None = None) -> None:
        self.ledger.record(feed, entry, update, item=known)
        self._report.items.append(ItemOutcome(feed.url, entry.url, state or update.status, update.attempts,
                                              update.article_id, update.error))

    def _item_failed(self, feed: FeedRecord, entry: FeedEntry, known: ItemRecord | None, attempts: int,
                     error: Exception) -> None:
        reason = error.message if isinstance(error, CommuniqueError) else f"{type(error).__name__}: {error}"
        now = self._now()
        if attempts >= self.settings.max_attempts:
            update = ItemUpdate("gave_up", attempts, now, error=f"{reason} (gave up after {attempts} attempts)")
        else:
            wait = backoff(attempts, base=self.settings.retry_base, cap=self.settings.retry_cap)
            update = ItemUpdate("failed", attempts, now, error=reason, next_retry=now + wait)
        self._record_error(entry.url or entry.guid, f"feed {feed.url}", error)
        self._item_done(feed, entry, known, update)
        log.info("item %s failed (attempt %d): %s", entry.url, attempts, reason)

    def _ingest(self, feed: FeedRecord, entry: FeedEntry) -> tuple[str, bool]:
        """Fetch, read, code and store one item; return (article id, True if the text was stored already)."""
        if not entry.url:
            raise FeedError("the item has no link", source=entry.guid, kind="no_link")
        page = self.fetcher.get(entry.url, check=lambda url: self.settings.hosts.check(url, feed_url=feed.url))
        article = read_page(page, entry, feed_url=feed.url)
        writer = self._writer_for_run()
        if writer.known(article.id):
            return article.id, True
        outcome = writer.write(article, self.process(article))
        return article.id, outcome == "skipped"

    def _now(self) -> dt.datetime:
        return self.clock()


def _conditional_headers(feed: FeedRecord) -> dict[str, str]:
    headers = {"Accept": FEED_ACCEPT}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    return headers


def read_page(page: Fetched, entry: FeedEntry, *, feed_url: str) -> Article:
    """Build the ``Article`` of a fetched item page: main text, title and date by trafilatura.

    The page's title and date win; the feed's are the fallback. The URL is the
    page's final URL (after redirects).

    Raises:
        NotHtmlError: the answer is not an HTML page.
        InputError: no main text, undecodable bytes.
    """
    from communique.ingest.formats import read_html

    if not _is_html(page):
        raise NotHtmlError(f"not an HTML page ({page.media_type or 'no Content-Type'})", source=page.url,
                           kind="not_html")
    meta = {"feed": feed_url, "guid": entry.guid}
    if entry.url and entry.url != page.url:
        meta["link"] = entry.url
    return read_html(_decode(page), source=page.url, url=page.url, date=entry.published, title=entry.title,
                     meta=meta)


def _is_html(page: Fetched) -> bool:
    if page.media_type:
        return page.media_type in HTML_TYPES
    start = page.content[:512].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _decode(page: Fetched) -> str:
    from communique.ingest.decode import decode, sniff_encoding, strip_bom

    data, bom = strip_bom(page.content)
    encoding = bom or page.charset or sniff_encoding(data[:65536], page.url, complete=len(data) <= 65536)
    try:
        return decode(data, encoding, page.url)[0]
    except LookupError:  # an unknown charset name in the header
        return decode(data, sniff_encoding(data[:65536], page.url, complete=len(data) <= 65536), page.url)[0]
