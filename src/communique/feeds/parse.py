"""Feeds and feed lists: RSS/Atom documents (feedparser) and OPML files.

``parse_feed`` turns a fetched document into ``ParsedFeed`` (title, entries
with GUID, absolute link, title and date). A document feedparser cannot read
at all, or that yields no entry with a link while reporting an error, is a
``MalformedFeedError``; one read leniently (feedparser's "bozo" flag, but
usable entries) is kept, marked ``lenient``.
"""

from __future__ import annotations

import hashlib
import logging
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser
from feedparser.exceptions import ThingsNobodyCaresAboutButMe

from communique.errors import ConfigError
from communique.feeds.errors import MalformedFeedError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed.

    Attributes:
        guid: the item's GUID (RSS ``guid``, Atom ``id``; else its link; else a hash of its title).
        url: the absolute link to the item's page (None if the item has none).
        title: the item's title as the feed gives it.
        published: publication (or update) date, ISO ``YYYY-MM-DD``.
    """

    guid: str
    url: str | None
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """A feed document: its title, entries in document order, and whether it was read leniently."""

    title: str | None
    entries: list[FeedEntry] = field(default_factory=list)
    lenient: bool = False


def parse_feed(content: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse an RSS or Atom document fetched from ``url``.

    Raises:
        MalformedFeedError: neither RSS nor Atom, or broken with no usable entry.
    """
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(content, response_headers=headers, sanitize_html=False)
    entries = [entry for raw in parsed.entries if (entry := _entry(raw, url)) is not None]
    problem = _problem(parsed)
    if not parsed.get("version") and not entries:
        reason = f" ({_describe(problem)})" if problem else ""
        raise MalformedFeedError(f"not an RSS or Atom feed{reason}", source=url, kind="malformed_feed")
    if problem is not None and not any(e.url for e in entries):
        raise MalformedFeedError(f"malformed feed: {_describe(problem)}", source=url, kind="malformed_feed")
    if problem is not None:
        log.warning("%s: feed read leniently (%s)", url, _describe(problem))
    title = parsed.feed.get("title") or None
    return ParsedFeed(title=title, entries=entries, lenient=problem is not None)


def _problem(parsed: Any) -> Exception | None:
    """Return feedparser's parse error, ignoring its notices (encoding overridden, non-XML Content-Type)."""
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, ThingsNobodyCaresAboutButMe):
        return None
    return problem


def _describe(problem: Any) -> str:
    return f"{type(problem).__name__}: {problem}"


def _entry(raw: Any, base: str) -> FeedEntry | None:
    link = raw.get("link") or None
    url = urljoin(base, link) if link else None
    title = " ".join(str(raw.get("title") or "").split()) or None
    guid = raw.get("id") or url or (_title_guid(title) if title else None)
    if guid is None:
        return None
    return FeedEntry(guid=str(guid), url=url, title=title, published=_date(raw))


def _title_guid(title: str) -> str:
    return "title:" + hashlib.sha256(title.encode("utf-8")).hexdigest()[:32]


def _date(raw: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = raw.get(key)
        if isinstance(value, time.struct_time):
            return time.strftime("%Y-%m-%d", value)
    return None


def read_opml(path: str | Path) -> list[str]:
    """Return the feed URLs (``xmlUrl`` of every ``outline``) of an OPML file, in order, without repeats.

    Raises:
        ConfigError: the file cannot be read or is not OPML.
    """
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise ConfigError(f"cannot read the OPML file: {exc}", source=str(path)) from exc
    if root.tag.lower() != "opml":
        raise ConfigError(f"not an OPML file (root element <{root.tag}>)", source=str(path))
    urls = [node.get("xmlUrl") or node.get("xmlurl") or "" for node in root.iter("outline")]
    return list(dict.fromkeys(u.strip() for u in urls if u.strip()))
