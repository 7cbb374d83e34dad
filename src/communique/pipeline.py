"""The unit of work: ``process_article(article) -> ArticleResult``.

Batching and parallelism wrap this function; they never change it. The CLI,
the store's ingest, the REST API and the Spark job all call it.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

import communique.nlp as nlp_mod
from communique.errors import UnsupportedLanguageError
from communique.extract.actors import find_actors
from communique.extract.events import find_events
from communique.extract.quotes import find_quotes
from communique.records import Article, ArticleResult
from communique.version import CODER_VERSION

__all__ = ["CODER_VERSION", "StageTimes", "process_article", "process_many"]


@dataclass
class StageTimes:
    """Seconds spent per stage, summed over a batch (for benchmarks)."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    articles: int = 0

    def add(self, stage: str, started: float) -> float:
        """Add the time since ``started`` to ``stage``; return now."""
        now = time.perf_counter()
        self.seconds[stage] += now - started
        return now


def process_article(article: Article, *, nlp: Language | None = None, doc: Doc | None = None) -> ArticleResult:
    """Run every stage on one article and return its record.

    Raises ``UnsupportedLanguageError`` for an article known not to be English.

    >>> process_article(Article(id="a1", text="Japan and Australia agreed..."))  # doctest: +SKIP
    ArticleResult(id='a1', actors=[...], quotes=[...], events=[...])
    """
    _check_language(article)
    if doc is None:
        doc = nlp_mod.parse(article.text, nlp=nlp)
    return _run_stages(article, doc)


def process_many(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    batch_size: int = 32,
    timer: StageTimes | None = None,
) -> Iterator[tuple[Article, ArticleResult | Exception]]:
    """Process articles in batches; yield each with its result or its error.

    One failing article never stops the batch: its exception is yielded in
    place of the result. With ``timer``, time per stage is summed into it
    (``parse`` includes reading the input).
    """
    rejected: list[tuple[Article, ArticleResult | Exception]] = []
    english = ((a.text, a) for a in _yield_checked(articles, rejected))
    started = time.perf_counter()
    for doc, article in nlp_mod.parse_many(english, nlp=nlp, batch_size=batch_size):
        if timer is not None:
            started = timer.add("parse", started)
        while rejected:
            yield rejected.pop(0)
        try:
            yield article, _run_stages(article, doc, timer)
        except Exception as exc:  # error boundary: the article's exception is yielded in place of its result
            yield article, exc
        started = time.perf_counter()
    while rejected:
        yield rejected.pop(0)


def _yield_checked(
    articles: Iterable[Article], rejected: list[tuple[Article, ArticleResult | Exception]]
) -> Iterator[Article]:
    for article in articles:
        try:
            _check_language(article)
        except UnsupportedLanguageError as exc:
            rejected.append((article, exc))
            continue
        yield article


def _check_language(article: Article) -> None:
    if article.language not in (None, "en"):
        raise UnsupportedLanguageError(
            f"article is in language {article.language!r}, not English; skipped",
            source=article.source or article.id,
        )


def _run_stages(article: Article, doc: Doc, timer: StageTimes | None = None) -> ArticleResult:
    started = time.perf_counter()
    actors = find_actors(doc, article=article)
    if timer is not None:
        started = timer.add("actors", started)
    quotes = find_quotes(doc, actors)
    if timer is not None:
        started = timer.add("quotes", started)
    events = find_events(doc, article=article, actors=actors, quotes=quotes)
    if timer is not None:
        timer.add("events", started)
        timer.articles += 1
    return ArticleResult(
        id=article.id,
        title=article.title,
        date=article.date,
        source=article.source,
        url=article.url,
        language=article.language,
        coder_version=CODER_VERSION,
        actors=actors.actors,
        quotes=quotes,
        events=events,
        repairs=article.repairs,
    )
