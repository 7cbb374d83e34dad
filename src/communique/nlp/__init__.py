"""The spaCy pipeline: loaded once per process, used by every stage.

The ``Doc`` never leaves ``nlp`` and ``extract``: stages turn it into records.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from functools import cached_property
from typing import TypeVar, cast

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_SPACE,
    IS_TITLE,
    IS_UPPER,
    LEMMA,
    LENGTH,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SPACY,
)
from spacy.language import Language
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.strings import StringStore
from spacy.tokens import Doc
from thinc.types import Ints2d

from communique.config import MAX_CHUNK_CHARS, MAX_SYMBOL_RUN, SPACY_MODEL_PACKAGE
from communique.errors import BudgetError
from communique.nlp import token_rules

T = TypeVar("T")

__all__ = [
    "TokenTable", "doc_lemmas", "doc_text", "guard_runs", "load", "parse", "parse_many", "split_paragraph_aligned",
    "strings", "token_table",
]

#: A run of punctuation or symbols longer than the tokenizer is given (see ``guard_runs``).
_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{MAX_SYMBOL_RUN + 1},}}")

#: String hash -> string, across docs. Like the StringStore it mirrors, it only grows with new words.
_STRINGS: dict[int, str] = {0: ""}
#: Lemma hash -> lower-cased lemma, likewise.
_LOWERED: dict[int, str] = {}
#: Part-of-speech id -> name ("PROPN").
_POS_NAMES = {int(code): name for code, name in POS_NAMES.items()}


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence runs across paragraphs.

    Runs before the parser, which respects sentence starts set before it. A
    line break is a whitespace token holding a newline (a token's own trailing
    whitespace is at most one space): the next token that is not whitespace
    starts a sentence.
    """
    if len(doc) < 2:
        return doc
    orths, spaces = doc.to_array([ORTH, IS_SPACE]).T.tolist()
    if not any(spaces):
        return doc
    words = strings(orths, doc.vocab.strings)
    after_breaks = [i for i in range(1, len(words)) if spaces[i - 1] and not spaces[i] and "\n" in words[i - 1]]
    if after_breaks:
        starts = doc.to_array([SENT_START])
        starts[after_breaks] = 1
        doc.from_array([SENT_START], cast(Ints2d, starts))
    return doc


@functools.cache
def load() -> Language:
    """Load the English pipeline from its installed package (no download)."""
    module = importlib.import_module(SPACY_MODEL_PACKAGE)
    nlp: Language = module.load()
    nlp.add_pipe("paragraph_sentences", before="parser")
    token_rules.install(nlp)
    nlp.max_length = max(nlp.max_length, MAX_CHUNK_CHARS + 1)
    return nlp


def strings(hashes: list[int], store: StringStore) -> list[str]:
    """Return the strings of ``hashes`` (a dict lookup each, faster than asking the StringStore)."""
    return _looked_up(hashes, _STRINGS, store.__getitem__)


def _looked_up(keys: list[int], known: dict[int, str], make: Callable[[int], str]) -> list[str]:
    """Return ``known[key]`` for each key, adding the missing ones with ``make`` first."""
    try:
        return [known[key] for key in keys]
    except KeyError:
        for key in keys:
            if key not in known:
                known[key] = make(key)
        return [known[key] for key in keys]


def _once(doc: Doc, key: str, build: Callable[[Doc], T]) -> T:
    """Return ``build(doc)``, computed once per Doc and kept in its ``user_data``."""
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = build(doc)
    return value


def doc_text(doc: Doc) -> str:
    """Return ``doc.text``, built once per Doc (spaCy rebuilds it from the tokens on every access)."""
    return _once(doc, "communique.text", _text)


def _text(doc: Doc) -> str:
    """``doc.text``, joined from the token table (the same words and spaces, without a Token per word)."""
    table = token_table(doc)
    return "".join([word + " " if space else word for word, space in zip(table.words, table.spaces, strict=True)])


def doc_lemmas(doc: Doc) -> list[str]:
    """Return the lower-cased lemma of every token, read from the lemma column once per Doc (do not modify)."""
    return token_table(doc).lemmas


#: The token attributes a :class:`TokenTable` reads, one column each.
_COLUMNS = (ORTH, LOWER, LEMMA, POS, DEP, HEAD, ENT_IOB, ENT_TYPE, IDX, LENGTH, SPACY, SENT_START, IS_TITLE,
            IS_UPPER, IS_ALPHA)
_COLUMN_OF = {attr: k for k, attr in enumerate(_COLUMNS)}


def token_table(doc: Doc) -> TokenTable:
    """Return the :class:`TokenTable` of ``doc``, read once per Doc and shared by every stage."""
    return _once(doc, "communique.tokens", TokenTable)


class TokenTable:
    """The token attributes the stages scan whole Docs for, read in one ``Doc.to_array`` call.

    spaCy's per-token property access is slow in loops; one array read is not.
    Columns are turned into plain lists on first use and kept (do not modify
    them). String-valued attributes come both as StringStore ids (``*_ids``, to
    compare with ids) and as strings.
    """

    def __init__(self, doc: Doc) -> None:
        """Read the columns of ``doc`` (the table keeps no reference to the Doc, whose ``user_data`` holds it)."""
        self.store = doc.vocab.strings
        self.array: np.ndarray = (
            doc.to_array(list(_COLUMNS)) if len(doc) else np.zeros((0, len(_COLUMNS)), dtype=np.uint64))
        self._children: dict[int, list[int]] = {}

    def column(self, attr: int) -> np.ndarray:
        """The raw column of ``attr`` (one of the attributes read), a numpy array."""
        return self.array[:, _COLUMN_OF[attr]]

    def _ints(self, attr: int) -> list[int]:
        return self.column(attr).tolist()  # type: ignore[no-any-return]

    @cached_property
    def starts(self) -> list[int]:
        """Character offset of each token."""
        return self._ints(IDX)

    @cached_property
    def ends(self) -> list[int]:
        """Character offset after each token (without its trailing space)."""
        return (self.column(IDX) + self.column(LENGTH)).tolist()  # type: ignore[no-any-return]

    @cached_property
    def words(self) -> list[str]:
        """Text of each token."""
        return strings(self._ints(ORTH), self.store)

    @cached_property
    def lower_ids(self) -> list[int]:
        """StringStore id of each token's lower-case form."""
        return self._ints(LOWER)

    @cached_property
    def lower(self) -> list[str]:
        """Lower-case form of each token."""
        return strings(self.lower_ids, self.store)

    @cached_property
    def lemmas(self) -> list[str]:
        """Lower-cased lemma of each token (``doc_lemmas``)."""
        store = self.store
        return _looked_up(self._ints(LEMMA), _LOWERED, lambda key: store[key].lower())

    @cached_property
    def pos_ids(self) -> list[int]:
        """Part-of-speech id of each token (``spacy.symbols``)."""
        return self._ints(POS)

    @cached_property
    def pos(self) -> list[str]:
        """Part-of-speech name of each token ("PROPN")."""
        names = _POS_NAMES
        return [names[p] for p in self.pos_ids]

    @cached_property
    def dep_ids(self) -> list[int]:
        """StringStore id of each token's dependency label."""
        return self._ints(DEP)

    @cached_property
    def heads(self) -> list[int]:
        """Index of each token's head (the token itself for a root)."""
        relative = self.column(HEAD).astype(np.int64)
        return (relative + np.arange(len(relative), dtype=np.int64)).tolist()  # type: ignore[no-any-return]

    @cached_property
    def deps(self) -> list[str]:
        """Dependency label of each token."""
        return strings(self.dep_ids, self.store)

    def children(self, i: int) -> list[int]:
        """Indices of the children of token ``i``, in order (as ``Token.children`` gives them, without Tokens).

        Kept per token (do not modify the list).
        """
        found = self._children.get(i)
        if found is None:
            by_head, heads = self._by_head
            found = by_head[bisect.bisect_left(heads, i):bisect.bisect_right(heads, i)]
            if found and self.heads[i] == i:
                found.remove(i)  # a root is its own head, not its own child
            self._children[i] = found
        return found

    @cached_property
    def _by_head(self) -> tuple[list[int], list[int]]:
        """The token indices sorted by head (stable, so in order under each head), and their heads."""
        heads = np.asarray(self.heads, dtype=np.int64)
        order = np.argsort(heads, kind="stable")
        return order.tolist(), heads[order].tolist()

    @cached_property
    def ent_type(self) -> list[str]:
        """Entity label of each token ("" outside entities)."""
        return strings(self._ints(ENT_TYPE), self.store)

    @cached_property
    def spaces(self) -> list[int]:
        """1 for each token followed by a space."""
        return self._ints(SPACY)

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Index of each sentence's first token (the starts of ``doc.sents``: the first token always starts one)."""
        starts: list[int] = (self.column(SENT_START)[1:] == 1).nonzero()[0].tolist()
        return [0, *(i + 1 for i in starts)] if len(self.array) else []

    @cached_property
    def caps(self) -> list[int]:
        """1 for each title-case or upper-case token."""
        return (self.column(IS_TITLE) | self.column(IS_UPPER)).tolist()  # type: ignore[no-any-return]

    @cached_property
    def alpha(self) -> list[int]:
        """1 for each token of letters only."""
        return self._ints(IS_ALPHA)

    @cached_property
    def capitalised(self) -> list[int]:
        """Indices of the title-case or upper-case tokens."""
        return [i for i, cap in enumerate(self.caps) if cap]

    @cached_property
    def titled(self) -> list[int]:
        """Indices of the title-case tokens."""
        titled: list[int] = self.column(IS_TITLE).nonzero()[0].tolist()
        return titled


def split_paragraph_aligned(text: str, limit: int = MAX_CHUNK_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters at paragraph breaks.

    The pieces concatenate back to ``text`` exactly, so offsets survive. A
    paragraph longer than ``limit`` is cut at the last sentence end or space.
    """
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = _last_break(window)
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return [p for p in pieces if p]


def _last_break(window: str) -> int:
    """Return the best cut position inside ``window`` (after the separator)."""
    for sep in ("\n\n", "\n", ". ", " "):
        pos = window.rfind(sep)
        if pos > len(window) // 4:
            return pos + len(sep)
    return len(window)


def guard_runs(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Return ``text`` with every run of punctuation or symbols cut to ``MAX_SYMBOL_RUN`` characters, and the runs.

    The rest of each longer run is replaced by spaces, so the text keeps its
    length and every offset: 20,000 ``(`` cost spaCy's tokenizer minutes (its
    affix splitting is quadratic in a run), 100 of them and spaces nothing.
    Returns the text for the parser and the ``(start, end)`` of the runs cut
    (none: ``text`` itself).
    """
    runs = [match.span() for match in _SYMBOL_RUN.finditer(text)]
    if not runs:
        return text, []
    parts: list[str] = []
    done = 0
    for start, end in runs:
        keep = start + MAX_SYMBOL_RUN
        parts.extend((text[done:keep], " " * (end - keep)))
        done = end
    parts.append(text[done:])
    return "".join(parts), runs


#: Called before each section of a long text with the text's context: raises a ``BudgetError`` to stop, or
#: returns the context manager the section is parsed in (a timer, say).
Guard = Callable[[T], AbstractContextManager[object]]


def parse(text: str, nlp: Language | None = None, *,
          guard: Callable[[], AbstractContextManager[object]] | None = None) -> Doc:
    """Parse one text; long texts are parsed in sections and joined with offsets kept.

    ``guard`` is called before each section of a long text and may raise a
    ``BudgetError`` (also from the context it returns), which is raised from here.
    """
    doc, _ = next(parse_many([(text, None)], nlp=nlp, guard=None if guard is None else lambda _ctx: guard()))
    if isinstance(doc, BudgetError):
        raise doc
    return doc


def parse_many(
    items: Iterable[tuple[str, T]], *, nlp: Language | None = None, batch_size: int = 32,
    guard: Guard[T] | None = None,
) -> Iterator[tuple[Doc | BudgetError, T]]:
    """Parse ``(text, context)`` pairs, yielding ``(Doc, context)`` in order.

    Texts within the section limit (``MAX_CHUNK_CHARS``) are parsed together in
    batches of ``batch_size``. A longer text is split at paragraph breaks and
    parsed one section at a time, so memory stays that of one section, and
    rejoined with ``Doc.from_docs`` (same text, same offsets). Each of its
    sections is parsed inside ``guard(context)``; a ``BudgetError`` raised
    there is yielded in place of the Doc and the text's other sections are not parsed.
    """
    nlp = nlp or load()
    group: list[tuple[str, T]] = []
    for text, ctx in items:
        sections = split_paragraph_aligned(text)
        if len(sections) == 1:
            group.append((text, ctx))
            if len(group) >= batch_size:
                yield from nlp.pipe(group, as_tuples=True, batch_size=batch_size)
                group = []
            continue
        if group:
            yield from nlp.pipe(group, as_tuples=True, batch_size=batch_size)
            group = []
        yield _parse_sections(nlp, sections, ctx, guard), ctx
    if group:
        yield from nlp.pipe(group, as_tuples=True, batch_size=batch_size)


def _parse_sections(nlp: Language, sections: list[str], ctx: T, guard: Guard[T] | None) -> Doc | BudgetError:
    """Parse the sections of one long text one at a time and join them; or the guard's error."""
    docs: list[Doc] = []
    try:
        for section in sections:
            with guard(ctx) if guard is not None else contextlib.nullcontext():
                docs.append(nlp(section))
    except BudgetError as exc:
        return exc
    return Doc.from_docs(docs, ensure_whitespace=False)
