"""Date, status, attribution and place of events, from the context and location stages.

``ContextSource`` wraps ``communique.extract.context.build_context`` and
``communique.extract.locations.build_locator`` when those modules exist; until
then it falls back to the article date and a small tense check, so the event
stage works on its own.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable
from typing import Any, Protocol

from spacy.tokens import Doc, Token

from communique.records import ActorSet, Article, Location, Quote

log = logging.getLogger(__name__)

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may"})
PLAN_LEMMAS = frozenset({"plan", "intend", "expect", "schedule", "due", "propose", "seek", "hope", "aim", "set", "prepare", "want"})


class DraftLike(Protocol):
    """What the context source reads from and writes to an event draft."""

    hit: Any
    type: str
    status: str | None
    context_info: Any


def _optional(module: str, name: str) -> Any:
    """Return ``module.name`` if the module can be imported, else None."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


#: ``context.merge_contexts`` (combine the contexts of several mentions of one happening), if present.
merge_contexts: Any = _optional("communique.extract.context", "merge_contexts")


class ContextSource:
    """Resolve date, status, asserted_by and location for event triggers."""

    def __init__(self, doc: Doc, *, article: Article, actors: ActorSet, quotes: list[Quote]) -> None:
        """Build the context resolver and locator of one article, when available."""
        self.doc = doc
        self.article = article
        self.resolver: Any = None
        self.locator: Any = None
        build_context = _optional("communique.extract.context", "build_context")
        if build_context is not None:
            try:
                self.resolver = build_context(doc, article=article, actors=actors, quotes=quotes)
            except Exception:  # noqa: BLE001 - the event stage must not fail on a context bug
                log.exception("context stage failed on article %s", article.id)
        build_locator = _optional("communique.extract.locations", "build_locator")
        if build_locator is not None:
            try:
                self.locator = build_locator(doc, article=article, actors=actors)
            except Exception:  # noqa: BLE001
                log.exception("location stage failed on article %s", article.id)

    def apply(self, draft: DraftLike, *, actor_codes: Iterable[str] = ()) -> bool:
        """Attach context to a draft; return False when the event must be dropped (negated, unclaimed).

        Args:
            draft: the event draft (its trigger, type and own status are read).
            actor_codes: the draft's actor codes (a hostile act reported only by
                the other side is alleged; denied when its actor denies it).
        """
        tok: Token = draft.hit.token
        info = None
        if self.resolver is not None:
            try:
                info = self.resolver.resolve(tok.i, event_type=draft.type, actor_codes=tuple(actor_codes))
            except Exception:  # noqa: BLE001
                log.exception("context resolve failed at token %d", tok.i)
        draft.context_info = info
        if info is not None:
            if getattr(info, "negated", False) and not getattr(info, "asserted_by", None):
                return False
            if draft.status == "negated" and info.status != "denied":
                return False  # the event stage's own negation ("not a threat", "no plan to"): no event
            own = None if draft.status == "negated" else draft.status
            if own in ("alleged", "planned") and info.status in (None, "occurred"):
                draft.status = own  # "accused X of attacking", "pledged to send aid": the frame says more
            else:
                draft.status = info.status or own or "occurred"
            return True
        if draft.status == "negated":
            return False
        if draft.status is None:
            draft.status = _fallback_status(tok)
        return True

    def fields(self, draft: DraftLike) -> dict[str, Any]:
        """Return the date/date_text/status/asserted_by/location fields of an event."""
        info = draft.context_info
        status = draft.status if draft.status in ("occurred", "planned", "alleged", "denied", "hypothetical") else "occurred"
        if info is not None:
            date, date_text, asserted_by = info.date, info.date_text, info.asserted_by
        else:
            date = self.article.date
            if status in ("planned", "hypothetical") and date:
                date = date[:4]
            date_text, asserted_by = None, None
        return {"date": date, "date_text": date_text, "status": status, "asserted_by": asserted_by,
                "location": self._location(draft.hit.token)}

    def _location(self, tok: Token) -> Location | None:
        """Where the event happened, from the location stage."""
        if self.locator is None:
            return None
        try:
            found: Location | None = self.locator.locate(tok.idx, tok.idx + len(tok.text))
        except Exception:  # noqa: BLE001
            log.exception("locate failed at token %d", tok.i)
            return None
        return found


def _fallback_status(tok: Token) -> str:
    """Status from the tense around the trigger, used until the context stage exists."""
    cur = tok
    for _ in range(4):
        for child in cur.children:
            if child.dep_ == "aux" and child.lower_ in FUTURE_AUX:
                return "planned"
            if child.dep_ == "aux" and child.lower_ in HYPOTHETICAL_AUX:
                return "hypothetical"
        if cur.lemma_.lower() in PLAN_LEMMAS and cur.i != tok.i:
            return "planned"
        if cur.dep_ in ("xcomp", "conj", "dobj", "pobj", "prep", "acomp", "attr") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return "occurred"
