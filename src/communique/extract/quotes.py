"""Quote stage: direct, partial and indirect quotations with their speakers.

Two steps. ``quote_spans(text)`` finds quoted spans from the quote marks
alone, paragraph by paragraph, so a stray mark never spreads past its
paragraph. ``find_quotes(doc, actors)`` then attributes each span: the cue
verb that governs it in the parse, else the cue beside it ("...," X said /
X said: "..."), else the speaker of the quote just before it; the cue's
subject is mapped to an actor through the actor stage's mentions, and
pronouns the actor stage left open are resolved to the latest compatible
subject.

Example record::

    Quote(id="q_5d41402abc4b2a76", speaker="Jens Stoltenberg", speaker_id="ac_...",
          speaker_mention="he", cue="said", kind="direct", start=512, end=629,
          text="In response, we must work ever more closely together ...,",
          sentence='"In response, we must work ever more closely together ...," he said.')
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml
from spacy.tokens import Doc, Token

from communique.config import data_path
from communique.ids import make_id
from communique.records import Actor, ActorSet, Mention, Quote, QuoteKind

__all__ = ["QuoteSpan", "find_quotes", "paragraphs", "quote_spans"]

DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE

#: Characters after which a straight single quote may open a quotation.
_SINGLE_OPEN_AFTER = " \t\n([{—–-/\"“"
#: Characters that may follow a closing single quote.
_SINGLE_CLOSE_BEFORE = " \t\n.,;:!?)]}—–-\"”"
#: How many words into the text after a quote its cue verb may sit.
MAX_AFTER_CUE_WORDS = 14
#: Longest phrase (in tokens) kept as a speaker name as written.
MAX_NAME_TOKENS = 8
#: Subject dependency labels.
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: Clause links climbed from a verb without a subject to the verb that has one.
_CLIMB_DEPS = ("conj", "advcl", "xcomp", "acl", "pcomp", "prep")
_PERSONAL = {"he": ("person", "m", False), "him": ("person", "m", False), "she": ("person", "f", False),
             "her": ("person", "f", False), "it": ("thing", None, False), "they": ("any", None, True),
             "them": ("any", None, True)}
_RELATIVE = {"which", "who", "that", "whom"}


@dataclass(frozen=True)
class Cues:
    """The word lists of ``knowledge/data/quote_cues.yaml``."""

    direct_verbs: frozenset[str]
    label_verbs: frozenset[str]
    indirect_verbs: frozenset[str]
    spokesperson_nouns: frozenset[str]
    unnamed_nouns: frozenset[str]
    org_nouns: frozenset[str]
    abbreviations: frozenset[str]
    male_titles: frozenset[str]
    female_titles: frozenset[str]

    @property
    def cue_verbs(self) -> frozenset[str]:
        """Every verb that attributes a quote under it."""
        return self.direct_verbs | self.label_verbs


@functools.cache
def load_cues() -> Cues:
    """Load the cue word lists once per process."""
    with open(data_path("quote_cues.yaml"), encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return Cues(**{name: frozenset(str(w).lower() for w in raw[name]) for name in Cues.__dataclass_fields__})


# ---------------------------------------------------------------- quote spans


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation found from its marks: the inner text of one or more paragraphs."""

    pieces: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        """Offset of the first quoted character."""
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        """Offset just after the last quoted character."""
        return self.pieces[-1][1]

    def text(self, source: str) -> str:
        """Return the quoted words; paragraph pieces are joined with a space."""
        return " ".join(source[s:e] for s, e in self.pieces)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of each paragraph.

    Paragraphs are split at blank lines; a text without blank lines is split
    at single line breaks.
    """
    breaks = re.compile(r"\n[ \t\r]*\n\s*") if re.search(r"\n[ \t\r]*\n", text) else re.compile(r"\n\s*")
    spans, start = [], 0
    for match in breaks.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def quote_spans(text: str) -> list[QuoteSpan]:
    """Return the quoted spans of ``text`` in order, nested quotes left inside their outer quote.

    A paragraph that opens a double quote without closing it continues into
    the next paragraph when that one reopens it; otherwise the open mark is
    dropped and scanning starts afresh.

    >>> [s.text("He said \\"we go\\" and 'they stay'.") for s in quote_spans("He said \\"we go\\" and 'they stay'.")]
    ['we go', 'they stay']
    """
    spans: list[QuoteSpan] = []
    carry: list[tuple[int, int]] | None = None
    for start, end in paragraphs(text):
        closed, carry = _scan_double(text, start, end, carry)
        spans.extend(closed)
        doubles = [(p[0] - 1, p[1] + 1) for s in closed for p in s.pieces]
        if carry:
            doubles.append((carry[-1][0] - 1, end))
        spans.extend(_scan_single(text, start, end, doubles))
    return _outermost(spans)


def _scan_double(
    text: str, start: int, end: int, carry: list[tuple[int, int]] | None
) -> tuple[list[QuoteSpan], list[tuple[int, int]] | None]:
    """Scan one paragraph for double-quoted spans; return them and a quote left open."""
    spans: list[QuoteSpan] = []
    pieces: list[tuple[int, int]] = []
    open_at: int | None = None
    lead = start + len(text[start:end]) - len(text[start:end].lstrip())
    if carry is not None and lead < end and text[lead] in DOUBLE_OPEN + STRAIGHT_DOUBLE:
        pieces, open_at, start = carry, lead + 1, lead + 1
    for i in range(start, end):
        ch = text[i]
        if open_at is None:
            if ch in DOUBLE_OPEN or (ch == STRAIGHT_DOUBLE and i + 1 < end and not text[i + 1].isspace()):
                open_at = i + 1
        elif ch in DOUBLE_CLOSE or ch == STRAIGHT_DOUBLE:
            piece = _trim(text, open_at, i)
            if piece:
                spans.append(QuoteSpan(tuple(pieces) + (piece,)))
            pieces, open_at = [], None
        elif ch in DOUBLE_OPEN:  # a second opening mark: the first one was stray
            pieces, open_at = [], i + 1
    if open_at is None:
        return spans, None
    piece = _trim(text, open_at, end)
    return spans, (pieces + [piece]) if piece else None


def _scan_single(text: str, start: int, end: int, skip: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Scan one paragraph for single-quoted spans outside the ``skip`` ranges."""
    spans: list[QuoteSpan] = []
    i = start
    while i < end:
        if _inside(i, skip) or not _opens_single(text, i, start, end):
            i += 1
            continue
        close = _single_close(text, i + 1, end, skip)
        if close is None:
            i += 1
            continue
        piece = _trim(text, i + 1, close)
        if piece:
            spans.append(QuoteSpan((piece,)))
        i = close + 1
    return spans


def _opens_single(text: str, i: int, start: int, end: int) -> bool:
    """Is the character at ``i`` a single quote mark that opens a quotation?"""
    ch = text[i]
    if ch not in SINGLE_OPEN + STRAIGHT_SINGLE or i + 1 >= end:
        return False
    if re.match(r"\d+s\b", text[i + 1 : i + 8]):  # '90s, ‘90s
        return False
    if ch == SINGLE_OPEN:
        return not text[i + 1].isspace()
    before_ok = i == start or text[i - 1] in _SINGLE_OPEN_AFTER
    return before_ok and text[i + 1].isalpha()


def _single_close(text: str, start: int, end: int, skip: list[tuple[int, int]]) -> int | None:
    """Return the position of the mark closing a single quote opened before ``start``.

    A mark after a plural "s" followed by a space ("the workers' demands") may
    be an apostrophe: a later close is preferred, unless a new quote opens first.
    """
    possessive: int | None = None
    for k in range(start, end):
        if text[k] not in SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT_SINGLE or _inside(k, skip):
            continue
        if possessive is not None and _opens_single(text, k, start, end):
            return possessive
        after_ok = k + 1 == end or text[k + 1] in _SINGLE_CLOSE_BEFORE
        if not (after_ok and k > start and not text[k - 1].isspace()):
            continue
        if text[k - 1] in "sS" and k + 1 < end and text[k + 1] == " ":
            possessive = k if possessive is None else possessive
            continue
        return k
    return possessive


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink ``[start, end)`` past surrounding whitespace; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in ranges)


def _outermost(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Sort spans and drop any that lies inside another one (a nested quote)."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    kept: list[QuoteSpan] = []
    for span in ordered:
        if not any(k.start <= span.start and span.end <= k.end for k in kept):
            kept.append(span)
    return kept


# ---------------------------------------------------------------- attribution


@dataclass(frozen=True)
class _Speaker:
    """Who said a quote, as resolved: actor name (or text as written), id, mention."""

    name: str
    actor_id: str | None
    mention: str
    kind: str | None = None  # person | org | igo | state | None (unknown)
    plural: bool = False
    gender: str | None = None


@dataclass
class _Context:
    """What attribution reads: the Doc, the mentions outside quotes and the quote map."""

    doc: Doc
    actors: ActorSet
    cues: Cues
    spans: list[QuoteSpan]
    quoted: bytearray
    mentions: list[Mention]
    starts: list[int]
    paragraphs: list[tuple[int, int]]
    _subjects: list[tuple[int, str, _Speaker]] | None = field(default=None)

    def token_at(self, char: int) -> Token:
        """Return the token that holds (or follows) character ``char``."""
        i = max(0, bisect.bisect_right(self.starts, char) - 1)
        return self.doc[i]

    def tokens(self, start: int, end: int) -> Iterator[Token]:
        """Yield the tokens starting in ``[start, end)``."""
        i = bisect.bisect_left(self.starts, start)
        while i < len(self.doc) and self.doc[i].idx < end:
            yield self.doc[i]
            i += 1

    def is_quoted(self, tok: Token) -> bool:
        """Is the token inside a quotation (marks included)?"""
        return bool(self.quoted[tok.idx])

    def paragraph_of(self, char: int) -> tuple[int, int]:
        """Return the paragraph holding ``char``."""
        for start, end in self.paragraphs:
            if start <= char < end or char == end:
                return start, end
        return 0, len(self.doc.text)


def find_quotes(doc: Doc, actors: ActorSet) -> list[Quote]:
    """Return the quotations in ``doc`` with their speakers, in text order.

    Args:
        doc: the parsed article body.
        actors: the actor stage's actors and mentions.

    Returns:
        direct and partial quotes (every quoted span), then indirect quotes
        ("X said that ...") whose speaker is a known actor.
    """
    ctx = _context(doc, actors)
    digest = hashlib.sha1(doc.text.encode("utf-8")).hexdigest()
    quotes: list[Quote] = []
    attributed: list[tuple[QuoteSpan, _Speaker | None]] = []
    cue_tokens: set[int] = set()
    for span in ctx.spans:
        speaker, cue = _attribute(ctx, span, attributed)
        attributed.append((span, speaker))
        if cue is not None:
            cue_tokens.add(cue.i)
        quotes.append(_quote(ctx, digest, span, speaker, cue, _kind(ctx, span)))
    quotes.extend(_indirect_quotes(ctx, digest, cue_tokens))
    return quotes


def _context(doc: Doc, actors: ActorSet) -> _Context:
    text = doc.text
    spans = quote_spans(text)
    quoted = bytearray(len(text) + 1)
    for span in spans:
        for s, e in span.pieces:
            for k in range(max(0, s - 1), min(len(text), e + 1)):
                quoted[k] = 1
    mentions = sorted((m for m in actors.mentions if not quoted[min(m.start, len(text))]), key=lambda m: m.start)
    return _Context(doc, actors, load_cues(), spans, quoted, mentions, [t.idx for t in doc], paragraphs(text))


def _quote(
    ctx: _Context, digest: str, span: QuoteSpan, speaker: _Speaker | None, cue: Token | None, kind: QuoteKind
) -> Quote:
    text = span.text(ctx.doc.text)
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
        sentence=ctx.token_at(span.start).sent.text.strip(),
    )


def _cue_text(cue: Token | None) -> str | None:
    if cue is None:
        return None
    if cue.lower_ == "according":
        return "according to"
    return cue.text


def _kind(ctx: _Context, span: QuoteSpan) -> QuoteKind:
    """A quote is direct when it stands as its own sentence (or after a colon/comma), else partial."""
    text = ctx.doc.text
    para_start = ctx.paragraph_of(span.start)[0]
    before = text[para_start : span.start - 1].rstrip()
    first = text[span.start]
    if not (first.isupper() or first.isdigit() or first in ALL_MARKS):
        return "partial"
    if not before or before[-1] in ".:!?,;—–" or before[-1] in ALL_MARKS:
        return "direct"
    last = ctx.token_at(len(before) - 1)
    return "direct" if last.lemma_.lower() in ctx.cues.direct_verbs else "partial"


# ---------------------------------------------------------------- finding the speaker


def _attribute(
    ctx: _Context, span: QuoteSpan, previous: list[tuple[QuoteSpan, _Speaker | None]]
) -> tuple[_Speaker | None, Token | None]:
    """Return the speaker of ``span`` and the cue that names it."""
    unresolved: Token | None = None
    for cue in _candidate_cues(ctx, span):
        speaker = _speaker_of_cue(ctx, cue)
        if speaker is not None:
            return speaker, cue
        if unresolved is None and _subject_of(ctx, cue) is not None:
            unresolved = cue
    if unresolved is not None:
        return None, unresolved  # a speaker is named but not resolved: better none than a guess
    speaker = _continued_speaker(ctx, span, previous)
    if speaker is not None:
        return speaker, None
    return _clause_subject(ctx, span), None


def _candidate_cues(ctx: _Context, span: QuoteSpan) -> Iterator[Token]:
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


def _sentence_cues(ctx: _Context, span: QuoteSpan) -> Iterator[Token]:
    """Yield the cue verbs of the sentence around a quote, nearest first ("X 'a b' ..., Y said.")."""
    para_start, para_end = ctx.paragraph_of(span.start)
    start = _sentence_start(ctx, span.start - 1, para_start)
    end = _sentence_end(ctx, span.end + 1, para_end)
    cues = [t for t in ctx.tokens(start, end) if _is_cue_verb(ctx, t, ctx.cues.direct_verbs)]
    yield from sorted(cues, key=lambda t: min(abs(t.idx - span.start), abs(t.idx - span.end)))


def _quote_tokens(ctx: _Context, span: QuoteSpan) -> Iterator[Token]:
    for s, e in span.pieces:
        yield from ctx.tokens(s, e)


def _governing_cue(ctx: _Context, span: QuoteSpan) -> Token | None:
    """Return the nearest cue verb (or "according to") above the quote in the parse."""
    best: tuple[int, Token] | None = None
    for tok in _quote_tokens(ctx, span):
        if not ctx.is_quoted(tok.head) or tok.head is tok:
            cue = _climb_to_cue(ctx, tok)
            if cue is not None:
                distance = min(abs(cue.idx - span.start), abs(cue.idx - span.end))
                if best is None or distance < best[0]:
                    best = (distance, cue)
    return best[1] if best else None


def _climb_to_cue(ctx: _Context, tok: Token) -> Token | None:
    """Climb the heads above ``tok`` to the first cue verb outside the quote."""
    node = tok
    for _ in range(12):
        if not ctx.is_quoted(node):
            if _is_cue_verb(ctx, node, ctx.cues.direct_verbs) or (
                _is_cue_verb(ctx, node, ctx.cues.label_verbs) and _own_subject(node) is not None
            ):
                return node
            according = _according_to(node)
            if according is not None:
                return according
        if node.head is node:
            return None
        node = node.head
    return None


def _according_to(tok: Token) -> Token | None:
    """Return the "according" token of an "according to X" attached to ``tok``."""
    if tok.lower_ == "according":
        return tok if _according_object(tok) is not None else None
    for child in tok.children:
        if child.lower_ == "according" and _according_object(child) is not None:
            return child
    return None


def _according_object(tok: Token) -> Token | None:
    for to in tok.children:
        if to.lower_ == "to":
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _is_cue_verb(ctx: _Context, tok: Token, verbs: frozenset[str]) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in verbs and not ctx.is_quoted(tok)


def _after_cue(ctx: _Context, span: QuoteSpan) -> Token | None:
    """Return the cue verb in ``"...," X said`` / ``"...," said X`` after the quote."""
    text = ctx.doc.text
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
        if _is_cue_verb(ctx, tok, ctx.cues.direct_verbs) or _according_to(tok) is tok:
            return tok
        words += not tok.is_punct
        if words > MAX_AFTER_CUE_WORDS:
            break
    return None


def _before_cue(ctx: _Context, span: QuoteSpan) -> Token | None:
    """Return the cue verb in ``X said: "..."`` or ``X said, "..."`` before the quote."""
    text = ctx.doc.text
    open_mark = span.start - 1
    frame_start = _sentence_start(ctx, open_mark, ctx.paragraph_of(span.start)[0])
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


def _sentence_end(ctx: _Context, start: int, limit: int) -> int:
    """Return the end of the sentence (outside quotes) running from ``start``."""
    text = ctx.doc.text
    for k in range(start, limit):
        if text[k] in ".!?" and not ctx.quoted[k] and _ends_sentence(ctx, k, limit):
            return k + 1
    return limit


def _sentence_start(ctx: _Context, end: int, limit: int) -> int:
    """Return the start of the sentence (outside quotes) that runs up to ``end``."""
    text = ctx.doc.text
    for k in range(end - 1, limit - 1, -1):
        if ctx.quoted[k] and text[k] in ALL_MARKS and k + 1 < end and not ctx.quoted[k + 1]:
            return k + 1  # just after the close of an earlier quote
        if text[k] in ".!?" and not ctx.quoted[k] and _ends_sentence(ctx, k, end):
            return k + 1
    return limit


def _ends_sentence(ctx: _Context, k: int, limit: int) -> bool:
    """Does the full stop at ``k`` end a sentence (not an abbreviation like "U.S." or "Gen.")?"""
    text = ctx.doc.text
    if k + 1 < limit and not text[k + 1].isspace():
        return False
    if text[k] != ".":
        return True
    word = re.search(r"[\w.]*$", text[max(0, k - 12) : k])
    stem = word.group(0) if word else ""
    if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Z]", stem):
        return False
    return stem.lower() not in ctx.cues.abbreviations


def _speaker_of_cue(ctx: _Context, cue: Token) -> _Speaker | None:
    """Return the speaker a cue names: "according to" object, else the verb's subject."""
    if cue.lower_ == "according":
        obj = _according_object(cue)
        return _resolve(ctx, obj) if obj is not None else None
    subject = _subject_of(ctx, cue) or _subject_near(ctx, cue)
    return _resolve(ctx, subject) if subject is not None else None


def _own_subject(verb: Token) -> Token | None:
    """Return the subject written with ``verb`` itself (nsubj, or the object of a passive "by")."""
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS:
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _subject_of(ctx: _Context, verb: Token) -> Token | None:
    """Return the subject of ``verb``, climbing from a participle or conjunct to its head verb."""
    node = verb
    for _ in range(6):
        subject = _own_subject(node)
        if subject is not None:
            return None if ctx.is_quoted(subject) else subject
        if node.dep_ not in _CLIMB_DEPS or node.head is node or ctx.is_quoted(node.head):
            return None
        node = node.head
    return None


def _subject_near(ctx: _Context, cue: Token) -> Token | None:
    """Return the noun just before a cue ("..., Jens Stoltenberg, said") or just after it ("said X")."""
    sent = cue.sent
    for tok in reversed(sent[: cue.i - sent.start]):
        if ctx.is_quoted(tok) or tok.pos_ in ("VERB", "AUX"):
            break
        if tok.pos_ in ("PROPN", "NOUN", "PRON") and tok.dep_ != "compound":
            return tok
    for tok in sent[cue.i - sent.start + 1 :]:
        if ctx.is_quoted(tok) or tok.pos_ in ("VERB", "AUX", "ADP") or tok.is_punct:
            break
        if tok.pos_ in ("PROPN", "NOUN") and tok.dep_ != "compound":
            return tok
    return None


def _resolve(ctx: _Context, tok: Token) -> _Speaker | None:
    """Map a subject token to the speaker it names."""
    if tok.lower_ in _RELATIVE and tok.head.dep_ in ("relcl", "acl") and tok.head.head is not tok:
        tok = tok.head.head
    covering = _covering_mention(ctx, tok)
    if covering is not None:
        return _from_mention(ctx, covering, tok.text if tok.pos_ == "PRON" else covering.text)
    if tok.pos_ == "PRON":
        return _resolve_pronoun(ctx, tok)
    return _resolve_phrase(ctx, tok)


def _covering_mention(ctx: _Context, tok: Token) -> Mention | None:
    end = tok.idx + len(tok.text)
    for mention in ctx.mentions:
        if mention.start <= tok.idx and end <= mention.end and ctx.actors.by_id(mention.actor_id):
            return mention
    return None


def _from_mention(ctx: _Context, mention: Mention, written: str) -> _Speaker | None:
    actor = ctx.actors.by_id(mention.actor_id)
    if actor is None:
        return None
    return _actor_speaker(actor, written)


def _actor_speaker(actor: Actor, written: str) -> _Speaker:
    return _Speaker(actor.name, actor.id, written, actor.kind, False, actor.gender)


def _resolve_phrase(ctx: _Context, tok: Token) -> _Speaker | None:
    """Map a noun phrase headed by ``tok`` to a speaker (see module docstring)."""
    for appos in (c for c in tok.children if c.dep_ == "appos"):
        person = _first_mention(ctx, appos.left_edge.idx, _right(appos.right_edge), {"person"})
        if person is None and appos.pos_ == "PROPN" and appos.ent_type_ == "PERSON":
            person = _as_written(ctx, appos)
        if person is not None:
            return person
    lemma = tok.lemma_.lower()
    start, end = _phrase_bounds(tok)
    if lemma in ctx.cues.spokesperson_nouns:
        org = _spokesperson_org(ctx, tok)
        if org is not None:
            return org
    if lemma in ctx.cues.unnamed_nouns and tok.ent_type_ != "PERSON" and tok.pos_ != "PROPN":
        if _is_definite(tok):
            earlier = _earlier_subject(ctx, tok)
            if earlier is not None:
                return earlier
        else:
            group = _first_mention(ctx, start, end, {"org", "igo"})
            return group or _unnamed(ctx, tok, start, end)
    found = _first_mention(ctx, start, end, {"person"}) or _first_mention(ctx, start, end, {"org", "igo", "state"})
    if found is not None:
        return found
    return _as_written(ctx, tok)


def _right(tok: Token) -> int:
    return tok.idx + len(tok.text)


def _phrase_bounds(tok: Token) -> tuple[int, int]:
    """Return the characters of ``tok``'s phrase without relative clauses."""
    right = tok
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj"):
            break
        right = child.right_edge
    return tok.left_edge.idx, _right(right)


def _first_mention(ctx: _Context, start: int, end: int, kinds: set[str]) -> _Speaker | None:
    for mention in ctx.mentions:
        if start <= mention.start and mention.end <= end:
            actor = ctx.actors.by_id(mention.actor_id)
            if actor is not None and actor.kind in kinds:
                return _actor_speaker(actor, mention.text)
    return None


def _spokesperson_org(ctx: _Context, tok: Token) -> _Speaker | None:
    """Return the organisation a spokesperson without a name speaks for."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _resolve(ctx, obj)
        if child.dep_ == "poss" and child.pos_ == "PRON":
            owner = _resolve(ctx, child)
            if owner is not None:
                return owner
    start, end = _phrase_bounds(tok)
    return _first_mention(ctx, start, end, {"org", "igo", "state"})


def _is_definite(tok: Token) -> bool:
    """Does the noun phrase point back ("the ministers", "its officials")?"""
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "these", "those")) or c.dep_ == "poss" for c in tok.children
    )


def _earlier_subject(ctx: _Context, tok: Token) -> _Speaker | None:
    """Return the actor of an earlier subject with the same head noun ("ministers of the Quad" ... "the ministers")."""
    lemma = tok.lemma_.lower()
    for position, head, speaker in reversed(_subjects(ctx)):
        if position < tok.idx and head == lemma and speaker.actor_id is not None:
            written = ctx.doc.text[tok.left_edge.idx : _right(tok)]
            return _Speaker(speaker.name, speaker.actor_id, written, speaker.kind, speaker.plural, speaker.gender)
    return None


def _unnamed(ctx: _Context, tok: Token, start: int, end: int) -> _Speaker:
    """Return an unnamed speaker ("a senior official"), with its state where the phrase gives one."""
    state = _first_mention(ctx, start, end, {"state", "org", "igo"})
    label = f"unnamed {tok.lemma_.lower()}"
    written = ctx.doc.text[start:end]
    if state is None:
        return _Speaker(label, None, written, "person", tok.tag_ in ("NNS", "NNPS"))
    return _Speaker(f"{label} ({state.name})", None, written, "person", tok.tag_ in ("NNS", "NNPS"))


def _as_written(ctx: _Context, tok: Token) -> _Speaker | None:
    """Return a speaker named only by its words ("Protest leaders", "the army")."""
    start, end = _phrase_bounds(tok)
    if len(list(ctx.tokens(start, end))) > MAX_NAME_TOKENS:
        start, end = tok.left_edge.idx, _right(tok)
    written = ctx.doc.text[start:end].strip(" \t\n,;:" + ALL_MARKS)
    if not written or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    kind = _guess_kind(ctx, tok)
    return _Speaker(written, None, written, kind, tok.tag_ in ("NNS", "NNPS"), _title_gender(ctx, start, end))


def _title_gender(ctx: _Context, start: int, end: int) -> str | None:
    """Return "m" or "f" when a title in the phrase tells ("Mr.", "Queen"), else None."""
    for tok in ctx.tokens(start, end):
        word = tok.lower_.rstrip(".")
        if word in ctx.cues.male_titles:
            return "m"
        if word in ctx.cues.female_titles:
            return "f"
    return None


def _guess_kind(ctx: _Context, tok: Token) -> str | None:
    """Guess the kind of a speaker no actor covers, from the entity tagger and the article's person names."""
    if tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and tok.text in _person_words(ctx.doc)):
        return "person"
    if tok.lemma_.lower() in ctx.cues.org_nouns or tok.ent_type_ == "ORG":
        return "org"
    if tok.ent_type_ == "GPE":
        return "state"
    return None


def _person_words(doc: Doc) -> frozenset[str]:
    """Return the words of the article's multi-word person names (so "Karim" alone is a person too)."""
    return frozenset(t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent)


def _resolve_pronoun(ctx: _Context, tok: Token) -> _Speaker | None:
    """Resolve he/she/it/they to the latest compatible subject before ``tok``."""
    want = _PERSONAL.get(tok.lower_)
    if want is None:
        return None
    kind, gender, plural = want
    for position, _head, candidate in reversed(_subjects(ctx)):
        if position >= tok.idx:
            continue
        if _compatible(candidate, kind, gender, plural):
            return _Speaker(candidate.name, candidate.actor_id, tok.text, candidate.kind, candidate.plural,
                            candidate.gender)
    return None


def _compatible(candidate: _Speaker, kind: str, gender: str | None, plural: bool) -> bool:
    if kind == "person":
        return candidate.kind == "person" and not candidate.plural and candidate.gender in (None, gender)
    if kind == "thing":
        return candidate.kind in ("org", "igo", "state") and not candidate.plural
    return candidate.plural or candidate.kind in ("org", "igo", "state")


def _subjects(ctx: _Context) -> list[tuple[int, str, _Speaker]]:
    """Return every non-pronoun subject outside quotes as (offset, head lemma, speaker), in text order."""
    if ctx._subjects is None:
        found: list[tuple[int, str, _Speaker]] = []
        ctx._subjects = found  # filled in text order: a pronoun inside a subject sees the earlier ones
        for tok in ctx.doc:
            if tok.dep_ in _SUBJECT_DEPS and tok.pos_ != "PRON" and not ctx.is_quoted(tok):
                speaker = _resolve(ctx, tok)
                if speaker is not None and speaker.kind is not None:
                    found.append((tok.idx, tok.lemma_.lower(), speaker))
    return ctx._subjects


def _continued_speaker(
    ctx: _Context, span: QuoteSpan, previous: list[tuple[QuoteSpan, _Speaker | None]]
) -> _Speaker | None:
    """Return the speaker of the quote just before, when this quote continues it."""
    if not previous:
        return None
    last_span, last_speaker = previous[-1]
    if last_speaker is None:
        return None
    here = ctx.paragraph_of(span.start)
    there = ctx.paragraph_of(last_span.end)
    if here == there:
        return last_speaker
    text = ctx.doc.text
    opens_paragraph = not text[here[0] : span.start - 1].strip()
    index = ctx.paragraphs.index(here) if here in ctx.paragraphs else -1
    if opens_paragraph and index > 0 and ctx.paragraphs[index - 1] == there:
        return last_speaker
    return None


def _clause_subject(ctx: _Context, span: QuoteSpan) -> _Speaker | None:
    """Return the subject of the clause a partial quote sits in, or of the sentence before a direct one."""
    for tok in _quote_tokens(ctx, span):
        if ctx.is_quoted(tok.head) and tok.head is not tok:
            continue
        node = tok.head if tok.head is not tok else tok
        for _ in range(8):
            if not ctx.is_quoted(node) and node.pos_ in ("VERB", "AUX"):
                subject = _subject_of(ctx, node)
                if subject is not None:
                    return _resolve(ctx, subject)
            if node.head is node:
                break
            node = node.head
    return None


# ---------------------------------------------------------------- indirect speech


def _indirect_quotes(ctx: _Context, digest: str, used: set[int]) -> Iterator[Quote]:
    """Yield "X said (that) ..." reports whose speaker is a known actor and that hold no quote."""
    for tok in ctx.doc:
        if tok.i in used or tok.dep_ == "relcl" or not _is_cue_verb(ctx, tok, ctx.cues.indirect_verbs):
            continue
        clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        if clause is None:
            continue
        start, end = clause.left_edge.idx, _right(clause.right_edge)
        if any(ctx.quoted[start:end]):
            continue
        subject = _subject_of(ctx, tok)
        speaker = _resolve(ctx, subject) if subject is not None else None
        if speaker is None or speaker.actor_id is None:
            continue
        start = _clause_start(ctx, start, end)
        text = ctx.doc.text[start:end]
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
            sentence=tok.sent.text.strip(),
        )


def _clause_start(ctx: _Context, start: int, end: int) -> int:
    """Skip a dateline ("WARSAW -- ") and a leading "that" in a reported clause."""
    dateline = re.match(r"[A-Z][A-Z .,'’-]+ (?:--|—|–) ", ctx.doc.text[start:end])
    if dateline:
        start += dateline.end()
    first = next(ctx.tokens(start, end), None)
    if first is not None and first.dep_ == "mark" and first.lower_ == "that":
        start = first.idx + len(first.text)
        start += len(ctx.doc.text[start:end]) - len(ctx.doc.text[start:end].lstrip())
    return start
