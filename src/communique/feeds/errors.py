"""What can go wrong while watching feeds.

    CommuniqueError
     └── FeedError              a feed or an item could not be fetched or read
          ├── FetchError            HTTP error status, timeout, network failure, bad redirect, too large
          ├── DisallowedError       robots.txt forbids the URL (not retried: a skip, not a failure)
          ├── NotHtmlError          the item's page is not HTML (PDF, image, ...)
          └── MalformedFeedError    the feed is neither well-formed RSS nor Atom

Each carries the URL (``source``) and a short ``kind`` (``timeout``,
``http_404``, ``not_html``, ...) stored beside the reason.
"""

from __future__ import annotations

from communique.errors import CommuniqueError


class FeedError(CommuniqueError):
    """A feed or an item could not be fetched or read.

    Args:
        message: the reason, for people.
        source: the URL concerned.
        kind: a short machine-readable category.
    """

    def __init__(self, message: str, *, source: str | None = None, kind: str = "feed_error") -> None:
        super().__init__(message, source=source)
        self.kind = kind


class FetchError(FeedError):
    """An HTTP error status, a timeout, a network failure, a bad redirect or an oversized body."""


class DisallowedError(FeedError):
    """robots.txt forbids fetching the URL."""


class NotHtmlError(FeedError):
    """The page is not HTML."""


class MalformedFeedError(FeedError):
    """The document is not a usable RSS or Atom feed."""
