"""Shared parse tables, cue lists and token helpers of the event-context steps.

``communique.extract.context`` builds one :class:`DocTables` per article; its steps
(status, attribution, dates) subclass :class:`DocStep` to read the same tables.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from communique.config import load_data_yaml
from communique.knowledge.words import word_set
from communique.nlp import doc_lemmas, doc_text, token_table
from communique.records import Actor

_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "parataxis", "pcomp"})
VERBAL_POS = frozenset({"VERB", "AUX"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# prepositions whose object is an act before the clause ("pledged aid after a meeting")
PAST_PREPS = word_set("context", "PAST_PREPS")
_NOMINAL = frozenset({"NOUN", "PROPN", "NUM", "PRON", "X", "SYM"})


@dataclass(frozen=True)
class _Cues:
    """The word lists of ``status_cues.yaml`` as frozensets."""

    lists: dict[str, frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, words in self.lists.items():  # plain attributes: read in inner loops
            object.__setattr__(self, name, words)

    def __getattr__(self, name: str) -> frozenset[str]:
        try:
            return self.lists[name]
        except KeyError:
            raise AttributeError(name) from None


@functools.cache
def _cues() -> _Cues:
    """Load ``status_cues.yaml`` once."""
    raw: dict[str, list[str]] = load_data_yaml("status_cues.yaml")
    return _Cues({key: frozenset(str(v).lower() for v in values) for key, values in raw.items()})


@dataclass
class Analysis:
    """What the path from a trigger up to its governing cue says."""

    cue: str | None = None  # planned | hypothetical | request | alleged | denied | negated
    cue_head: Token | None = None
    future: bool = False
    would: bool = False
    modal: bool = False
    cond: bool = False
    neg: bool = False
    allege_adv: bool = False
    reported: Token | None = None  # the verb of saying
    modal_top: Token | None = None  # highest clause head carrying the modality
    past_ref: bool = False  # a nominal trigger after "after"/"following": an earlier act


def is_modal(a: Analysis) -> bool:
    return a.future or a.would or a.modal or a.cond or a.cue in ("planned", "hypothetical", "request")


# ---------------------------------------------------------------- helpers on tokens


def is_verbal(tok: Token) -> bool:
    return tok.pos_ in VERBAL_POS or (tok.dep_ in _CLAUSAL and tok.pos_ not in _NOMINAL) or tok.dep_ == "ROOT"


def clause_head(tok: Token) -> Token:
    """Return the head of the clause ``tok`` belongs to."""
    while tok.head != tok:
        if tok.dep_ in _CLAUSAL and tok.pos_ not in _NOMINAL:
            return tok
        if tok.dep_ == "conj" and tok.pos_ in VERBAL_POS:
            return tok
        tok = tok.head
    return tok


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def subject(verb: Token) -> Token | None:
    """Return the subject of ``verb``, borrowing it from the first conjunct when missing."""
    node = verb
    for _ in range(4):
        subj = _children(node, "nsubj", "nsubjpass", "csubj")
        if subj:
            return subj[0]
        if node.dep_ not in ("conj", "xcomp") or node.head == node:
            return None
        node = node.head
    return None


def codes_of(actor: Actor) -> set[str]:
    """Return the state or IGO codes an actor stands for."""
    if actor.kind in ("state", "igo"):
        return {actor.code} if actor.code else set()
    return {c for c in (actor.country, actor.org) if c}


# ---------------------------------------------------------------- the shared tables


class DocTables:
    """The parse-level tables every context step reads, built once per article."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.cues = _cues()
        self.sent_starts = token_table(doc).sentence_starts
        self.lemmas = doc_lemmas(doc)
        self.breaks = [m.start() for m in re.finditer(r"\n", self.text)]
        self.children_memo: dict[int, list[tuple[Token, str]]] = {}


class DocStep:
    """Base of the context steps: token look-ups over the shared :class:`DocTables`."""

    def __init__(self, tables: DocTables) -> None:
        self._doc = tables.doc
        self._text = tables.text
        self._cues = tables.cues
        self._sent_starts = tables.sent_starts
        self._lemmas = tables.lemmas
        self._breaks = tables.breaks
        self._children_memo = tables.children_memo

    def _lemma(self, tok: Token) -> str:
        return self._lemmas[tok.i]

    def _labelled_children(self, tok: Token) -> list[tuple[Token, str]]:
        """Return (child, dependency label) for the children of ``tok``, in order.

        ``Token.children`` rescans the token's whole subtree on each call: take it once per token.
        """
        kids = self._children_memo.get(tok.i)
        if kids is None:
            table, doc = token_table(self._doc), self._doc
            deps = table.deps
            kids = self._children_memo[tok.i] = [(doc[j], deps[j]) for j in table.children(tok.i)]
        return kids

    def _children(self, tok: Token, *deps: str) -> list[Token]:
        """Return the children of ``tok`` with one of the labels ``deps``."""
        return [child for child, dep in self._labelled_children(tok) if dep in deps]

    def _sent_no(self, tok: Token) -> int:
        return bisect.bisect_right(self._sent_starts, tok.i) - 1

    def _sent_start(self, i: int) -> int:
        """Return the index of the first token of the sentence holding token ``i``."""
        return self._sent_starts[bisect.bisect_right(self._sent_starts, i) - 1]

    def _sent_end(self, i: int) -> int:
        """Return the index after the last token of the sentence holding token ``i``."""
        number = bisect.bisect_right(self._sent_starts, i)
        return self._sent_starts[number] if number < len(self._sent_starts) else len(self._doc)

    def _para(self, tok: Token) -> int:
        """Return the paragraph number of a token (paragraphs end at line breaks)."""
        return bisect.bisect_right(self._breaks, tok.idx)
