"""The unit of work: ``process_article(article) -> ArticleResult``.

Batching and parallelism wrap this function; they never change it. The CLI,
the store's ingest, the REST API and the Spark job all call it.
"""

from __future__ import annotations

import functools
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

import communique.nlp as nlp_mod
from communique.budget import Budget, Clock
from communique.config import MAX_SYMBOL_RUN
from communique.errors import BudgetError, UnsupportedLanguageError
from communique.extract.actors import find_actors
from communique.extract.event_confidence import ConfidenceEvidence
from communique.extract.events import find_events
from communique.extract.quotes import find_quotes
from communique.records import Article, ArticleResult, Event
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


def process_article(
    article: Article, *, nlp: Language | None = None, doc: Doc | None = None, budget: Budget | None = None,
    evidence: list[tuple[Event, ConfidenceEvidence]] | None = None,
) -> ArticleResult:
    """Run every stage on one article and return its record.

    Raises ``UnsupportedLanguageError`` for an article known not to be English,
    and a ``BudgetError`` for one over its budget (``budget``, default
    ``Budget.from_env()``): too long, or over its time or memory while coded. ``evidence``, if
    given, receives every event the event stage scored, with its evidence (``find_events``).

    >>> process_article(Article(id="a1", text="Japan and Australia agreed..."))  # doctest: +SKIP
    ArticleResult(id='a1', actors=[...], quotes=[...], events=[...])
    """
    _check_language(article)
    budget = budget or Budget.from_env()
    job = _Job(article)
    if doc is None:
        budget.check_size(article.text, _source(article))
        text, job.runs = nlp_mod.guard_runs(article.text)
        doc = nlp_mod.parse(text, nlp=nlp, guard=lambda: job.section(budget))
    with job.interrupting(budget, "in the stages"):
        return _run_stages(job, doc, budget, evidence=evidence)


def process_many(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    batch_size: int = 32,
    timer: StageTimes | None = None,
    budget: Budget | None = None,
) -> Iterator[tuple[Article, ArticleResult | Exception]]:
    """Process articles in batches; yield each with its result or its error.

    One failing article never stops the batch: its exception is yielded in
    place of the result; an article over its ``budget`` (default
    ``Budget.from_env()``) yields a ``BudgetError``. With ``timer``, time per
    stage is summed into it (``parse`` includes reading the input).
    """
    budget = budget or Budget.from_env()
    rejected: list[tuple[Article, ArticleResult | Exception]] = []
    jobs = (_Job(a) for a in _yield_checked(articles, rejected, budget))
    texts = ((job.guarded_text(), job) for job in jobs)
    started = time.perf_counter()
    guard = functools.partial(_Job.section, budget=budget)
    for doc, job in nlp_mod.parse_many(texts, nlp=nlp, batch_size=batch_size, guard=guard):
        if timer is not None:
            started = timer.add("parse", started)
        while rejected:
            yield rejected.pop(0)
        try:
            if isinstance(doc, Exception):
                raise doc
            with job.interrupting(budget, "in the stages"):
                result: ArticleResult | Exception = _run_stages(job, doc, budget, timer)
        except Exception as exc:  # error boundary: the article's exception is yielded in place of its result
            result = exc
        yield job.article, result  # outside the try: the timer is off while the consumer runs
        started = time.perf_counter()
    while rejected:
        yield rejected.pop(0)


class _Job:
    """One article on its way through the pipeline: the runs cut for the parser, and its clock once started."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.runs: list[tuple[int, int]] = []
        self.clock: Clock | None = None

    def guarded_text(self) -> str:
        """The text for the parser (see ``nlp.guard_runs``), noting the runs cut."""
        text, self.runs = nlp_mod.guard_runs(self.article.text)
        return text

    def started(self, budget: Budget) -> Clock:
        """The article's clock, started now if not yet."""
        if self.clock is None:
            self.clock = budget.clock(_source(self.article))
        return self.clock

    def check(self, budget: Budget, stage: str) -> None:
        """Raise a ``BudgetError`` when the article is over its time or memory budget."""
        self.started(budget).check(stage)

    def interrupting(self, budget: Budget, stage: str) -> AbstractContextManager[None]:
        """A context in which running out of time raises ``ArticleTimeoutError`` (see ``Clock.interrupting``)."""
        return self.started(budget).interrupting(stage)

    def section(self, budget: Budget) -> AbstractContextManager[None]:
        """Check the budget before a section of a long article; return the context to parse it in."""
        self.check(budget, "parsing a section")
        return self.interrupting(budget, "parsing a section")

    def repairs(self) -> list[str]:
        """The article's repairs, and the runs cut for the parser."""
        if not self.runs:
            return self.article.repairs
        first = self.runs[0][0]
        note = (f"{len(self.runs)} run(s) of punctuation or symbols longer than {MAX_SYMBOL_RUN} characters "
                f"parsed as their first {MAX_SYMBOL_RUN} (the rest as spaces); the first at offset {first}")
        return [*self.article.repairs, note]


def _source(article: Article) -> str:
    return article.source or article.id


def _yield_checked(
    articles: Iterable[Article], rejected: list[tuple[Article, ArticleResult | Exception]], budget: Budget,
) -> Iterator[Article]:
    for article in articles:
        try:
            _check_language(article)
            budget.check_size(article.text, _source(article))
        except (UnsupportedLanguageError, BudgetError) as exc:
            rejected.append((article, exc))
            continue
        yield article


def _check_language(article: Article) -> None:
    if article.language not in (None, "en"):
        raise UnsupportedLanguageError(
            f"article is in language {article.language!r}, not English; skipped",
            source=article.source or article.id,
        )


def _run_stages(job: _Job, doc: Doc, budget: Budget, timer: StageTimes | None = None, *,
                evidence: list[tuple[Event, ConfidenceEvidence]] | None = None) -> ArticleResult:
    article = job.article
    job.check(budget, "the actor stage")
    started = time.perf_counter()
    actors = find_actors(doc, article=article)
    if timer is not None:
        started = timer.add("actors", started)
    job.check(budget, "the quote stage")
    quotes = find_quotes(doc, actors)
    if timer is not None:
        started = timer.add("quotes", started)
    job.check(budget, "the event stage")
    events = find_events(doc, article=article, actors=actors, quotes=quotes, evidence=evidence)
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
        repairs=job.repairs(),
    )
