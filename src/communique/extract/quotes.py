"""Quote stage: direct, partial and indirect quotations with their speakers.

Two steps. ``quote_marks.quote_spans(text)`` finds the quoted spans from the
quote marks alone. ``find_quotes(doc, actors)`` then attributes each span,
first match wins:

1. the cue verb above the quote in the parse ("X called it '...'", "X said
   leaders '...'"), or "according to X";
2. the cue right after it ('"...," X said', '"...," said X') or right before
   it ('X said: "..."', also at the end of the paragraph before);
3. any cue verb of the quote's sentence ('X "..." to face ..., Y said.');
4. the speaker of the quote just before, in the same paragraph or the
   paragraph before (a quote paragraph with no cue);
5. the subject of the clause the quote sits in, else the main-clause subject
   before it in its paragraph.

A cue's subject becomes a speaker through the actor stage's mentions: an
apposition names the person ("the head of NATO, Jens Stoltenberg"), a
spokesperson without a name is the organisation, an unnamed official keeps
its state, a definite description refers back ("the ministers"). Pronouns
are resolved here (the latest main-clause subject of the right kind, gender
and number), the actor stage's link serving when this finds none. A subject
no actor covers is kept as written, with no ``speaker_id``.

Example record::

    Quote(id="q_5d41402abc4b2a76", speaker="Jens Stoltenberg", speaker_id="ac_...",
          speaker_mention="he", cue="said", kind="direct", start=512, end=629,
          text="In response, we must work ever more closely together ...,",
          sentence='"In response, we must work ever more closely together ...," he said.')
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from communique.extract.quote_context import Cues, QuoteContext, Speaker, build_context, load_cues
from communique.extract.quote_cues import candidate_cues, subject_of
from communique.extract.quote_marks import (
    ALL_MARKS,
    QuoteSpan,
    paragraphs,
    quote_spans,
)
from communique.extract.quote_speakers import (
    clause_subject,
    continued_speaker,
    resolve_speaker,
    speaker_of_cue,
    token_end,
)
from communique.ids import make_id
from communique.records import ActorSet, Quote, QuoteKind

__all__ = ["Cues", "QuoteSpan", "find_quotes", "load_cues", "paragraphs", "quote_spans"]


#: A dateline opening a reported clause ("WARSAW -- ").
_DATELINE = re.compile(r"[A-Z][A-Z .,'’-]+ (?:--|—|–) ")


def find_quotes(doc: Doc, actors: ActorSet) -> list[Quote]:
    """Return the quotations in ``doc`` with their speakers, in text order.

    Args:
        doc: the parsed article body.
        actors: the actor stage's actors and mentions.

    Returns:
        direct and partial quotes (every quoted span), then indirect quotes
        ("X said that ...") whose speaker is a known actor.
    """
    ctx = build_context(doc, actors)
    digest = hashlib.sha1(ctx.text.encode("utf-8")).hexdigest()
    quotes: list[Quote] = []
    attributed: list[tuple[QuoteSpan, Speaker | None]] = []
    cue_tokens: set[int] = set()
    for span in ctx.spans:
        speaker, cue = _attribute(ctx, span, attributed)
        attributed.append((span, speaker))
        if cue is not None:
            cue_tokens.add(cue.i)
        quotes.append(_quote(ctx, digest, span, speaker, cue, _kind(ctx, span)))
    quotes.extend(_indirect_quotes(ctx, digest, cue_tokens))
    return quotes


def _quote(
    ctx: QuoteContext, digest: str, span: QuoteSpan, speaker: Speaker | None, cue: Token | None, kind: QuoteKind
) -> Quote:
    text = span.text(ctx.text)
    return Quote(
        id=make_id("q", digest, span.start, span.end, kind),
        speaker=speaker.name if speaker else None,
        speaker_id=speaker.actor_id if speaker else None,
        speaker_mention=speaker.mention if speaker else None,
        cue=_cue_text(cue),
        text=text,
        start=span.start,
        end=span.end,
        kind=kind,
        sentence=ctx.sentence_text(ctx.token_at(span.start)),
    )


def _cue_text(cue: Token | None) -> str | None:
    if cue is None:
        return None
    if cue.lower_ == "according":
        return "according to"
    return cue.text


def _kind(ctx: QuoteContext, span: QuoteSpan) -> QuoteKind:
    """A quote is direct when it stands as its own sentence (or after a colon/comma), else partial."""
    text = ctx.text
    para_start = ctx.paragraph_of(span.start)[0]
    before = text[para_start : span.start - 1].rstrip()
    first = text[span.start]
    if not (first.isupper() or first.isdigit() or first in ALL_MARKS):
        return "partial"
    if not before or before[-1] in ".:!?,;—–" or before[-1] in ALL_MARKS:
        return "direct"
    last = ctx.token_at(para_start + len(before) - 1)
    return "direct" if last.lemma_.lower() in ctx.cues.direct_verbs else "partial"


# ---------------------------------------------------------------- finding the speaker


def _attribute(
    ctx: QuoteContext, span: QuoteSpan, previous: list[tuple[QuoteSpan, Speaker | None]]
) -> tuple[Speaker | None, Token | None]:
    """Return the speaker of ``span`` and the cue that names it."""
    unresolved: Token | None = None
    for cue in candidate_cues(ctx, span):
        speaker = speaker_of_cue(ctx, cue)
        if speaker is not None:
            return speaker, cue
        if unresolved is None and subject_of(ctx, cue) is not None:
            unresolved = cue
    if unresolved is not None:
        return None, unresolved  # a speaker is named but not resolved: better none than a guess
    speaker = continued_speaker(ctx, span, previous)
    if speaker is not None:
        return speaker, None
    return clause_subject(ctx, span), None


# ---------------------------------------------------------------- indirect speech


def _indirect_quotes(ctx: QuoteContext, digest: str, used: set[int]) -> Iterator[Quote]:
    """Yield "X said (that) ..." reports whose speaker is a known actor and that hold no quote."""
    verbs = ctx.cues.indirect_verbs
    for i, lemma in enumerate(ctx.verb_lemmas):
        if lemma not in verbs or i in used:
            continue
        tok = ctx.doc[i]
        if tok.dep_ == "relcl":
            continue
        clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        if clause is None:
            continue
        start, end = clause.left_edge.idx, token_end(clause.right_edge)
        if ctx.quoted.find(1, start, end) >= 0:
            continue
        subject = subject_of(ctx, tok)
        speaker = resolve_speaker(ctx, subject) if subject is not None else None
        if speaker is None or speaker.actor_id is None:
            continue
        start = _clause_start(ctx, start, end)
        text = ctx.text[start:end]
        yield Quote(
            id=make_id("q", digest, start, end, "indirect"),
            speaker=speaker.name,
            speaker_id=speaker.actor_id,
            speaker_mention=speaker.mention,
            cue=tok.text,
            text=text,
            start=start,
            end=end,
            kind="indirect",
            sentence=ctx.sentence_text(tok),
        )


def _clause_start(ctx: QuoteContext, start: int, end: int) -> int:
    """Skip a dateline ("WARSAW -- ") and a leading "that" in a reported clause."""
    dateline = _DATELINE.match(ctx.text[start:end])
    if dateline:
        start += dateline.end()
    first = next(ctx.tokens(start, end), None)
    if first is not None and first.dep_ == "mark" and first.lower_ == "that":
        start = first.idx + len(first.text)
        start += len(ctx.text[start:end]) - len(ctx.text[start:end].lstrip())
    return start
