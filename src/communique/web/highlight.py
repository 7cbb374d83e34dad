"""Cut an article's text into segments, each with the extractions that cover it (for the reader)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from communique.store.views import StoredArticle


@dataclass
class Segment:
    """A run of text covered by the same actor mention, quotes and event evidence."""

    text: str
    start: int
    actor: str | None = None  # canonical actor id (for the link)
    local_actor: str | None = None  # the article's actor id (for the side panel)
    quotes: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)

    @property
    def classes(self) -> str:
        """CSS classes of the segment."""
        names = []
        if self.actor or self.local_actor:
            names.append("mention")
        if self.quotes:
            names.append("quote")
        if self.events:
            names.append("trigger")
        return " ".join(names)


def segments(article: StoredArticle) -> list[Segment]:
    """Split ``article.text`` at every annotation boundary; empty when the text was not kept."""
    text = article.text or ""
    if not text:
        return []
    n = len(text)
    spans: list[tuple[int, int, str, str]] = []
    for actor in article.actors:
        for start, end in actor.mentions:
            spans.append((start, end, "actor", actor.id))
    for quote in article.quotes:
        spans.append((quote.start, quote.end, "quote", quote.id))
    for event in article.events:
        for ev in event.evidence:
            spans.append((ev.start, ev.end, "event", event.id))
    spans = [(max(0, s), min(n, e), k, i) for s, e, k, i in spans if 0 <= s < e]
    cuts = sorted({0, n} | {s for s, _e, _k, _i in spans} | {e for _s, e, _k, _i in spans})
    out = []
    for left, right in pairwise(cuts):
        seg = Segment(text=text[left:right], start=left)
        for s, e, kind, ident in spans:
            if s <= left and right <= e:
                if kind == "actor" and seg.local_actor is None:
                    seg.local_actor = ident
                    seg.actor = article.actor_refs.get(ident)
                elif kind == "quote":
                    seg.quotes.append(ident)
                elif kind == "event":
                    seg.events.append(ident)
        out.append(seg)
    return out
