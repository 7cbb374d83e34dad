"""The budget of one article: most characters coded, seconds and memory per article (issue 21).

An article over a limit becomes that article's recorded error (a
:class:`~communique.errors.BudgetError`), never a stalled batch:

- ``max_chars``: longer articles are refused before parsing (their cost, time
  and memory, grows with their length: this bounds both);
- ``seconds``: checked before each parsed section of a long article and
  between the stages; in the main thread of a process (``extract``, ingest
  workers) a timer also interrupts a section's parsing or the stages when
  the time runs out (``Clock.interrupting``), so no single step can stall;
- ``memory_mb``: how much the process's resident memory may grow while it
  codes the article (growth, not the total: a long-running process whose
  memory is high for other reasons still codes), checked at the same points.

Defaults come from the environment (``COMMUNIQUE_MAX_CHARS``,
``COMMUNIQUE_ARTICLE_TIMEOUT``, ``COMMUNIQUE_ARTICLE_MEMORY_MB``; ``0`` turns a
limit off), else from ``communique.config``; ``extract`` and ``ingest`` take
``--max-chars`` and ``--article-timeout``.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from types import FrameType

from communique.config import DEFAULT_ARTICLE_SECONDS, DEFAULT_MAX_CHARS, DEFAULT_MEMORY_MB
from communique.errors import ArticleMemoryError, ArticleTimeoutError, ArticleTooLargeError, ConfigError

__all__ = ["Budget", "Clock", "DEFAULT_ARTICLE_SECONDS", "DEFAULT_MAX_CHARS", "DEFAULT_MEMORY_MB", "rss_mb"]

_now = time.monotonic  # the clock (one name to replace in tests)
_PAGE_MB = os.sysconf("SC_PAGE_SIZE") / (1 << 20) if hasattr(os, "sysconf") else 0.0


@dataclass(frozen=True)
class Budget:
    """The limits for one article; ``None`` means no limit."""

    max_chars: int | None = DEFAULT_MAX_CHARS
    seconds: float | None = DEFAULT_ARTICLE_SECONDS
    memory_mb: int | None = DEFAULT_MEMORY_MB

    @classmethod
    def from_env(cls, *, max_chars: int | None = None, seconds: float | None = None) -> Budget:
        """The budget from the environment, with ``max_chars`` and ``seconds`` (CLI options) taking precedence.

        Raises ``ConfigError`` for a value that is not a non-negative number.
        """
        budget = cls(
            max_chars=_whole(_limit("COMMUNIQUE_MAX_CHARS", DEFAULT_MAX_CHARS)),
            seconds=_limit("COMMUNIQUE_ARTICLE_TIMEOUT", DEFAULT_ARTICLE_SECONDS),
            memory_mb=_whole(_limit("COMMUNIQUE_ARTICLE_MEMORY_MB", DEFAULT_MEMORY_MB)),
        )
        if max_chars is not None:
            budget = replace(budget, max_chars=max_chars or None)
        if seconds is not None:
            budget = replace(budget, seconds=seconds or None)
        return budget

    def check_size(self, text: str, source: str | None) -> None:
        """Raise ``ArticleTooLargeError`` when ``text`` is longer than ``max_chars``."""
        if self.max_chars is not None and len(text) > self.max_chars:
            raise ArticleTooLargeError(
                f"article too long: {len(text):,} characters, over the limit of {self.max_chars:,} "
                "(--max-chars / COMMUNIQUE_MAX_CHARS)", source=source)

    def clock(self, source: str | None) -> Clock:
        """Start timing one article."""
        return Clock(self, source)


class Clock:
    """One article's time and memory so far, checked at points where the work can stop."""

    def __init__(self, budget: Budget, source: str | None) -> None:
        self.budget = budget
        self.source = source
        self.started = _now()
        self.base_mb = rss_mb() if budget.memory_mb is not None else 0.0

    def remaining(self) -> float | None:
        """Seconds left (None: no time limit)."""
        seconds = self.budget.seconds
        return None if seconds is None else seconds - (_now() - self.started)

    @contextlib.contextmanager
    def interrupting(self, stage: str) -> Iterator[None]:
        """Run the block under a timer that raises ``ArticleTimeoutError`` in it when the time runs out.

        Only in a process's main thread and when nothing else handles SIGALRM
        (elsewhere, as in a server's worker threads, the checks between steps
        are the budget). The timer is stopped when the block ends, however it ends.
        """
        left = self.remaining()
        if left is None or threading.current_thread() is not threading.main_thread() or \
                signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, None):
            yield
            return

        def expired(signum: int, frame: FrameType | None) -> None:
            raise self._timeout(stage)

        previous = signal.signal(signal.SIGALRM, expired)
        try:
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    def _timeout(self, stage: str) -> ArticleTimeoutError:
        return ArticleTimeoutError(
            f"over the time budget: {_now() - self.started:.1f} s spent, limit {self.budget.seconds:g} s "
            f"({stage}; --article-timeout / COMMUNIQUE_ARTICLE_TIMEOUT)", source=self.source)

    def check(self, stage: str) -> None:
        """Raise ``ArticleTimeoutError`` or ``ArticleMemoryError`` when the article is over its budget."""
        left = self.remaining()
        if left is not None and left < 0:
            raise self._timeout(f"before {stage}")
        limit = self.budget.memory_mb
        if limit is not None:
            grown = rss_mb() - self.base_mb
            if grown > limit:
                raise ArticleMemoryError(
                    f"over the memory budget: the process grew by {grown:.0f} MB coding it, limit {limit} MB "
                    f"(before {stage}; COMMUNIQUE_ARTICLE_MEMORY_MB)", source=self.source)


def rss_mb() -> float:
    """This process's resident memory in MB (0 where /proc is not available)."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE_MB
    except (OSError, ValueError, IndexError):
        return 0.0


def _limit(name: str, default: float) -> float | None:
    """Read a limit from ``$name`` (``0``: no limit), else ``default``."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number < float("inf"):
        raise ConfigError(f"{name} must be a non-negative number, not {value!r}")
    return number or None


def _whole(limit: float | None) -> int | None:
    """A count limit as a whole number (rounded up)."""
    return None if limit is None else math.ceil(limit)
