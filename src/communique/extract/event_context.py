"""Date, status, attribution and place of events, from the context and location stages.

``ContextSource`` holds one article's ``context.ContextResolver`` (date, status, who asserts it)
and ``locations.Locator`` (where it happened) and attaches what they find to event drafts. Both
are required: a failure in either is the article's error, never a quietly worse event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, cast

from spacy.tokens import Doc, Token

from communique.extract.context import EventContext, build_context, merge_contexts
from communique.extract.locations import build_locator
from communique.records import ActorSet, Article, Location, Quote, Status

__all__ = ["ContextSource", "DraftLike", "EventFields", "merge_contexts"]

_STATUSES = frozenset({"occurred", "planned", "alleged", "denied", "hypothetical"})


class DraftLike(Protocol):
    """What the context source reads from and writes to an event draft."""

    hit: Any
    type: str
    status: str | None
    context_info: EventContext | None


@dataclass(frozen=True, slots=True)
class EventFields:
    """What the context gives an event record: when, in what status, who says so, and where."""

    date: str | None
    date_text: str | None
    status: Status
    asserted_by: str | None
    location: Location | None


class ContextSource:
    """Resolve date, status, asserted_by and location for event triggers."""

    def __init__(self, doc: Doc, *, article: Article, actors: ActorSet, quotes: list[Quote]) -> None:
        """Build the context resolver and the locator of one article."""
        self.doc = doc
        self.article = article
        self.resolver = build_context(doc, article=article, actors=actors, quotes=quotes)
        self.locator = build_locator(doc, article=article, actors=actors)

    def apply(self, draft: DraftLike, *, actor_codes: Iterable[str] = ()) -> bool:
        """Attach context to a draft; return False when the event must be dropped (negated, unclaimed).

        Args:
            draft: the event draft (its trigger, type and own status are read).
            actor_codes: the draft's actor codes (a hostile act reported only by
                the other side is alleged; denied when its actor denies it).
        """
        tok: Token = draft.hit.token
        info = self.resolver.resolve(tok.i, event_type=draft.type, actor_codes=tuple(actor_codes))
        draft.context_info = info
        if info.negated and not info.asserted_by:
            return False
        if draft.status == "negated" and info.status != "denied":
            return False  # the event stage's own negation ("not a threat", "no plan to"): no event
        own = None if draft.status == "negated" else draft.status
        if own in ("alleged", "planned") and info.status in (None, "occurred"):
            draft.status = own  # "accused X of attacking", "pledged to send aid": the frame says more
        else:
            draft.status = info.status or own or "occurred"
        return True

    def fields(self, draft: DraftLike) -> EventFields:
        """Return the date, date_text, status, asserted_by and location of an event.

        A draft whose merged mentions left no context (``merge_contexts`` found none) takes the
        article's date (its year for a planned or hypothetical act) and no attribution.
        """
        info = draft.context_info
        status = cast(Status, draft.status) if draft.status in _STATUSES else "occurred"
        if info is not None:
            date, date_text, asserted_by = info.date, info.date_text, info.asserted_by
        else:
            date = self.article.date
            if status in ("planned", "hypothetical") and date:
                date = date[:4]
            date_text, asserted_by = None, None
        tok = draft.hit.token
        return EventFields(date=date, date_text=date_text, status=status, asserted_by=asserted_by,
                           location=self.locator.locate(tok.idx, tok.idx + len(tok.text)))
