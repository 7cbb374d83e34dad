"""Whether two reports of different articles can be the same happening, and why.

A report is one event as one article reports it (``Report``). Two reports
are *linked* (``linked``) when they can be the same happening: compatible
types (the same type; a planned act joins the act that later occurred),
overlapping participants (for directed types, a common actor and a common
recipient), compatible dates and similar evidence wording. Dates of different
precision are compatible when the coarser contains the finer: one outlet
dates a meeting to the day, another to the month ("earlier this month") or
the year, and their wording need not match (``similarity_needed``; issue 22).
Each link has a reason in words (``link_reason``); ``spanning_links`` gives
the links shown for a cluster.

Thresholds are named constants below; ``benchmarks/cluster_eval.py`` measures them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from functools import lru_cache

#: Largest gap, in days, between two day-precise dates of one happening (reporting lag, time zones).
MAX_DAY_GAP = 1
#: Least evidence similarity (Jaccard of content words) for reports whose dates are only coarse.
MIN_SIMILARITY_COARSE = 0.12
#: Least evidence similarity when dates agree to the day.
MIN_SIMILARITY_DAY = 0.0
#: Least share of the smaller participant set found in the other, for symmetric types.
MIN_PARTICIPANT_OVERLAP = 0.5
#: Least evidence similarity between a day-precise report and one dated to its month: none -- the
#: type, the participants and a month that contains the day already say it is the same happening.
MIN_SIMILARITY_MONTH = 0.0
#: The same for a report dated to the year: a year holds more happenings of one kind, so a little
#: shared wording is asked for (two or three content words of a sentence each).
MIN_SIMILARITY_YEAR = 0.06
#: Widest span, in days, of a month and of a year.
MONTH_DAYS = 31
YEAR_DAYS = 366
#: Least Jaccard similarity of the participants of two symmetric reports linked at coarse dates
#: (one set containing the other always qualifies).
MIN_PARTICIPANT_JACCARD_COARSE = 0.5

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
#: Types that may stand for the same happening (a planned meeting coded AGREE and the meeting itself).
COMPATIBLE_TYPES = {("AGREE", "CONSULT"), ("CONSULT", "AGREE"), ("AGREE", "COOPERATE"), ("COOPERATE", "AGREE")}


_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = frozenset(
    """a an and are as at be been but by for from had has have he her his in into is it its of on or
    said says say that the their them they this to was were will with would which who after before
    over under than then there these those also about while during against between its""".split()
)


@dataclass(frozen=True)
class Report:
    """One event as one article reports it: what clustering needs to know."""

    event_id: str
    article_id: str
    source: str  # the outlet (domain or source name), for counting distinct sources
    published: str | None  # the article's date
    type: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    status: str
    evidence: str = ""
    mode: str | None = None

    # Features computed once per report: clustering compares each report with many others.

    @functools.cached_property
    def participants(self) -> frozenset[str]:
        """Every code taking part, actors and recipients."""
        return self.actor_set | self.recipient_set

    @functools.cached_property
    def actor_set(self) -> frozenset[str]:
        """The actors, as a set."""
        return frozenset(self.actors)

    @functools.cached_property
    def recipient_set(self) -> frozenset[str]:
        """The recipients, as a set."""
        return frozenset(self.recipients)

    @functools.cached_property
    def symmetric(self) -> bool:
        """Whether the type is symmetric (participants, not actors and recipients)."""
        return self.type in SYMMETRIC_TYPES

    @functools.cached_property
    def when(self) -> str | None:
        """The event's date, else its article's date."""
        return self.date or self.published

    @functools.cached_property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day ``when`` covers; None if unknown or unparsable."""
        return _parse(self.when)

    @functools.cached_property
    def day_precise(self) -> bool:
        """Whether ``when`` names a day (YYYY-MM-DD)."""
        return bool(self.when and len(self.when) == 10)

    @functools.cached_property
    def width(self) -> int:
        """How many days ``span`` covers (0 when unknown)."""
        return (self.span[1] - self.span[0]).days + 1 if self.span else 0

    @functools.cached_property
    def words(self) -> frozenset[str]:
        """Content words of the evidence."""
        return content_words(self.evidence)

    @functools.cached_property
    def kind(self) -> tuple[object, ...]:
        """Everything ``linked`` and ``similarity`` read of a report but its article.

        Reports of one kind (a story reprinted by several outlets) link alike
        to any report of another article, so clustering compares one of them.
        """
        return (self.type, self.status, self.actor_set, self.recipient_set, self.span, self.day_precise, self.words)

    @property
    def sort_key(self) -> tuple[str, str, str]:
        """Canonical order: by when it happened, then by id."""
        return (self.date or self.published or "", self.published or "", self.event_id)


@dataclass(frozen=True)
class Link:
    """Two reports (event ids) of one cluster and why they are the same happening."""

    a: str
    b: str
    reason: str


# -- pairwise compatibility ------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def content_words(text: str) -> frozenset[str]:
    """Lower-cased content words of an evidence text."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2)


def similarity(a: Report, b: Report) -> float:
    """Jaccard similarity of the two reports' evidence content words."""
    wa, wb = a.words, b.words
    if not wa or not wb:
        return 0.0
    common = len(wa & wb)
    return common / (len(wa) + len(wb) - common)


def types_compatible(a: Report, b: Report) -> bool:
    """Same type, or a planned act and the act that followed."""
    if a.type == b.type:
        return True
    return (a.type, b.type) in COMPATIBLE_TYPES and "planned" in (a.status, b.status)


def participants_compatible(a: Report, b: Report) -> bool:
    """Overlapping participants: actor and recipient in common for directed types."""
    if a.symmetric or b.symmetric:
        pa, pb = a.participants, b.participants
        if not pa or not pb:
            return False
        if len(pa) > 1 and len(pb) > 1 and len(pa & pb) < 2:
            return False  # USA-CHN talks and USA-RUS talks: different counterparts, different meetings
        return len(pa & pb) / min(len(pa), len(pb)) >= MIN_PARTICIPANT_OVERLAP
    if a.actor_set.isdisjoint(b.actor_set):
        return False
    if a.recipients and b.recipients:
        return not a.recipient_set.isdisjoint(b.recipient_set)
    return not a.recipients and not b.recipients


@functools.lru_cache(maxsize=16384)
def _parse(date: str | None) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day a (possibly coarse) ISO date covers."""
    if not date:
        return None
    try:
        parts = [int(p) for p in date.split("-")]
        if len(parts) == 3:
            day = dt.date(*parts)
            return day, day
        if len(parts) == 2:
            first = dt.date(parts[0], parts[1], 1)
            nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    except ValueError:
        return None


def dates_compatible(a: Report, b: Report) -> bool:
    """Day-precise dates within ``MAX_DAY_GAP``; a coarse date must contain the other."""
    ra, rb = a.span, b.span
    if ra is None or rb is None:
        return True
    if ra[0] == ra[1] and rb[0] == rb[1]:
        return abs((ra[0] - rb[0]).days) <= MAX_DAY_GAP
    return ra[0] <= rb[1] and rb[0] <= ra[1]


def recipient_missing(a: Report, b: Report) -> bool:
    """A directed act with a common actor where one report names no recipient (the coder missed it)."""
    if a.symmetric or b.symmetric:
        return False
    return not a.actor_set.isdisjoint(b.actor_set) and bool(a.recipients) != bool(b.recipients)


def lone_participant(a: Report, b: Report) -> bool:
    """A symmetric act where one report names a single participant (the coder missed the others)."""
    return (a.symmetric or b.symmetric) and min(len(a.participants), len(b.participants)) == 1


def coarse_participants_agree(a: Report, b: Report) -> bool:
    """For symmetric reports at coarse dates: one participant set contains the other, or they
    overlap by ``MIN_PARTICIPANT_JACCARD_COARSE`` (directed reports: already a common actor and recipient)."""
    if not (a.symmetric or b.symmetric):
        return True
    pa, pb = a.participants, b.participants
    return pa <= pb or pb <= pa or len(pa & pb) / len(pa | pb) >= MIN_PARTICIPANT_JACCARD_COARSE


def similarity_needed(a: Report, b: Report, partial: bool) -> float | None:
    """The least evidence similarity for two compatible reports to link; None: they never link.

    Both day-precise: none, or ``MIN_SIMILARITY_COARSE`` when one report is
    partial (a participant or the recipient missing). One day-precise and the
    other dated to the month or the year, their participants agreeing
    (``coarse_participants_agree``): ``MIN_SIMILARITY_MONTH`` or
    ``MIN_SIMILARITY_YEAR``. Otherwise (both coarse, an unknown date, far
    apart participants): ``MIN_SIMILARITY_COARSE``. Partial reports link only
    at day-precise dates.
    """
    if a.day_precise and b.day_precise:
        return MIN_SIMILARITY_COARSE if partial else MIN_SIMILARITY_DAY
    if partial:
        return None
    if (a.day_precise or b.day_precise) and a.span and b.span and coarse_participants_agree(a, b):
        width = max(a.width, b.width)
        if width <= MONTH_DAYS:
            return MIN_SIMILARITY_MONTH
        if width <= YEAR_DAYS:
            return MIN_SIMILARITY_YEAR
    return MIN_SIMILARITY_COARSE


def linked(a: Report, b: Report) -> bool:
    """Whether two reports from different articles can be the same happening.

    A report without a recipient joins a directed report of the same actor,
    and a symmetric report naming one participant joins one naming more,
    only with day-precise dates and similar wording. A day-precise report
    joins a report dated to its month (or year) of the same happening
    whatever the wording (``similarity_needed``).
    The cheap tests come first; the evidence is compared last, and only when
    a threshold above zero asks for it (a Jaccard similarity is never negative).
    """
    if a.article_id == b.article_id:
        return False  # one event per happening per article already
    if not (types_compatible(a, b) and dates_compatible(a, b)):
        return False
    partial = lone_participant(a, b)
    if not participants_compatible(a, b):
        if not recipient_missing(a, b):
            return False
        partial = True
    threshold = similarity_needed(a, b, partial)
    if threshold is None:
        return False
    return threshold <= 0.0 or similarity(a, b) >= threshold


# -- why two reports are linked -------------------------------------------------------------------


def _codes(codes: frozenset[str]) -> str:
    return "{" + ",".join(sorted(codes)) + "}"


def _participants_reason(a: Report, b: Report) -> str:
    if a.symmetric or b.symmetric:
        pa, pb = a.participants, b.participants
        if pa == pb:
            return f"participants {_codes(pa)}"
        if pa < pb or pb < pa:
            small, big = (pa, pb) if pa < pb else (pb, pa)
            return f"participants {_codes(small)} ⊂ {_codes(big)}"
        return f"participants {_codes(pa)} ~ {_codes(pb)} ({len(pa & pb)} shared)"
    actors = _codes(a.actor_set & b.actor_set)
    if a.recipients and b.recipients:
        return f"actor {actors} to {_codes(a.recipient_set & b.recipient_set)}"
    return f"actor {actors}, one report names no recipient"


def _date_label(r: Report) -> str:
    return r.when or "no date"


def _date_reason(a: Report, b: Report) -> str:
    sa, sb = a.span, b.span
    if sa is None or sb is None:
        return "date unknown in one report"
    if a.day_precise and b.day_precise:
        gap = abs((sa[0] - sb[0]).days)
        return f"date {a.when}" if gap == 0 else f"dates {a.when} and {b.when} ({gap} day apart)"
    if sa == sb:
        return f"date {_date_label(a)}"
    (wide, wide_span), (narrow, narrow_span) = ((a, sa), (b, sb)) if a.width >= b.width else ((b, sb), (a, sa))
    if wide_span[0] <= narrow_span[0] and narrow_span[1] <= wide_span[1]:
        return f"date {_date_label(wide)} contains {_date_label(narrow)}"
    return f"dates {_date_label(a)} and {_date_label(b)} overlap"


def link_reason(a: Report, b: Report) -> str:
    """Why two linked reports are one happening, in words: type, participants, date, wording.

    For example ``same type CONSULT; participants {JPN,USA} ⊂ {AUS,JPN,USA};
    date 2024-07 contains 2024-07-11``.
    """
    if a.type == b.type:
        kind = f"same type {a.type}"
    else:
        kind = f"compatible types {a.type} ({a.status}) and {b.type} ({b.status})"
    parts = [kind, _participants_reason(a, b), _date_reason(a, b)]
    similar = similarity(a, b)
    if similar > 0:
        parts.append(f"wording {similar:.2f}")
    return "; ".join(parts)


def spanning_links(members: list[Report]) -> tuple[Link, ...]:
    """Each member's link to the earlier member (canonical order) it is most similar to.

    Every member of a cluster links to every other one; these links are the
    ones shown, one per member after the first.
    """
    out = []
    for i, report in enumerate(members[1:], 1):
        earlier = members[:i]
        best = max(earlier, key=lambda other: (similarity(report, other), -earlier.index(other)))
        out.append(Link(a=best.event_id, b=report.event_id, reason=link_reason(best, report)))
    return tuple(out)
