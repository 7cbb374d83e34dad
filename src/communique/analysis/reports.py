"""Alignment reports: what ``communique align``/``blocs`` print and ``/api/align``/``/api/blocs`` answer.

Each builder takes facts (``communique.analysis.facts.load_facts``) and returns
a pydantic model, so the command line (``model_dump``) and the API
(``response_model``) share one shape. Every move comes with its evidence: the
facts behind it, each with its event and article ids.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from pydantic import BaseModel, Field

from communique.analysis import alignment as al
from communique.analysis.alignment import Fact, period_of

#: Facts listed as the evidence of one move.
EVIDENCE = 10
#: Third parties named as the drivers of one move of S.
DRIVERS = 5
#: Edges of all period graphs together on the bloc page (keeps it small with weekly periods).
MAX_GRAPH_EDGES = 40_000
#: Least edges per period graph, however many periods.
MIN_EDGES = 60
PERIOD_PATTERNS = {"day": r"^\d{4}-\d{2}-\d{2}$", "week": r"^\d{4}-W\d{2}$", "month": r"^\d{4}-\d{2}$", "quarter": r"^\d{4}Q[1-4]$", "year": r"^\d{4}$"}


class FactOut(BaseModel):
    """One happening behind a figure: a cluster of reports, or one event."""

    id: str
    date: str
    type: str
    actors: list[str]
    recipients: list[str]
    score: float
    sources: int
    events: list[str]
    articles: list[str]


class ThirdParty(BaseModel):
    """A third party and the mean score each of the two states has with it."""

    code: str
    a: float
    b: float


class AlignmentPoint(BaseModel):
    """The S-score of two states in one period, with the third parties driving it."""

    period: str
    s_score: float | None = Field(description="Signorino-Ritter S, -1 (opposite) .. 1 (alike).")
    third_parties: int
    confidence: float
    facts: int
    similar: list[ThirdParty]
    different: list[ThirdParty]


class DyadPointOut(BaseModel):
    """A dyad's figures in one period."""

    period: str
    events: int = Field(description="Happenings (clusters, or events when unclustered).")
    score_sum: float
    score_mean: float
    confidence: float
    sources: int
    by_quad: dict[str, int]
    by_type: dict[str, int]


class Driver(BaseModel):
    """A third party whose treatment by the two states changed most in a move of S."""

    code: str
    gap_before: float = Field(description="|a - b| in the period before.")
    gap_after: float


class ChangeOut(BaseModel):
    """A period in which a measure moved, with the facts behind the move."""

    measure: str
    period: str
    previous: str | None
    before: float
    after: float
    delta: float
    facts_total: int
    drivers: list[Driver] = []
    evidence: list[FactOut]


class AlignReport(BaseModel):
    """Alignment of two actors over time: S per period, their dyad, and what changed."""

    a: str
    b: str
    by: str
    facts: int
    alignment: list[AlignmentPoint]
    dyad: list[DyadPointOut]
    changes: list[ChangeOut]


class DyadReport(BaseModel):
    """The dyad series of two actors."""

    a: str
    b: str
    by: str
    series: list[DyadPointOut]
    changes: list[ChangeOut]


class BlocOut(BaseModel):
    """A bloc of one period with its stable id."""

    id: str
    members: list[str]
    joined: list[str]
    left: list[str]


class MoveOut(BaseModel):
    """A code moving from one bloc to another, with the cooperation that drew it in."""

    code: str
    period: str
    from_bloc: str = Field(alias="from")
    to_bloc: str = Field(alias="to")
    evidence: list[FactOut]

    model_config = {"populate_by_name": True}


class PeriodBlocs(BaseModel):
    """The blocs of one period and the cooperation network they come from."""

    period: str
    blocs: list[BlocOut]
    nodes: list[str]
    edges: list[tuple[str, str, float]] = Field(description="(a, b, summed score), strongest first.")


class BlocsReport(BaseModel):
    """Blocs of a period, tracked across all periods, and every move between blocs."""

    by: str
    period: str | None
    periods: list[str]
    blocs: list[BlocOut]
    moves: list[MoveOut]
    history: list[PeriodBlocs] = []


def check_period(period: str, by: str) -> None:
    """Raise ValueError unless ``period`` is a label of ``by`` (``2024Q3`` for quarter)."""
    if by not in PERIOD_PATTERNS:
        raise ValueError(f"by must be one of {', '.join(PERIOD_PATTERNS)}, not {by!r}")
    if not re.match(PERIOD_PATTERNS[by], period):
        raise ValueError(f"period {period!r} is not a {by} (e.g. {period_of('2024-07-11', by)})")


def fact_out(fact: Fact) -> FactOut:
    """The JSON form of a fact."""
    return FactOut(id=fact.id, date=fact.date, type=fact.type, actors=list(fact.actors),
                   recipients=list(fact.recipients), score=round(fact.score, 3), sources=fact.sources,
                   events=list(fact.events), articles=list(fact.articles))


def _evidence(facts: Sequence[Fact], n: int = EVIDENCE) -> list[FactOut]:
    """The strongest facts (|score| times sources), most telling first."""
    ranked = sorted(facts, key=lambda f: (-abs(f.score) * f.sources, f.date, f.id))
    return [fact_out(f) for f in ranked[:n]]


def _dyad_point(p: al.DyadPoint) -> DyadPointOut:
    return DyadPointOut(period=p.period, events=p.events, score_sum=round(p.score_sum, 3),
                        score_mean=round(p.score_mean, 3), confidence=round(p.confidence, 3), sources=p.sources,
                        by_quad=dict(p.by_quad), by_type=dict(p.by_type))


def _alignment_point(x: al.Alignment) -> AlignmentPoint:
    def rows(items: tuple[tuple[str, float, float], ...]) -> list[ThirdParty]:
        return [ThirdParty(code=c, a=round(u, 3), b=round(v, 3)) for c, u, v in items]

    return AlignmentPoint(period=x.period, s_score=None if x.s_score is None else round(x.s_score, 4),
                          third_parties=x.third_parties, confidence=round(al.confidence(x.sources), 3),
                          facts=len(x.facts), similar=rows(x.similar), different=rows(x.different))


def portfolios(facts: Sequence[Fact], a: str, b: str, *, by: str) -> dict[str, tuple[dict[str, float], dict[str, float]]]:
    """Per period, the mean score of ``a`` and of ``b`` with every third party."""
    sums: dict[str, dict[str, dict[str, list[float]]]] = defaultdict(lambda: {a: defaultdict(list), b: defaultdict(list)})
    for fact in facts:
        for x, y in fact.pairs():
            for me, other in ((x, y), (y, x)):
                if me in (a, b) and other not in (a, b):
                    sums[period_of(fact.date, by)][me][other].append(fact.score)
    return {p: tuple({k: sum(v) / len(v) for k, v in s[who].items()} for who in (a, b))  # type: ignore[misc]
            for p, s in sums.items()}


def _drivers(before: tuple[dict[str, float], dict[str, float]] | None,
             after: tuple[dict[str, float], dict[str, float]]) -> list[Driver]:
    """The third parties whose gap between the two states moved most."""
    before = before or ({}, {})
    keys = set(before[0]) | set(before[1]) | set(after[0]) | set(after[1])

    def gap(side: tuple[dict[str, float], dict[str, float]], k: str) -> float:
        return abs(side[0].get(k, 0.0) - side[1].get(k, 0.0))

    rows = sorted(((k, gap(before, k), gap(after, k)) for k in keys), key=lambda r: (-abs(r[2] - r[1]), r[0]))
    return [Driver(code=k, gap_before=round(g0, 3), gap_after=round(g1, 3)) for k, g0, g1 in rows[:DRIVERS]]


def align_report(facts: Sequence[Fact], a: str, b: str, *, by: str = "quarter", top: int = 5) -> AlignReport:
    """Alignment of ``a`` and ``b`` per period, their dyad, and the largest moves of both with evidence.

    Args:
        facts: the facts (``load_facts``).
        a: first code.
        b: second code.
        by: week, month, quarter or year.
        top: moves listed per measure.

    Returns:
        The report.
    """
    series = al.alignment(facts, a, b, by=by)
    dyad = al.dyad_series(facts, a, b, by=by)
    by_id = {f.id: f for f in facts}
    vectors = portfolios(facts, a, b, by=by)
    changes = []
    for change in al.alignment_changes(series, top=top):
        before, after = vectors.get(change.previous or "", ({}, {})), vectors[change.period]
        drivers = _drivers(before, after)
        behind = [by_id[i] for i in change.facts if i in by_id]
        changes.append(_change_out("alignment", change, _moved_facts(behind, (a, b), before, after), drivers,
                                   ranked=True))
    for change in al.dyad_changes(facts, a, b, by=by, top=top):
        changes.append(_change_out("dyad", change, [by_id[i] for i in change.facts if i in by_id], []))
    return AlignReport(a=a, b=b, by=by, facts=len(facts), alignment=[_alignment_point(x) for x in series],
                       dyad=[_dyad_point(p) for p in dyad], changes=changes)


def _moved_facts(facts: Sequence[Fact], pair: tuple[str, str], before: tuple[dict[str, float], dict[str, float]],
                 after: tuple[dict[str, float], dict[str, float]]) -> list[Fact]:
    """The facts behind a move of S, those of the relations that moved most first.

    A fact between one of the pair and a third party k weighs by how far that
    state's mean score with k moved between the two periods, times its own
    strength; the strongest ``EVIDENCE`` come first.
    """
    def weight(fact: Fact) -> float:
        best = 0.0
        for x, y in fact.pairs():
            for me, k in ((x, y), (y, x)):
                if me in pair and k not in pair:
                    side = pair.index(me)
                    best = max(best, abs(after[side].get(k, 0.0) - before[side].get(k, 0.0)))
        return best * abs(fact.score) * fact.sources

    ranked = sorted(facts, key=lambda f: (-weight(f), f.date, f.id))
    return ranked[:EVIDENCE]


def _change_out(measure: str, change: al.Change, behind: list[Fact], drivers: list[Driver],
                ranked: bool = False) -> ChangeOut:
    evidence = [fact_out(f) for f in behind[:EVIDENCE]] if ranked else _evidence(behind)
    return ChangeOut(measure=measure, period=change.period, previous=change.previous, before=round(change.before, 4),
                     after=round(change.after, 4), delta=round(change.delta, 4), facts_total=len(change.facts),
                     drivers=drivers, evidence=evidence)


def dyad_report(facts: Sequence[Fact], a: str, b: str, *, by: str = "month", top: int = 5) -> DyadReport:
    """The dyad series of ``a`` and ``b`` and its largest moves with evidence."""
    by_id = {f.id: f for f in facts}
    changes = [_change_out("dyad", c, [by_id[i] for i in c.facts if i in by_id], [])
               for c in al.dyad_changes(facts, a, b, by=by, top=top)]
    return DyadReport(a=a, b=b, by=by, series=[_dyad_point(p) for p in al.dyad_series(facts, a, b, by=by)],
                      changes=changes)


def blocs_report(facts: Sequence[Fact], *, by: str = "quarter", period: str | None = None,
                 graphs: bool = False, max_edges: int = 400) -> BlocsReport:
    """The blocs of ``period`` (default: the latest), tracked over every period, and all moves.

    Args:
        facts: the facts (``load_facts``).
        by: week, month, quarter or year.
        period: the period whose blocs are listed.
        graphs: include every period's blocs and cooperation network (for the bloc graph page).
        max_edges: strongest cooperative edges kept per period graph (fewer when there are many
            periods: ``MAX_GRAPH_EDGES`` in all, at least ``MIN_EDGES`` each).

    Returns:
        The report.
    """
    if period is not None:
        check_period(period, by)
    nets = al.networks(facts, by=by)
    history = al.blocs(facts, by=by)
    periods = sorted(history)
    chosen = period if period is not None else (periods[-1] if periods else None)
    by_id = {f.id: f for f in facts}
    moves = [_move_out(m, history, nets, by_id) for m in al.bloc_moves(history)]
    blocs = [_bloc_out(b) for b in history.get(chosen or "", [])]
    per_period = max(MIN_EDGES, min(max_edges, MAX_GRAPH_EDGES // max(1, len(periods))))
    timeline = [_period_blocs(p, history[p], nets[p], per_period) for p in periods] if graphs else []
    return BlocsReport(by=by, period=chosen, periods=periods, blocs=blocs, moves=moves, history=timeline)


def _bloc_out(bloc: al.Bloc) -> BlocOut:
    return BlocOut(id=bloc.id, members=list(bloc.members), joined=list(bloc.joined), left=list(bloc.left))


def _move_out(move: dict[str, str], history: dict[str, list[al.Bloc]], nets: dict[str, al.Network],
              by_id: dict[str, Fact]) -> MoveOut:
    """A move with its evidence: the cooperation of the mover with its new bloc in that period."""
    period, code = move["period"], move["code"]
    members = next((set(b.members) for b in history[period] if b.id == move["to"]), set())
    net = nets[period]
    ids = [i for (x, y), fs in net.facts.items() if code in (x, y) and ({x, y} - {code}) <= members
           and net.edges[(x, y)] > 0 for i in fs]
    return MoveOut(code=code, period=period, from_bloc=move["from"], to_bloc=move["to"],
                   evidence=_evidence([by_id[i] for i in ids if i in by_id and by_id[i].score > 0]))


def _period_blocs(period: str, blocs: list[al.Bloc], net: al.Network, max_edges: int) -> PeriodBlocs:
    coop = sorted(((a, b, w) for (a, b), w in net.edges.items() if w > 0), key=lambda e: (-e[2], e[0], e[1]))
    nodes = sorted({c for b in blocs for c in b.members} | {c for a, b, _ in coop[:max_edges] for c in (a, b)})
    return PeriodBlocs(period=period, blocs=[_bloc_out(b) for b in blocs], nodes=nodes,
                       edges=[(a, b, round(w, 2)) for a, b, w in coop[:max_edges]])
