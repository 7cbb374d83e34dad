"""Event context: the date, status and source of an event, read off its trigger's clause.

Build a resolver once per parsed article, then ask it about each event trigger::

    resolver = build_context(doc, article=article, actors=actors, quotes=quotes)
    ctx = resolver.resolve(trigger.i, event_type="CONSULT", actor_codes=("USA",))
    # EventContext(date='2024-07-11', date_text='on Thursday', status='occurred',
    #              asserted_by='Jens Stoltenberg', negated=False, historical=False,
    #              date_source='own')

Rules (FORMAT.md "status" and "date"):

- status, from the dependency path between the trigger and the cue that governs
  it: planned (will, shall, plans to, is due to, agreed to meet, pledged aid,
  would in reported speech), hypothetical (if-clauses, could/might/may, the act
  threatened or requested), alleged (accused of, allegedly, claimed that; a
  hostile act reported only by the other side), denied (denied that, rejected
  claims that, "..., which X denied"); otherwise occurred. A negated act is
  flagged ``negated``. A threat, promise or refusal (``performative_types``)
  occurred when it was made.
- date, from the first of: a time expression in the trigger's own clause; an
  offset to another clause ("two days after"); one in a governing clause of the
  same tense; one elsewhere in the sentence; a day named in an earlier sentence
  of the same paragraph (past acts); the article date (past acts) or the article
  year (planned and hypothetical acts).
- asserted_by: the speaker of the quote holding the trigger, the subject of the
  verb of saying or accusing that governs it, or X in "according to X".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from communique.extract.context_attribution import Attribution
from communique.extract.context_dates import DateSteps, parse_base
from communique.extract.context_parse import DocTables, is_modal
from communique.extract.context_status import StatusSteps
from communique.records import ActorSet, Article, Quote, Status

__all__ = ["ContextResolver", "EventContext", "build_context", "merge_contexts"]

#: How a date was found, best first (``merge_contexts`` keeps the best).
DATE_SOURCES = ("own", "relation", "clause", "sentence", "paragraph", "default")


@dataclass(frozen=True)
class EventContext:
    """What the text says about when an event happened, whether, and who says so."""

    date: str | None = None
    date_text: str | None = None
    status: Status = "occurred"
    asserted_by: str | None = None
    negated: bool = False
    historical: bool = False
    date_source: str = "default"


# ---------------------------------------------------------------- the resolver


def build_context(doc: Doc, *, article: Article, actors: ActorSet, quotes: Sequence[Quote]) -> ContextResolver:
    """Precompute time expressions, clauses and speakers of ``doc``; return the resolver.

    Args:
        doc: the parsed article body.
        article: the article (its ``date`` anchors relative dates).
        actors: the actor stage's output (speakers resolve through its mentions).
        quotes: the quote stage's output (a trigger inside a quote is asserted by its speaker).
    """
    return ContextResolver(doc, article=article, actors=actors, quotes=quotes)


class ContextResolver:
    """Answers ``resolve(trigger_i)`` for the triggers of one article.

    It coordinates three steps over shared parse tables: the status analysis
    (:mod:`~communique.extract.context_status`), the attribution
    (:mod:`~communique.extract.context_attribution`) and the dates
    (:mod:`~communique.extract.context_dates`).
    """

    def __init__(self, doc: Doc, *, article: Article, actors: ActorSet, quotes: Sequence[Quote]) -> None:
        tables = DocTables(doc)
        self._doc = doc
        self._cues = tables.cues
        self._attribution = Attribution(tables, actors=actors, quotes=quotes)
        self._status = StatusSteps(tables, self._attribution.quote_at)
        self._dates = DateSteps(tables, parse_base(article.date), self._status.analyse)
        self._memo: dict[tuple[int, str | None, tuple[str, ...]], EventContext] = {}

    # ------------------------------------------------------------ public

    def resolve(
        self, trigger_i: int, *, event_type: str | None = None, actor_codes: Iterable[str] = ()
    ) -> EventContext:
        """Return the context of the event whose trigger is token ``trigger_i``.

        Args:
            trigger_i: index in the Doc of the event's trigger token (verb or noun).
            event_type: the PLOVER type, when known: a threat, promise or refusal
                occurred when made; a hostile act reported only by the other side is alleged.
            actor_codes: the event's actor codes, when known (for that last rule).
        """
        key = (trigger_i, event_type, tuple(sorted(actor_codes)))
        if key not in self._memo:
            self._memo[key] = self._resolve(self._doc[trigger_i], event_type, set(key[2]))
        return self._memo[key]

    # ------------------------------------------------------------ the three answers

    def _resolve(self, trig: Token, event_type: str | None, actor_codes: set[str]) -> EventContext:
        kind = (event_type or "").lower()
        analysis = self._status.analyse(trig)
        speaker, speaker_codes = self._attribution.speaker(trig, analysis)
        status, negated = self._status.status(trig, analysis, kind)
        if kind in self._cues.contested_types and not negated:
            status = self._attribution.contested(trig, analysis, status, speaker_codes, actor_codes)
        start = trig
        if kind in self._cues.performative_types and is_modal(analysis) and analysis.modal_top is not None:
            top = analysis.modal_top  # date a promise or threat by the clause that makes it
            start = top.head if top.head != top else trig
        future = status in ("planned", "hypothetical")
        date, text, source = self._dates.date(trig, start, future=future)
        historical = self._dates.historical(date, source)
        return EventContext(date, text, status, speaker, negated, historical, source)


def merge_contexts(contexts: Sequence[EventContext]) -> EventContext | None:
    """Combine the contexts of several mentions of one happening; None when all are negated.

    Status: occurred if any mention reports it as occurred, else denied, alleged,
    planned, hypothetical in that order (an act claimed by one side and denied by
    the other is denied). Date: from the mention with the best ``date_source``.
    """
    live = [c for c in contexts if not c.negated]
    if not live:
        return None
    denials = [c for c in contexts if c.negated and c.status == "denied"]
    order = ("occurred", "denied", "alleged", "planned", "hypothetical")
    statuses = {c.status for c in live} | ({"denied"} if denials else set())
    status = next(s for s in order if s in statuses)
    dated = min(live, key=lambda c: DATE_SOURCES.index(c.date_source) if c.date_source in DATE_SOURCES else 99)
    asserted = next((c.asserted_by for c in live if c.asserted_by), None)
    return replace(dated, status=status, asserted_by=asserted)  # type: ignore[arg-type]
