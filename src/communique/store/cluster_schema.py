"""The cluster tables of the store (``clusters``, ``event_clusters``, ``cluster_keys``), their typed records and report columns."""

from __future__ import annotations

import functools
import re
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from pydantic import Field
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    cast,
)

from communique.records import Evidence, Record
from communique.store.models import ArticleRow, EventLinkRow, EventRow, table_of

metadata = MetaData()

clusters = Table(
    "clusters",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("component", String(64), nullable=False, index=True),
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("participants", JSON, nullable=False),
    Column("date", String(10)),
    Column("day", String(10), index=True),  # first day of ``date``, for ordering and filters
    Column("status", String(16), nullable=False),
    Column("contested", Boolean, nullable=False),
    Column("disagreements", JSON, nullable=False),
    Column("events", JSON, nullable=False),
    Column("links", JSON),  # [{a, b, reason}]: why the reports are one happening (migration 0006)
    Column("articles", JSON, nullable=False),
    Column("sources", JSON, nullable=False),
    Column("n_events", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("first_reported", String(10)),
    Column("last_reported", String(10)),
    Index("ix_clusters_type_day", "type", "day"),
)

event_clusters = Table(
    "event_clusters",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("article_id", String(40), nullable=False, index=True),
    Column("url", Text, index=True),  # the article's URL: a new text at that URL replaces its events
    Column("cluster_id", String(64), nullable=False, index=True),
    Column("component", String(64), nullable=False, index=True),
)

cluster_keys = Table(
    "cluster_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), nullable=False, index=True),
    Column("code", String(16), nullable=False),
    Column("type", String(16), nullable=False),
    Column("wide", Boolean, nullable=False),  # coarse, unknown or unparsable date: found by range
    Column("lo", String(10), nullable=False),  # first day the date covers; "" when unknown
    Column("hi", String(10), nullable=False),  # last day
    Index("ix_cluster_keys_lookup", "code", "type", "wide", "lo"),
)

EVENT_TABLE = table_of(EventRow)
ARTICLE_TABLE = table_of(ArticleRow)
LINK_TABLE = table_of(EventLinkRow)
#: Rows read or written per statement.
FETCH_ROWS = 500
_TRAILING_NUMBER = re.compile(r"[-_ ]*\d+$")


# -- typed records ---------------------------------------------------------------------------------


class ClusterReport(Record):
    """One member event of a cluster, as one article reports it."""

    event_id: str
    article_id: str
    article_title: str | None = None
    article_date: str | None = None
    url: str | None = None
    source: str | None = None
    type: str
    mode: str | None = None
    status: str
    date: str | None = None
    actors: list[str] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    disagrees: bool = False


class ClusterLink(Record):
    """Two member reports (event ids) of a cluster and why they are one happening."""

    a: str
    b: str
    reason: str


class ClusterRecord(Record):
    """A happening and every report of it (``clusters --format jsonl``, ``/api/clusters``)."""

    id: str
    type: str
    mode: str | None = None
    participants: list[str]
    date: str | None = None
    status: str
    contested: bool
    disagreements: list[str] = Field(default_factory=list)
    events: list[str]
    links: list[ClusterLink] = Field(default_factory=list)
    articles: list[str]
    sources: list[str]
    counts: dict[str, int]
    first_reported: str | None = None
    last_reported: str | None = None
    reports: list[ClusterReport] = Field(default_factory=list)

    def to_json(self, *, reports: bool = False) -> dict[str, Any]:
        """The JSON line of ``clusters --format jsonl`` (member reports only when asked)."""
        return self.model_dump(mode="json", exclude=None if reports else {"reports"})


class ClusterPeriod(Record):
    """Clusters (or reports) between two actors in one period, with their summed PLOVER score."""

    period: str | None
    clusters: int
    reports: int
    score: float


# -- reports from the store ------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def report_source(url: str | None, source: str | None) -> str | None:
    """The outlet of a report: the URL's host (without ``www.``), else the article's ``source``.

    A ``source`` that is itself a URL gives its host; a file path gives its
    file name without extension and trailing number (``harbour-post-2.txt`` ->
    ``harbour-post``), so that files of one outlet count as one source.
    (Cached: the reports of one article ask alike.)
    """
    for candidate in (url, source):
        if candidate and candidate.lower().startswith(("http://", "https://")):
            host = (urlsplit(candidate).hostname or "").lower()
            if host:
                return host[4:] if host.startswith("www.") else host
    if not source:
        return None
    source = re.sub(r":line \d+$", "", source)
    if "/" in source or "\\" in source or re.search(r"\.\w{1,5}$", source):
        stem = PurePath(source.replace("\\", "/")).stem
        return _TRAILING_NUMBER.sub("", stem) or stem
    return source


def report_columns() -> list[Any]:
    return [EVENT_TABLE.c.id, EVENT_TABLE.c.article_id, EVENT_TABLE.c.type, EVENT_TABLE.c.mode, EVENT_TABLE.c.actors, EVENT_TABLE.c.recipients, EVENT_TABLE.c.date,
            EVENT_TABLE.c.status, EVENT_TABLE.c.evidence, ARTICLE_TABLE.c.url, ARTICLE_TABLE.c.source, ARTICLE_TABLE.c.date.label("published")]


def raw_report_columns() -> list[Any]:
    """``report_columns`` with the JSON columns as their stored text (decoded only on a memo miss)."""
    return [EVENT_TABLE.c.id, EVENT_TABLE.c.article_id, EVENT_TABLE.c.type, EVENT_TABLE.c.mode, cast(EVENT_TABLE.c.actors, Text), cast(EVENT_TABLE.c.recipients, Text),
            EVENT_TABLE.c.date, EVENT_TABLE.c.status, cast(EVENT_TABLE.c.evidence, Text), ARTICLE_TABLE.c.url, ARTICLE_TABLE.c.source, ARTICLE_TABLE.c.date.label("published")]


REPORT_WIDTH = 12  # the columns of ``raw_report_columns``
