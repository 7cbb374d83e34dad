"""Finding the cue of a quote: the verb above it in the parse, the cue after or before it, or one in its sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from communique.extract.quote_context import SUBJECT_DEPS, QuoteContext
from communique.extract.quote_marks import (
    ALL_MARKS,
    DOUBLE_OPEN,
    STRAIGHT_DOUBLE,
    QuoteSpan,
)

#: How many words into the text after a quote its cue verb may sit.
MAX_AFTER_CUE_WORDS = 14


#: Clause links climbed from a verb without a subject to the verb that has one.
_CLIMB_DEPS = ("conj", "advcl", "xcomp", "acl", "pcomp", "prep")


#: Characters that may end a sentence; and those or a quote mark (where a sentence may start).
_STOP = re.compile(r"[.!?]")
_STOP_OR_MARK = re.compile(f"[.!?{re.escape(ALL_MARKS)}]")
#: The word (with its dots) before a full stop, and initials ("U.S", "J").
_LAST_WORD = re.compile(r"[\w.]*$")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Z]")


def candidate_cues(ctx: QuoteContext, span: QuoteSpan) -> Iterator[Token]:
    """Yield cue tokens for ``span``: governing cue, then the cue after it, then before it."""
    governing = _governing_cue(ctx, span)
    if governing is not None:
        yield governing
    after = _after_cue(ctx, span)
    if after is not None:
        yield after
    before = _before_cue(ctx, span)
    if before is not None:
        yield before
    yield from _sentence_cues(ctx, span)


def _sentence_cues(ctx: QuoteContext, span: QuoteSpan) -> Iterator[Token]:
    """Yield the cue verbs of the sentence around a quote, nearest first ("X 'a b' ..., Y said.")."""
    para_start, para_end = ctx.paragraph_of(span.start)
    start = _sentence_start(ctx, span.start - 1, para_start)
    end = span.end + 1 if _closes_sentence(ctx, span, para_end) else _sentence_end(ctx, span.end + 1, para_end)
    verbs = ctx.cues.direct_verbs
    cues = [ctx.doc[i] for i in ctx.token_range(start, end) if ctx.verb_lemmas[i] in verbs]
    yield from sorted(cues, key=lambda t: min(abs(t.idx - span.start), abs(t.idx - span.end)))


def _closes_sentence(ctx: QuoteContext, span: QuoteSpan, para_end: int) -> bool:
    """Does the quote end its sentence ('"... now." Next sentence')? Then the sentence after it is not its frame.

    Pattern: quoted words ending in . ! or ? followed by a capitalised word or a new quote; in
    a long article without paragraph breaks the next sentence would otherwise lend its cue.
    """
    inner = ctx.text[span.start : span.end].rstrip()
    lead = ctx.text[span.end + 1 : para_end].lstrip()
    return bool(inner) and inner[-1] in ".!?" and bool(lead) and (lead[0].isupper() or lead[0] in DOUBLE_OPEN + STRAIGHT_DOUBLE)


def quote_token_indices(ctx: QuoteContext, span: QuoteSpan) -> Iterator[int]:
    for s, e in span.pieces:
        yield from ctx.token_range(s, e)


def _governing_cue(ctx: QuoteContext, span: QuoteSpan) -> Token | None:
    """Return the nearest cue verb (or "according to") above the quote in the parse."""
    best: tuple[int, Token] | None = None
    for i in quote_token_indices(ctx, span):
        head = ctx.heads[i]
        if not ctx.is_quoted_at(head) or head == i:
            cue = _climb_to_cue(ctx, ctx.doc[i])
            if cue is not None:
                distance = min(abs(cue.idx - span.start), abs(cue.idx - span.end))
                if best is None or distance < best[0]:
                    best = (distance, cue)
    return best[1] if best else None


def _climb_to_cue(ctx: QuoteContext, tok: Token) -> Token | None:
    """Climb the heads above ``tok`` to the first cue verb outside the quote."""
    node = tok
    for _ in range(12):
        if not ctx.is_quoted(node) and (
            _is_cue_verb(ctx, node, ctx.cues.direct_verbs)
            or (_is_cue_verb(ctx, node, ctx.cues.label_verbs) and _own_subject(node) is not None)
        ):
            return node
        according = _according_to(ctx, node)  # also under a quoted verb: According to X, the talks "collapsed"
        if according is not None and not ctx.is_quoted(according):
            return according
        if not ctx.is_quoted(node):
            if node.dep_ in ("relcl", "acl") and _own_subject(node) is not None:
                return None  # "a decision that X hailed as '...'": X's clause, not a cue above it
        if node.head is node or not same_paragraph(ctx, node, node.head):
            return None
        node = node.head
    return None


def same_paragraph(ctx: QuoteContext, a: Token, b: Token) -> bool:
    """Are two tokens in the same paragraph? (The parser links across paragraph breaks.)"""
    return ctx.token_paragraphs[a.i] == ctx.token_paragraphs[b.i]


def _according_to(ctx: QuoteContext, tok: Token) -> Token | None:
    """Return the "according" token of an "according to X" attached to ``tok``."""
    if tok.i not in ctx.according:
        return None
    if tok.lower_ == "according":
        return tok if according_object(tok) is not None else None
    for child in tok.children:
        if child.lower_ == "according" and according_object(child) is not None:
            return child
    return None


def according_object(tok: Token) -> Token | None:
    for to in tok.children:
        if to.lower_ == "to":
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _is_cue_verb(ctx: QuoteContext, tok: Token, verbs: frozenset[str]) -> bool:
    """Is ``tok`` a verb outside quotes whose lemma is one of ``verbs``?"""
    return ctx.verb_lemmas[tok.i] in verbs


def _after_cue(ctx: QuoteContext, span: QuoteSpan) -> Token | None:
    """Return the cue verb in ``"...," X said`` / ``"...," said X`` after the quote."""
    text = ctx.text
    inner = text[span.start : span.end].rstrip()
    close = span.end + 1
    para_end = ctx.paragraph_of(span.end)[1]
    following = text[close:para_end]
    lead = following.lstrip()
    if not lead or lead[0] in DOUBLE_OPEN + STRAIGHT_DOUBLE:
        return None
    if inner and inner[-1] == "." and lead[0].isupper():
        return None  # the quote closed a sentence; the next one is not its frame
    frame_end = _sentence_end(ctx, close, para_end)
    words = 0
    for tok in ctx.tokens(close, frame_end):
        if ctx.is_quoted(tok):
            break
        if _is_cue_verb(ctx, tok, ctx.cues.direct_verbs) or _according_to(ctx, tok) is tok:
            return tok
        words += not tok.is_punct
        if words > MAX_AFTER_CUE_WORDS:
            break
    return None


def _before_cue(ctx: QuoteContext, span: QuoteSpan) -> Token | None:
    """Return the cue verb in ``X said: "..."`` or ``X said, "..."`` before the quote."""
    text = ctx.text
    open_mark = span.start - 1
    para_start = ctx.paragraph_of(span.start)[0]
    frame_start = _sentence_start(ctx, open_mark, para_start)
    frame = text[frame_start:open_mark].rstrip()
    index = ctx.paragraph_index(span.start)
    if not frame and index > 0 and text[: ctx.paragraphs[index - 1][1]].rstrip().endswith(":"):
        open_mark = ctx.paragraphs[index - 1][1]  # "X said:" closing the paragraph before the quote
        frame_start = _sentence_start(ctx, open_mark, ctx.paragraphs[index - 1][0])
        frame = text[frame_start:open_mark].rstrip()
    if not frame:
        return None
    tokens = [t for t in ctx.tokens(frame_start, frame_start + len(frame)) if not ctx.is_quoted(t)]
    if not tokens:
        return None
    if frame[-1] not in ":," and not _is_cue_verb(ctx, tokens[-1], ctx.cues.direct_verbs):
        return None
    for tok in reversed(tokens):
        if _is_cue_verb(ctx, tok, ctx.cues.direct_verbs):
            return tok
    return None


def _sentence_end(ctx: QuoteContext, start: int, limit: int) -> int:
    """Return the end of the sentence (outside quotes) running from ``start``."""
    for mark in _STOP.finditer(ctx.text, start, limit):
        k = mark.start()
        if not ctx.quoted[k] and _ends_sentence(ctx, k, limit):
            return k + 1
    return limit


def _sentence_start(ctx: QuoteContext, end: int, limit: int) -> int:
    """Return the start of the sentence (outside quotes) that runs up to ``end``."""
    text = ctx.text
    for mark in reversed(list(_STOP_OR_MARK.finditer(text, limit, end))):
        k = mark.start()
        if ctx.quoted[k] and text[k] in ALL_MARKS and k + 1 < end and not ctx.quoted[k + 1]:
            return k + 1  # just after the close of an earlier quote
        if text[k] in ".!?" and not ctx.quoted[k] and _ends_sentence(ctx, k, end):
            return k + 1
    return limit


def _ends_sentence(ctx: QuoteContext, k: int, limit: int) -> bool:
    """Does the full stop at ``k`` end a sentence (not an abbreviation like "U.S." or "Gen.")?"""
    text = ctx.text
    if k + 1 < limit and not text[k + 1].isspace():
        return False
    if text[k] != ".":
        return True
    word = _LAST_WORD.search(text[max(0, k - 12) : k])
    stem = word.group(0) if word else ""
    if _INITIALS.fullmatch(stem):
        return False
    return stem.lower() not in ctx.cues.abbreviations


def _own_subject(verb: Token) -> Token | None:
    """Return the subject written with ``verb`` itself (nsubj, or the object of a passive "by")."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subjects:  # nearest first: "BAMAKO -- Mali's government gave" has a dateline parsed as subject too
        return min(subjects, key=lambda c: abs(verb.i - c.i))
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def subject_of(ctx: QuoteContext, verb: Token) -> Token | None:
    """Return the subject of ``verb``, climbing from a participle or conjunct to its head verb.

    A reporting participle hung on a reported clause ("X said Iran had ...,
    warning that ...") takes the subject of the verb that reports the clause.
    """
    node = verb
    for _ in range(6):
        subject = _own_subject(node)
        if subject is not None and node is not verb and node.dep_ == "ccomp" and _is_cue_verb(
            ctx, node.head, ctx.cues.direct_verbs
        ):
            return subject_of(ctx, node.head)
        if subject is not None:
            return None if ctx.is_quoted(subject) or not same_paragraph(ctx, subject, verb) else subject
        if node.dep_ not in _CLIMB_DEPS or node.head is node or ctx.is_quoted(node.head):
            return None
        if not same_paragraph(ctx, node, node.head):
            return None
        node = node.head
    return None


def subject_near(ctx: QuoteContext, cue: Token) -> Token | None:
    """Return the noun just before a cue ("..., Jens Stoltenberg, said") or just after it ("said X")."""
    sent = cue.sent
    for tok in reversed(sent[: cue.i - sent.start]):
        if ctx.is_quoted(tok) or tok.pos_ in ("VERB", "AUX") or "\n" in tok.text:
            break
        if tok.pos_ in ("PROPN", "NOUN", "PRON") and tok.dep_ != "compound":
            return tok
    for tok in sent[cue.i - sent.start + 1 :]:
        if ctx.is_quoted(tok) or tok.pos_ in ("VERB", "AUX", "ADP") or tok.is_punct or "\n" in tok.text:
            break
        if tok.pos_ in ("PROPN", "NOUN") and tok.dep_ != "compound":
            return tok
    return None
