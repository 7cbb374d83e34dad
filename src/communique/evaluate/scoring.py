"""Scoring system records against gold articles: the report and per-article entry points."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from communique.evaluate.actors import score_persons, score_quotes, score_sectors, score_states
from communique.evaluate.events import score_events
from communique.evaluate.gold import GoldArticle
from communique.evaluate.notes import Notes
from communique.evaluate.report import Accuracies, ArticleScore, Counts, Problem, Report
from communique.evaluate.text import NameIndex
from communique.records import ArticleResult

# --------------------------------------------------------------------------- scoring


def score(golds: Iterable[GoldArticle], systems: Iterable[ArticleResult] | Mapping[str, ArticleResult],
          *, failed: Mapping[str, str] | None = None, gold_file: str | None = None) -> Report:
    """Score system records against gold records, as FORMAT.md says.

    Args:
        golds: the gold articles.
        systems: the system's records, matched to gold by ``id``; a gold
            article without one is scored against an empty record.
        failed: article id -> reason, for articles the pipeline failed on.
        gold_file: where the gold came from (shown in the report).
    Returns:
        The ``Report``: totals, accuracies, per-type and per-article scores.
    """
    by_id = dict(systems) if isinstance(systems, Mapping) else {s.id: s for s in systems}
    failed = dict(failed or {})
    articles = []
    for gold in golds:
        system = by_id.get(gold.id) or ArticleResult(id=gold.id, coder_version="none")
        article = score_article(gold, system)
        if gold.id in failed:
            article = article.model_copy(update={"failed": failed[gold.id]})
        articles.append(article)
    return _aggregate(articles, failed=failed, gold_file=gold_file)


def _aggregate(articles: list[ArticleScore], *, failed: dict[str, str], gold_file: str | None) -> Report:
    """Sum article scores into a report."""
    totals = {part: Counts() for part in ("persons", "states", "quotes", "events")}
    scored = {part: 0 for part in totals}
    accuracies = Accuracies()
    by_type: dict[str, Counts] = {}
    for article in articles:
        for part in totals:
            counts = getattr(article, part)
            if counts is not None:
                totals[part] += counts
                scored[part] += 1
        accuracies += article.accuracies
        for type_, counts in article.by_type.items():
            by_type[type_] = by_type.get(type_, Counts()) + counts
    return Report(gold_file=gold_file, articles=len(articles), failed=failed, scored=scored, accuracies=accuracies,
                  by_type=dict(sorted(by_type.items())), per_article=articles, **totals)


def score_article(gold: GoldArticle, system: ArticleResult) -> ArticleScore:
    """Score one system record against its gold article."""
    problems: list[Problem] = []
    note = Notes(gold, problems)
    accuracies = Accuracies()
    persons = states = quotes = None
    index = NameIndex(gold.actors)
    if gold.has_actor_gold:
        persons, person_pairs, acc = score_persons(gold, system, note)
        accuracies += acc
        accuracies += score_sectors(gold, system, person_pairs, note)
        states = score_states(gold, system, note)
        quotes, acc = score_quotes(gold, system, index, note)
        accuracies += acc
    events, by_type, acc = score_events(gold, system, note)
    accuracies += acc
    return ArticleScore(id=gold.id, persons=persons, states=states, quotes=quotes, events=events,
                        accuracies=accuracies, by_type=by_type, problems=problems)
