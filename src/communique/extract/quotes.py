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

import bisect
import functools
import hashlib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, LOWER, POS
from spacy.symbols import AUX, PRON, VERB
from spacy.tokens import Doc, Token

from communique.config import load_data_yaml
from communique.extract.quote_marks import (
    ALL_MARKS,
    DOUBLE_OPEN,
    STRAIGHT_DOUBLE,
    QuoteSpan,
    paragraphs,
    quote_spans,
)
from communique.ids import make_id
from communique.nlp import TokenTable, doc_lemmas, doc_text, token_table
from communique.records import Actor, ActorSet, Mention, Quote, QuoteKind

__all__ = ["Cues", "QuoteSpan", "find_quotes", "load_cues", "paragraphs", "quote_spans"]

#: How many words into the text after a quote its cue verb may sit.
MAX_AFTER_CUE_WORDS = 14
#: Longest phrase (in tokens) kept as a speaker name as written.
MAX_NAME_TOKENS = 8
#: Paragraphs back (besides the pronoun's own) where a main-clause subject is preferred as antecedent.
PRONOUN_PARAGRAPHS = 2
#: Subject dependency labels.
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: Clause links climbed from a verb without a subject to the verb that has one.
_CLIMB_DEPS = ("conj", "advcl", "xcomp", "acl", "pcomp", "prep")
_PERSONAL = {"he": ("person", "m", False), "him": ("person", "m", False), "she": ("person", "f", False),
             "her": ("person", "f", False), "it": ("thing", None, False), "they": ("any", None, True),
             "them": ("any", None, True)}
_RELATIVE = {"which", "who", "that", "whom"}
#: Characters that may end a sentence; and those or a quote mark (where a sentence may start).
_STOP = re.compile(r"[.!?]")
_STOP_OR_MARK = re.compile(f"[.!?{re.escape(ALL_MARKS)}]")
#: The word (with its dots) before a full stop, and initials ("U.S", "J").
_LAST_WORD = re.compile(r"[\w.]*$")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Z]")
#: A dateline opening a reported clause ("WARSAW -- ").
_DATELINE = re.compile(r"[A-Z][A-Z .,'’-]+ (?:--|—|–) ")


@dataclass(frozen=True)
class Cues:
    """The word lists of ``knowledge/data/quote_cues.yaml``."""

    direct_verbs: frozenset[str]
    label_verbs: frozenset[str]
    indirect_verbs: frozenset[str]
    spokesperson_nouns: frozenset[str]
    statement_nouns: frozenset[str]
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
    raw = load_data_yaml("quote_cues.yaml")
    return Cues(**{name: frozenset(str(w).lower() for w in raw[name]) for name in Cues.__dataclass_fields__})


# ---------------------------------------------------------------- attribution


class _Speaker(NamedTuple):
    """Who said a quote, as resolved: actor name (or text as written), id, mention."""

    name: str
    actor_id: str | None
    mention: str
    kind: str | None = None  # person | org | igo | state | None (unknown)
    plural: bool = False
    gender: str | None = None


class _Subject(NamedTuple):
    """A subject seen in the text: where, its head noun and number, whether of a main clause, and who it is."""

    position: int
    head: str
    plural: bool
    main: bool
    speaker: _Speaker


@dataclass
class _Context:
    """What attribution reads: the Doc, the mentions outside quotes and the quote map."""

    doc: Doc
    text: str  # doc.text, kept once (spaCy rebuilds it on every access)
    cues: Cues
    spans: list[QuoteSpan]
    quoted: bytearray
    mentions: list[Mention]  # in text order
    mention_starts: list[int]
    mention_reach: list[int]  # the furthest end of the mentions up to each one
    actors: dict[str, Actor]
    paragraphs: list[tuple[int, int]]
    paragraph_starts: list[int]
    token_paragraphs: list[int]  # paragraph_index of each token
    # the fields of _TokenTable
    starts: list[int]
    heads: list[int]
    verb_lemmas: list[str | None]
    subject_tokens: list[int]
    sentence_starts: list[int]
    person_words: frozenset[str]
    according: frozenset[int]
    _subjects: list[_Subject] | None = field(default=None)
    phrases: dict[int, tuple[int, int]] = field(default_factory=dict)  # _phrase_bounds by token index

    def token_at(self, char: int) -> Token:
        """Return the token that holds (or follows) character ``char``."""
        i = max(0, bisect.bisect_right(self.starts, char) - 1)
        return self.doc[i]

    def token_range(self, start: int, end: int) -> range:
        """Return the indices of the tokens starting in ``[start, end)``."""
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))

    def tokens(self, start: int, end: int) -> Iterator[Token]:
        """Yield the tokens starting in ``[start, end)``."""
        doc = self.doc
        for i in self.token_range(start, end):
            yield doc[i]

    def is_quoted_at(self, i: int) -> bool:
        """Is the token at index ``i`` inside a quotation (marks included)?"""
        return bool(self.quoted[self.starts[i]])

    def is_quoted(self, tok: Token) -> bool:
        """Is the token inside a quotation (marks included)?"""
        return bool(self.quoted[tok.idx])

    def sentence_text(self, tok: Token) -> str:
        """Return the text of the sentence holding ``tok``, stripped (the sentence ``tok.sent`` gives)."""
        k = bisect.bisect_right(self.sentence_starts, tok.i)
        start = self.starts[self.sentence_starts[k - 1]] if k else 0
        end = self.starts[self.sentence_starts[k]] if k < len(self.sentence_starts) else len(self.text)
        return self.text[start:end].strip()  # only a space can lie between a token and the next

    def paragraph_index(self, char: int) -> int:
        """Return the index of the paragraph holding (or preceding) ``char``."""
        return max(0, bisect.bisect_right(self.paragraph_starts, char) - 1)

    def paragraph_of(self, char: int) -> tuple[int, int]:
        """Return the paragraph holding ``char`` (the one before it, for a gap between paragraphs)."""
        return self.paragraphs[self.paragraph_index(char)] if self.paragraphs else (0, len(self.text))


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
    digest = hashlib.sha1(ctx.text.encode("utf-8")).hexdigest()
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
    text = doc_text(doc)
    paras = paragraphs(text)
    spans = quote_spans(text, paras)
    quoted = bytearray(len(text) + 1)
    for span in spans:
        for s, e in span.pieces:
            first, last = max(0, s - 1), min(len(text), e + 1)
            if last > first:
                quoted[first:last] = b"\x01" * (last - first)
    by_id = {actor.id: actor for actor in actors.actors}
    table = _token_table(doc, quoted)
    paragraph_starts = [s for s, _ in paras]
    mentions = sorted(
        (m for m in actors.mentions if m.actor_id in by_id and not quoted[min(m.start, len(text))]),
        key=lambda m: m.start,
    )
    return _Context(
        doc=doc,
        text=text,
        cues=load_cues(),
        spans=spans,
        quoted=quoted,
        mentions=mentions,
        mention_starts=[m.start for m in mentions],
        mention_reach=list(itertools.accumulate((m.end for m in mentions), max)),
        actors=by_id,
        paragraphs=paras,
        paragraph_starts=paragraph_starts,
        token_paragraphs=_token_paragraphs(table.starts, paragraph_starts),
        **table._asdict(),
    )


def _token_paragraphs(starts: list[int], paragraph_starts: list[int]) -> list[int]:
    """Return the paragraph index of each token (as ``_Context.paragraph_index`` gives it for the token's start)."""
    bounds = [bisect.bisect_left(starts, start) for start in paragraph_starts[1:]] + [len(starts)]
    indices = [0] * bounds[0]
    for k in range(1, len(bounds)):
        indices += [k] * (bounds[k] - bounds[k - 1])
    return indices


class _TokenTable(NamedTuple):
    """Token attributes attribution scans over, read from the Doc's arrays rather than token by token."""

    starts: list[int]  # character offset of each token
    heads: list[int]  # index of each token's head
    verb_lemmas: list[str | None]  # lower-case lemma of each verb outside quotes, None for other tokens
    subject_tokens: list[int]  # indices of the subjects outside quotes that are not pronouns
    sentence_starts: list[int]  # index of each sentence's first token
    person_words: frozenset[str]  # words of the article's multi-word person names ("Karim" alone is a person)
    according: frozenset[int]  # indices of the tokens "according" and of their heads


def _token_table(doc: Doc, quoted: bytearray) -> _TokenTable:
    """Read the :class:`_TokenTable` of ``doc``; ``quoted`` marks the characters inside quotations."""
    if not len(doc):
        return _TokenTable([], [], [], [], [], frozenset(), frozenset())
    strings = doc.vocab.strings
    tokens = token_table(doc)
    starts, heads = tokens.starts, tokens.heads
    pos, deps = tokens.column(POS), tokens.column(DEP)
    verb_lemmas: list[str | None] = [None] * len(starts)
    lemmas = doc_lemmas(doc)
    for i in ((pos == VERB) | (pos == AUX)).nonzero()[0].tolist():
        if not quoted[starts[i]]:
            verb_lemmas[i] = lemmas[i]
    is_subject = (deps == strings[_SUBJECT_DEPS[0]]) | (deps == strings[_SUBJECT_DEPS[1]])
    subjects = (is_subject & (pos != PRON)).nonzero()[0].tolist()
    according = (tokens.column(LOWER) == strings["according"]).nonzero()[0].tolist()
    return _TokenTable(
        starts=starts,
        heads=heads,
        verb_lemmas=verb_lemmas,
        subject_tokens=[i for i in subjects if not quoted[starts[i]]],
        sentence_starts=tokens.sentence_starts,
        person_words=_person_words(tokens, tokens.column(ENT_IOB), tokens.column(ENT_TYPE) == strings["PERSON"]),
        according=frozenset(j for i in according for j in (i, heads[i])),
    )


def _person_words(tokens: TokenTable, iob: Any, person: Any) -> frozenset[str]:
    """Return the words of the multi-word PERSON entities, from the entity columns (as ``doc.ents`` reads them).

    ``iob`` is the ENT_IOB column (3 begins an entity, 1 continues it) and
    ``person`` marks the tokens whose entity type is PERSON.
    """
    inside = iob.tolist()
    words: set[str] = set()
    for begin in ((iob == 3) & person).nonzero()[0].tolist():
        end = begin + 1
        while end < len(inside) and inside[end] == 1:
            end += 1
        if end - begin > 1:
            words.update(tokens.words[begin:end])
    return frozenset(words)


def _quote(
    ctx: _Context, digest: str, span: QuoteSpan, speaker: _Speaker | None, cue: Token | None, kind: QuoteKind
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


def _kind(ctx: _Context, span: QuoteSpan) -> QuoteKind:
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
    end = span.end + 1 if _closes_sentence(ctx, span, para_end) else _sentence_end(ctx, span.end + 1, para_end)
    verbs = ctx.cues.direct_verbs
    cues = [ctx.doc[i] for i in ctx.token_range(start, end) if ctx.verb_lemmas[i] in verbs]
    yield from sorted(cues, key=lambda t: min(abs(t.idx - span.start), abs(t.idx - span.end)))


def _closes_sentence(ctx: _Context, span: QuoteSpan, para_end: int) -> bool:
    """Does the quote end its sentence ('"... now." Next sentence')? Then the sentence after it is not its frame.

    Pattern: quoted words ending in . ! or ? followed by a capitalised word or a new quote; in
    a long article without paragraph breaks the next sentence would otherwise lend its cue.
    """
    inner = ctx.text[span.start : span.end].rstrip()
    lead = ctx.text[span.end + 1 : para_end].lstrip()
    return bool(inner) and inner[-1] in ".!?" and bool(lead) and (lead[0].isupper() or lead[0] in DOUBLE_OPEN + STRAIGHT_DOUBLE)


def _quote_token_indices(ctx: _Context, span: QuoteSpan) -> Iterator[int]:
    for s, e in span.pieces:
        yield from ctx.token_range(s, e)


def _governing_cue(ctx: _Context, span: QuoteSpan) -> Token | None:
    """Return the nearest cue verb (or "according to") above the quote in the parse."""
    best: tuple[int, Token] | None = None
    for i in _quote_token_indices(ctx, span):
        head = ctx.heads[i]
        if not ctx.is_quoted_at(head) or head == i:
            cue = _climb_to_cue(ctx, ctx.doc[i])
            if cue is not None:
                distance = min(abs(cue.idx - span.start), abs(cue.idx - span.end))
                if best is None or distance < best[0]:
                    best = (distance, cue)
    return best[1] if best else None


def _climb_to_cue(ctx: _Context, tok: Token) -> Token | None:
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
        if node.head is node or not _same_paragraph(ctx, node, node.head):
            return None
        node = node.head
    return None


def _same_paragraph(ctx: _Context, a: Token, b: Token) -> bool:
    """Are two tokens in the same paragraph? (The parser links across paragraph breaks.)"""
    return ctx.token_paragraphs[a.i] == ctx.token_paragraphs[b.i]


def _according_to(ctx: _Context, tok: Token) -> Token | None:
    """Return the "according" token of an "according to X" attached to ``tok``."""
    if tok.i not in ctx.according:
        return None
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
    """Is ``tok`` a verb outside quotes whose lemma is one of ``verbs``?"""
    return ctx.verb_lemmas[tok.i] in verbs


def _after_cue(ctx: _Context, span: QuoteSpan) -> Token | None:
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


def _before_cue(ctx: _Context, span: QuoteSpan) -> Token | None:
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


def _sentence_end(ctx: _Context, start: int, limit: int) -> int:
    """Return the end of the sentence (outside quotes) running from ``start``."""
    for mark in _STOP.finditer(ctx.text, start, limit):
        k = mark.start()
        if not ctx.quoted[k] and _ends_sentence(ctx, k, limit):
            return k + 1
    return limit


def _sentence_start(ctx: _Context, end: int, limit: int) -> int:
    """Return the start of the sentence (outside quotes) that runs up to ``end``."""
    text = ctx.text
    for mark in reversed(list(_STOP_OR_MARK.finditer(text, limit, end))):
        k = mark.start()
        if ctx.quoted[k] and text[k] in ALL_MARKS and k + 1 < end and not ctx.quoted[k + 1]:
            return k + 1  # just after the close of an earlier quote
        if text[k] in ".!?" and not ctx.quoted[k] and _ends_sentence(ctx, k, end):
            return k + 1
    return limit


def _ends_sentence(ctx: _Context, k: int, limit: int) -> bool:
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


def _speaker_of_cue(ctx: _Context, cue: Token) -> _Speaker | None:
    """Return the speaker a cue names: "according to" object, else the verb's subject."""
    if cue.lower_ == "according":
        obj = _according_object(cue)
        return _resolve(ctx, obj) if obj is not None else None
    subject = _subject_of(ctx, cue) or _subject_near(ctx, cue)
    return _resolve(ctx, subject) if subject is not None else None


def _own_subject(verb: Token) -> Token | None:
    """Return the subject written with ``verb`` itself (nsubj, or the object of a passive "by")."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if subjects:  # nearest first: "BAMAKO -- Mali's government gave" has a dateline parsed as subject too
        return min(subjects, key=lambda c: abs(verb.i - c.i))
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _subject_of(ctx: _Context, verb: Token) -> Token | None:
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
            return _subject_of(ctx, node.head)
        if subject is not None:
            return None if ctx.is_quoted(subject) or not _same_paragraph(ctx, subject, verb) else subject
        if node.dep_ not in _CLIMB_DEPS or node.head is node or ctx.is_quoted(node.head):
            return None
        if not _same_paragraph(ctx, node, node.head):
            return None
        node = node.head
    return None


def _subject_near(ctx: _Context, cue: Token) -> Token | None:
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


def _resolve(ctx: _Context, tok: Token) -> _Speaker | None:
    """Map a subject token to the speaker it names."""
    if tok.lower_ in _RELATIVE and tok.head.dep_ in ("relcl", "acl") and tok.head.head is not tok:
        tok = tok.head.head
    covering = _covering_mention(ctx, tok)
    if tok.pos_ == "PRON":
        # our own reading first (speaker-oriented); the actor stage's link when we find none
        own = _resolve_pronoun(ctx, tok)
        if own is not None or covering is None:
            return own
        return _from_mention(ctx, covering, tok.text)
    if covering is not None:
        return _from_mention(ctx, covering, _written(ctx, tok) or covering.text)
    return _resolve_phrase(ctx, tok)


def _written(ctx: _Context, tok: Token) -> str | None:
    """Return the phrase headed by ``tok`` as written ("China's coast guard"), when short enough to be a name."""
    start, end = _phrase_bounds(ctx, tok)
    if len(ctx.token_range(start, end)) > MAX_NAME_TOKENS:
        return None
    return _clean(ctx.text[start:end]) or None


def _covering_mention(ctx: _Context, tok: Token) -> Mention | None:
    """Return the first mention (in text order) that covers ``tok``."""
    first = bisect.bisect_left(ctx.mention_reach, tok.idx + len(tok.text))  # the first that reaches the token's end
    return ctx.mentions[first] if first < bisect.bisect_right(ctx.mention_starts, tok.idx) else None


def _from_mention(ctx: _Context, mention: Mention, written: str) -> _Speaker:
    return _actor_speaker(ctx.actors[mention.actor_id], written)


def _actor_speaker(actor: Actor, written: str) -> _Speaker:
    return _Speaker(actor.name, actor.id, written, actor.kind, False, actor.gender)


def _resolve_phrase(ctx: _Context, tok: Token) -> _Speaker | None:
    """Map a noun phrase headed by ``tok`` to a speaker (see module docstring)."""
    named = _appositive(ctx, tok)
    if named is not None:
        return named
    lemma = tok.lemma_.lower()
    start, end = _phrase_bounds(ctx, tok)
    if lemma in ctx.cues.spokesperson_nouns or lemma in ctx.cues.statement_nouns:
        org = _spokesperson_org(ctx, tok) or _recent_org(ctx, tok)
        if org is not None:
            return org
        if lemma in ctx.cues.statement_nouns:
            return _as_written(ctx, tok)
    common = tok.pos_ == "NOUN" and tok.ent_type_ != "PERSON"
    if common and _is_definite(tok):
        same = _same_head_subject(ctx, tok)
        if same is not None:
            return same
    if common and lemma in ctx.cues.unnamed_nouns and not _is_definite(tok):
        group = _first_mention(ctx, start, end, {"org", "igo"})
        return group or _unnamed(ctx, tok, start, end)
    found = _first_mention(ctx, start, end, {"person"}) or _first_mention(ctx, start, end, {"org", "igo", "state"})
    if found is not None:  # "the Pakistani military's media wing": the actor inside, the phrase as written
        return found._replace(mention=_written(ctx, tok) or found.mention)
    return _as_written(ctx, tok)


def _appositive(ctx: _Context, tok: Token) -> _Speaker | None:
    """Return who an apposition names: "the head of the alliance, Jens Stoltenberg" -> the person."""
    appositions = [c for c in tok.children if c.dep_ == "appos"]
    for appos in appositions:
        person = _first_mention(ctx, appos.left_edge.idx, _right(appos.right_edge), {"person"})
        if person is None and appos.pos_ == "PROPN" and appos.ent_type_ == "PERSON":
            person = _as_written(ctx, appos)
        if person is not None:
            return person
    for appos in appositions:
        named = _first_mention(ctx, appos.left_edge.idx, _right(appos.right_edge), {"org", "igo"})
        if named is not None:
            return named
    return None


def _recent_org(ctx: _Context, tok: Token) -> _Speaker | None:
    """Return the organisation a bare "a spokesperson" speaks for: the latest main-clause one nearby."""
    window_start = ctx.paragraphs[max(0, ctx.paragraph_index(tok.idx) - 1)][0] if ctx.paragraphs else 0
    for subject in reversed(_subjects(ctx)):
        if subject.position >= tok.idx:
            continue
        if subject.position < window_start:
            return None
        if subject.main and subject.speaker.kind in ("org", "igo") and subject.speaker.actor_id is not None:
            return subject.speaker
    return None


def _right(tok: Token) -> int:
    return tok.idx + len(tok.text)


def _phrase_bounds(ctx: _Context, tok: Token) -> tuple[int, int]:
    """Return the characters of ``tok``'s phrase without relative clauses (computed once per token)."""
    bounds = ctx.phrases.get(tok.i)
    if bounds is None:
        right = tok
        for child in tok.rights:
            if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj"):
                break
            right = child.right_edge
        bounds = ctx.phrases[tok.i] = (tok.left_edge.idx, _right(right))
    return bounds


def _first_mention(ctx: _Context, start: int, end: int, kinds: set[str]) -> _Speaker | None:
    """Return the first mention (in text order) inside ``[start, end)`` of an actor of one of ``kinds``."""
    first, last = bisect.bisect_left(ctx.mention_starts, start), bisect.bisect_right(ctx.mention_starts, end)
    for mention in ctx.mentions[first:last]:
        if mention.end <= end:
            actor = ctx.actors[mention.actor_id]
            if actor.kind in kinds:
                return _actor_speaker(actor, mention.text)
    return None


def _spokesperson_org(ctx: _Context, tok: Token) -> _Speaker | None:
    """Return the organisation a spokesperson (or a statement) without a name speaks for."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from", "by"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _resolve(ctx, obj)
        if child.dep_ == "poss":  # "its spokesman", "the army's statement"
            owner = _resolve(ctx, child)
            if owner is not None and (owner.actor_id is not None or owner.kind is not None):
                return owner
    start, end = _phrase_bounds(ctx, tok)
    org = _first_mention(ctx, start, end, {"org", "igo", "state"})
    if org is not None:
        return org
    compound = next((c for c in tok.lefts if c.dep_ in ("compound", "nmod") and c.pos_ in ("PROPN", "NOUN")), None)
    return _as_written(ctx, compound) if compound is not None else None


def _is_definite(tok: Token) -> bool:
    """Does the noun phrase point back ("the ministers", "its officials")?"""
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "these", "those")) or c.dep_ == "poss" for c in tok.children
    )


def _same_head_subject(ctx: _Context, tok: Token) -> _Speaker | None:
    """Return who a definite description names, from another subject with the same head noun.

    An earlier one that resolved to an actor ("Foreign ministers of the Quad"
    ... "the ministers"), else the one named person a later one resolves to
    ("their lawyer said" ... "said their lawyer, San San Yi").
    """
    lemma = tok.lemma_.lower()
    written = ctx.text[tok.left_edge.idx : _right(tok)]
    same = [s for s in _subjects(ctx) if s.head == lemma and s.plural == (tok.tag_ == "NNS") and s.position != tok.idx]
    earlier = [s.speaker for s in same if s.position < tok.idx and s.speaker.actor_id is not None]
    later = {s.speaker.name: s.speaker for s in same if s.position > tok.idx and s.speaker.kind == "person"}
    found = earlier[-1] if earlier else (next(iter(later.values())) if len(later) == 1 else None)
    if found is None or found.name == written:
        return None
    return _Speaker(found.name, found.actor_id, written, found.kind, found.plural, found.gender)


def _unnamed(ctx: _Context, tok: Token, start: int, end: int) -> _Speaker:
    """Return an unnamed speaker ("a senior official"), with its state where the phrase gives one."""
    state = _first_mention(ctx, start, end, {"state", "org", "igo"})
    label = f"unnamed {tok.lemma_.lower()}" + (f" ({state.name})" if state is not None else "")
    return _Speaker(label, None, _clean(ctx.text[start:end]), "person", tok.tag_ == "NNS")


def _as_written(ctx: _Context, tok: Token) -> _Speaker | None:
    """Return a speaker named only by its words ("Protest leaders", "the army")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    written = _written(ctx, tok) or _clean(ctx.text[tok.left_edge.idx : _right(tok)])
    if not written:
        return None
    gender = _title_gender(ctx, *_phrase_bounds(ctx, tok))
    return _Speaker(written, None, written, _guess_kind(ctx, tok), tok.tag_ == "NNS", gender)


def _clean(text: str) -> str:
    """Strip spaces, commas and quote marks around a name as written."""
    return text.strip(" \t\n,;:" + ALL_MARKS)


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
    if tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and tok.text in ctx.person_words):
        return "person"
    if tok.lemma_.lower() in ctx.cues.org_nouns or tok.ent_type_ == "ORG":
        return "org"
    if tok.ent_type_ == "GPE":
        return "state"
    return None


def _resolve_pronoun(ctx: _Context, tok: Token) -> _Speaker | None:
    """Resolve he/she/it/they to the latest compatible subject before ``tok``."""
    want = _PERSONAL.get(tok.lower_)
    if want is None:
        return None
    kind, gender, plural = want
    earlier = [s for s in _subjects(ctx) if s.position < tok.idx and _compatible(s.speaker, kind, gender, plural)]
    first = ctx.paragraph_index(tok.idx) - PRONOUN_PARAGRAPHS
    near_start = ctx.paragraphs[max(0, first)][0] if ctx.paragraphs else 0
    main = [s for s in earlier if s.main and s.position >= near_start]
    chosen = (main or earlier)[-1] if earlier else None
    if chosen is None:
        return None
    found = chosen.speaker
    return _Speaker(found.name, found.actor_id, tok.text, found.kind, found.plural, found.gender)


def _compatible(candidate: _Speaker, kind: str, gender: str | None, plural: bool) -> bool:
    if kind == "person":
        return candidate.kind == "person" and not candidate.plural and candidate.gender in (None, gender)
    if kind == "thing":
        return candidate.kind in ("org", "igo", "state") and not candidate.plural
    return candidate.plural or candidate.kind in ("org", "igo", "state")


def _subjects(ctx: _Context) -> list[_Subject]:
    """Return every non-pronoun subject outside quotes, resolved, in text order (computed once)."""
    if ctx._subjects is None:
        found: list[_Subject] = []
        ctx._subjects = found  # filled in text order: a pronoun inside a subject sees the earlier ones
        for i in ctx.subject_tokens:
            tok = ctx.doc[i]
            speaker = _resolve(ctx, tok)
            if speaker is not None and speaker.kind is not None:
                found.append(
                    _Subject(tok.idx, tok.lemma_.lower(), tok.tag_ == "NNS", _in_main_clause(ctx, tok), speaker)
                )
    return ctx._subjects


def _in_main_clause(ctx: _Context, subject: Token) -> bool:
    """Is ``subject`` the subject of its sentence's main verb (or of a verb coordinated with it)?

    A clause the parser hung under a verb of another paragraph or under a
    quotation is a main clause too (the parse runs across paragraph breaks).
    """
    verb = subject.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    if verb.dep_ == "ROOT":
        return True
    return ctx.is_quoted(verb.head) or ctx.paragraph_of(verb.head.idx) != ctx.paragraph_of(verb.idx)


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
        # a sentence between the two quotes whose subject is another person hands the word on
        # ('"...," Dujarric said. Maurer agreed. "..."'): the later quote is not a continuation
        return None if _new_person_between(ctx, last_span.end, span.start, last_speaker) else last_speaker
    opens_paragraph = not ctx.text[here[0] : span.start - 1].strip()
    index = ctx.paragraph_index(span.start)
    if opens_paragraph and index > 0 and ctx.paragraphs[index - 1] == there:
        return last_speaker
    return None


def _new_person_between(ctx: _Context, start: int, end: int, speaker: _Speaker) -> bool:
    """Is there a main-clause subject between ``start`` and ``end`` that names a person other than ``speaker``?"""
    return any(start < s.position < end and s.main and s.speaker.kind == "person" and s.speaker.name != speaker.name
               for s in _subjects(ctx))


def _clause_subject(ctx: _Context, span: QuoteSpan) -> _Speaker | None:
    """Return the subject of the clause a quote sits in ("Protesters chanted 'no'").

    A quote standing alone with no cue falls back to the main-clause subject
    of the sentence before it in the same paragraph ("X was defiant. '...'").
    """
    for i in _quote_token_indices(ctx, span):
        head = ctx.heads[i]
        if ctx.is_quoted_at(head) and head != i:
            continue
        node = ctx.doc[head]
        for _ in range(8):
            if not ctx.is_quoted(node) and node.pos_ in ("VERB", "AUX"):
                subject = _subject_of(ctx, node)
                if subject is not None:
                    return _resolve(ctx, subject)
            if node.head is node or not _same_paragraph(ctx, node, node.head):
                break
            node = node.head
    return _paragraph_subject(ctx, span)


def _paragraph_subject(ctx: _Context, span: QuoteSpan) -> _Speaker | None:
    """Return the latest main-clause person or organisation subject before ``span`` in its paragraph."""
    para_start = ctx.paragraph_of(span.start)[0]
    for subject in reversed(_subjects(ctx)):
        if subject.position >= span.start:
            continue
        if subject.position < para_start:
            return None
        if subject.main and subject.speaker.kind in ("person", "org", "igo"):
            return subject.speaker
    return None


# ---------------------------------------------------------------- indirect speech


def _indirect_quotes(ctx: _Context, digest: str, used: set[int]) -> Iterator[Quote]:
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
        start, end = clause.left_edge.idx, _right(clause.right_edge)
        if ctx.quoted.find(1, start, end) >= 0:
            continue
        subject = _subject_of(ctx, tok)
        speaker = _resolve(ctx, subject) if subject is not None else None
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


def _clause_start(ctx: _Context, start: int, end: int) -> int:
    """Skip a dateline ("WARSAW -- ") and a leading "that" in a reported clause."""
    dateline = _DATELINE.match(ctx.text[start:end])
    if dateline:
        start += dateline.end()
    first = next(ctx.tokens(start, end), None)
    if first is not None and first.dep_ == "mark" and first.lower_ == "that":
        start = first.idx + len(first.text)
        start += len(ctx.text[start:end]) - len(ctx.text[start:end].lstrip())
    return start
