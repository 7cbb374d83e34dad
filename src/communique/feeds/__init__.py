"""Live news feeds: poll RSS/Atom, fetch new items' pages, code and store them.

    from communique.store import open_store
    from communique.feeds import Watcher, WatchSettings

    with open_store("sqlite:///news.db") as store:
        watcher = Watcher(store, ["https://example.org/world.rss"])
        report = watcher.poll()        # one poll; report.failed, report.items
        watcher.close()

Modules: ``http`` (polite client: User-Agent, timeouts, retries, robots.txt),
``hosts`` (which item links may be fetched), ``parse`` (feeds, OPML), ``ledger`` and ``tables`` (what was seen, in the
store), ``watcher`` (one poll), ``schedule`` (intervals, backoff),
``status`` (``feed_status(engine)`` for ``communique status``).
"""

from __future__ import annotations

from communique.feeds.errors import DisallowedError, FeedError, FetchError, MalformedFeedError, NotHtmlError
from communique.feeds.hosts import HostPolicy
from communique.feeds.http import USER_AGENT, Fetcher, HttpSettings
from communique.feeds.parse import FeedEntry, ParsedFeed, parse_feed, read_opml
from communique.feeds.schedule import parse_interval
from communique.feeds.status import FeedInfo, FeedStatus, ItemProblem, feed_status
from communique.feeds.watcher import FeedOutcome, ItemOutcome, PollReport, Watcher, WatchSettings

__all__ = [
    "USER_AGENT",
    "DisallowedError",
    "FeedEntry",
    "FeedError",
    "FeedInfo",
    "FeedOutcome",
    "FeedStatus",
    "FetchError",
    "HostPolicy",
    "Fetcher",
    "HttpSettings",
    "ItemOutcome",
    "ItemProblem",
    "MalformedFeedError",
    "NotHtmlError",
    "ParsedFeed",
    "PollReport",
    "WatchSettings",
    "Watcher",
    "feed_status",
    "parse_feed",
    "parse_interval",
    "read_opml",
]
