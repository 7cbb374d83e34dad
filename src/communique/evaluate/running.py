"""Running ``communique eval``: pipeline over a gold file, splits, id lists and JSON output."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from communique.errors import GoldFormatError
from communique.evaluate.gold import GoldArticle, load_gold
from communique.evaluate.report import Report
from communique.evaluate.scoring import score
from communique.records import Actor, ArticleResult, Event, Location, Quote

log = logging.getLogger("communique.evaluate")


# --------------------------------------------------------------------------- running


def gold_to_result(gold: GoldArticle) -> ArticleResult:
    """The gold article as a system record (scores 100 % against itself; for tests and baselines)."""
    actors = [
        Actor(id=f"g{i}", name=a.name, kind=a.kind, code=a.code, country=a.country, org=a.org, roles=a.roles,
              aliases=a.aliases, sector=a.sector or next(iter(a.sectors), None), sectors=a.sectors)
        for i, a in enumerate(gold.actors)
    ]
    quotes = [Quote(id=f"q{i}", speaker=q.speaker, text=q.text, start=0, end=0, kind="direct")
              for i, q in enumerate(gold.quotes)]
    events = [
        Event(id=f"e{i}", type=e.type, mode=e.mode, actors=e.actors, recipients=e.recipients, date=e.date,
              status=e.status or "occurred",
              location=None if e.location is None else Location(text=e.location.name or "", name=e.location.name,
                                                                state=e.location.state, lat=e.location.lat,
                                                                lon=e.location.lon, precision=e.location.precision))
        for i, e in enumerate(gold.events)
    ]
    return ArticleResult(id=gold.id, title=gold.title, date=gold.date, coder_version="gold", actors=actors,
                         quotes=quotes, events=events)



def evaluate_file(path: str | Path, *, details: bool = False, nlp: Any = None,
                  progress: Callable[[int, int], None] | None = None,
                  ids: frozenset[str] | None = None) -> Report:
    """Run the pipeline on every article of a gold file and score it.

    Args:
        path: a gold JSON Lines file (FORMAT.md).
        details: keep every problem in the report (``Problem`` records).
        nlp: a spaCy pipeline (default: ``communique.nlp.load()``).
        progress: called with (done, total) after each article.
        ids: score only the gold articles with these ids (a tune or held-out split).
    Returns:
        The ``Report``.
    Raises:
        GoldFormatError: the file is missing or does not follow FORMAT.md, or
            ``ids`` selects none of its articles.
    """
    golds = load_gold(path)  # before importing the pipeline: a bad gold file fails fast
    if ids is not None:
        golds = [g for g in golds if g.id in ids]
        if not golds:
            raise GoldFormatError("no gold article has one of the selected ids", source=str(path))
    from communique.ingest import article_from_text
    from communique.pipeline import process_many

    articles = [
        article_from_text(g.text, date=g.date, title=g.title, source=f"{path}").model_copy(update={"id": g.id})
        for g in golds
    ]
    systems: dict[str, ArticleResult] = {}
    failed: dict[str, str] = {}
    for done, (article, result) in enumerate(process_many(articles, nlp=nlp), 1):
        if isinstance(result, Exception):
            log.warning("%s: pipeline failed: %s", article.id, result)
            failed[article.id] = f"{type(result).__name__}: {result}"
        else:
            systems[article.id] = result
        if progress is not None:
            progress(done, len(golds))
    report = score(golds, systems, failed=failed, gold_file=str(path))
    return report if details else _without_problems(report)


SPLITS_FILE = "splits.yaml"
SPLIT_NAMES = ("tune", "held-out")


def split_ids(split: str) -> frozenset[str]:
    """The ids of one half (``tune`` or ``held-out``) of every development set in ``examples/splits.yaml``.

    Raises:
        GoldFormatError: the split name is unknown.
    """
    if split not in SPLIT_NAMES:
        raise GoldFormatError(f"unknown split {split!r} (use {' or '.join(SPLIT_NAMES)})", source=SPLITS_FILE)
    import yaml

    path = Path(__file__).parent.parent / "examples" / SPLITS_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return frozenset(str(i) for halves in data["sets"].values() for i in halves.get(split) or [])


def read_ids(path: str | Path) -> frozenset[str]:
    """Article ids from a text file, one a line (blank lines and ``#`` comments skipped).

    Raises:
        GoldFormatError: the file cannot be read or lists no id.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldFormatError(f"cannot read id list ({exc})", source=str(path)) from None
    ids = frozenset(s for line in lines if (s := line.split("#", 1)[0].strip()))
    if not ids:
        raise GoldFormatError("id list names no article", source=str(path))
    return ids


def _without_problems(report: Report) -> Report:
    articles = [a.model_copy(update={"problems": []}) for a in report.per_article]
    return report.model_copy(update={"per_article": articles})


def report_json(report: Report, *, details: bool = False) -> dict[str, Any]:
    """The report as JSON-ready data; problems only with ``details``."""
    data = report.model_dump(mode="json")
    if not details:
        for article in data["per_article"]:
            article.pop("problems", None)
    return data
