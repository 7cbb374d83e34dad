"""What quote attribution reads: the cue word lists, the speaker records and the context of one Doc."""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, LOWER, POS
from spacy.symbols import AUX, PRON, VERB
from spacy.tokens import Doc, Token

from communique.config import load_data_yaml
from communique.extract.quote_marks import (
    QuoteSpan,
    paragraphs,
    quote_spans,
)
from communique.nlp import TokenTable, doc_lemmas, doc_text, token_table
from communique.records import Actor, ActorSet, Mention

#: Subject dependency labels.
SUBJECT_DEPS = ("nsubj", "nsubjpass")


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


class Speaker(NamedTuple):
    """Who said a quote, as resolved: actor name (or text as written), id, mention."""

    name: str
    actor_id: str | None
    mention: str
    kind: str | None = None  # person | org | igo | state | None (unknown)
    plural: bool = False
    gender: str | None = None


class Subject(NamedTuple):
    """A subject seen in the text: where, its head noun and number, whether of a main clause, and who it is."""

    position: int
    head: str
    plural: bool
    main: bool
    speaker: Speaker


@dataclass
class QuoteContext:
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
    subject_cache: list[Subject] | None = field(default=None)  # filled by quote_speakers on first use
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


def build_context(doc: Doc, actors: ActorSet) -> QuoteContext:
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
    return QuoteContext(
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
    """Return the paragraph index of each token (as ``QuoteContext.paragraph_index`` gives it for the token's start)."""
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
    is_subject = (deps == strings[SUBJECT_DEPS[0]]) | (deps == strings[SUBJECT_DEPS[1]])
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
