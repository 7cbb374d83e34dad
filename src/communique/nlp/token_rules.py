"""One component in place of the model's ``attribute_ruler`` and ``lemmatizer``: the same annotations, remembered.

The two stock components cost about a fifth of the model's time on news text
(~5 ms and ~2.5 ms per article): the attribute ruler runs spaCy's Matcher with
every one of its patterns at every token, and the rule lemmatizer handles each
token in Python. Yet what they write on a token is a function of a few things:
its text (ORTH, which fixes LOWER and IS_SPACE), TAG and DEP, the POS, MORPH
and LEMMA it had before them, and which multi-token patterns (a handful, such
as "gon na") cover it. :class:`TokenRules` keys each token by exactly those,
and remembers the TAG, POS, MORPH, LEMMA and DEP the stock components leave on
it. A token seen before costs one dict lookup. A new one gets the ruler's
attributes, from the ruler's own patterns (evaluated here for the token, with
the Matcher's semantics) and attribute sets, then the stock lemmatizer's
lemma, and is remembered.

:func:`install` puts the component in place of the two, in the same position,
only when every pattern is of the kinds evaluated here (fixed-length token
sequences testing ORTH, LOWER, TAG, DEP or IS_SPACE by value, ``IN``,
``NOT_IN`` or ``REGEX``) and the ruler only sets token-level attributes;
otherwise the stock components stay. ``tests/test_token_rules.py`` checks
that the annotations are identical.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any, cast

import numpy as np
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from thinc.types import Ints2d

#: The component's name in the pipeline.
NAME = "token_rules"
#: The attributes a token is keyed by (read before the component), and those it writes.
_KEY_ATTRS = [ORTH, TAG, DEP, POS, MORPH, LEMMA]
_SET_ATTRS = [TAG, POS, MORPH, LEMMA, DEP]
#: Attributes the ruler may set for the component to stand in for it (token-level ones only).
_SETTABLE = {TAG, POS, MORPH, LEMMA, DEP}
#: Remembered tokens before the memo is cleared (it grows with the vocabulary; under 1 KB per key).
MAX_MEMO = 100_000

Token = tuple[str, str, str, str, bool]  # orth, lower, tag, dep, is_space
Predicate = Callable[[Token], bool]
#: What a token satisfies: the attribute-set ids of the one-token rules it matches, the multi-token
#: rules it can start, and per multi-token rule the positions it can fill (bit k: position k).
_Matched = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def install(nlp: Language) -> bool:
    """Put a :class:`TokenRules` in place of ``nlp``'s attribute ruler and lemmatizer, if it can stand in for them.

    The stock components stay in the pipeline, disabled (the new one uses
    them). Returns whether the swap was made.
    """
    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names or NAME in nlp.component_names:
        return False
    if names.index("lemmatizer") != names.index("attribute_ruler") + 1:
        return False
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    if not supported(ruler, lemmatizer):
        return False
    nlp.add_pipe(NAME, after="lemmatizer")
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")
    return True


def supported(ruler: Any, lemmatizer: Any) -> bool:
    """Whether :class:`TokenRules` gives exactly what ``ruler`` then ``lemmatizer`` give."""
    if type(ruler) is not AttributeRuler or not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return False
    if type(lemmatizer).rule_lemmatize is not Lemmatizer.rule_lemmatize:  # its lemma depends on ORTH, POS, MORPH
        return False
    if any(not set(attrs) <= _SETTABLE for attrs in ruler.attrs):
        return False
    try:
        _compile_rules(ruler)
    except _Unsupported:
        return False
    return True


@Language.factory(NAME)
def make_token_rules(nlp: Language, name: str) -> TokenRules:
    """Build the component from ``nlp``'s attribute ruler and lemmatizer (see :func:`install`)."""
    return TokenRules(cast(AttributeRuler, nlp.get_pipe("attribute_ruler")), cast(Lemmatizer, nlp.get_pipe("lemmatizer")))


class _Unsupported(ValueError):
    """A pattern this module does not evaluate."""


class _Rule:
    """One Matcher pattern of the ruler: a predicate per token, and which token gets the attributes."""

    __slots__ = ("anchor", "attr_id", "predicates", "target")

    def __init__(self, attr_id: int, specs: list[dict[str, Any]], index: int) -> None:
        if not specs:
            raise _Unsupported("empty pattern")
        self.attr_id = attr_id
        compiled = [_token_predicate(spec) for spec in specs]
        self.predicates = [predicate for predicate, _anchor in compiled]
        #: (column, values): the first token can only match with one of these values in that column
        self.anchor = compiled[0][1]
        self.target = index if index >= 0 else len(specs) + index
        if not 0 <= self.target < len(specs):
            raise _Unsupported(f"index {index} outside a pattern of {len(specs)} tokens")


def _compile_rules(ruler: AttributeRuler) -> list[_Rule]:
    """Return the ruler's patterns as rules (in the ruler's order), or raise :class:`_Unsupported`."""
    return [_Rule(attr_id, cast(list[dict[str, Any]], pattern), cast(int, entry["index"]))
            for attr_id, entry in enumerate(ruler.patterns) for pattern in cast(list[Any], entry["patterns"])]


#: Pattern key -> column of the token tuple a predicate reads (see ``Token``): all are fixed by the
#: token's ORTH (its lexeme), TAG or DEP.
_COLUMN = {"ORTH": 0, "TEXT": 0, "LOWER": 1, "TAG": 2, "DEP": 3, "IS_SPACE": 4}


def _token_predicate(spec: dict[str, Any]) -> tuple[Predicate, tuple[int, frozenset[str]] | None]:
    """Return a predicate for one token spec of a Matcher pattern (all its conditions must hold), and its anchor.

    The anchor is a column and the values the token must have there for the
    predicate to hold (from the first string or ``IN`` condition), or None.
    """
    tests = []
    anchor = None
    for key, value in spec.items():
        column = _COLUMN.get(key.upper())
        if column is None:
            raise _Unsupported(f"pattern key {key}")
        tests.append(_value_test(column, value, flag=column == 4))
        if anchor is None and column != 4:
            if isinstance(value, str):
                anchor = (column, frozenset([value]))
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                anchor = (column, frozenset(value["IN"]))
    if len(tests) == 1:
        return tests[0], anchor
    return (lambda token: all(test(token) for test in tests)), anchor


def _membership(column: int, members: frozenset[str], *, inside: bool) -> Predicate:
    """A test that a token column's value is (or, ``inside=False``, is not) one of ``members``."""
    if inside:
        return lambda token: token[column] in members
    return lambda token: token[column] not in members


def _regex(column: int, pattern: re.Pattern[str]) -> Predicate:
    """A test that ``pattern`` is found in a token column's value (as the Matcher's REGEX)."""
    return lambda token: pattern.search(cast(str, token[column])) is not None


def _value_test(column: int, value: Any, *, flag: bool) -> Predicate:
    """Return a test of one token column against a pattern value, as spaCy's Matcher compares them."""
    if flag:
        if not isinstance(value, bool):
            raise _Unsupported(f"flag value {value!r}")
        return lambda token: token[column] == value
    if isinstance(value, str):
        return lambda token: token[column] == value
    if not isinstance(value, dict) or not value:
        raise _Unsupported(f"pattern value {value!r}")
    tests: list[Predicate] = []
    for op, arg in value.items():
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
            tests.append(_membership(column, frozenset(arg), inside=op == "IN"))
        elif op == "REGEX" and isinstance(arg, str):
            tests.append(_regex(column, re.compile(arg)))
        else:
            raise _Unsupported(f"pattern operator {op}")
    if len(tests) == 1:
        return tests[0]
    return lambda token: all(test(token) for test in tests)


class TokenRules:
    """The attribute ruler and rule lemmatizer of a pipeline as one remembered function per token."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer) -> None:
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        rules = _compile_rules(ruler)
        self._multi = [rule for rule in rules if len(rule.predicates) > 1]
        #: One-token rules by anchor (column, value); those without an anchor are tried on every token.
        self._anchored: dict[tuple[int, str], list[_Rule]] = {}
        self._unanchored: list[_Rule] = []
        for rule in rules:
            if len(rule.predicates) > 1:
                continue
            if rule.anchor is None:
                self._unanchored.append(rule)
            else:
                for value in rule.anchor[1]:
                    self._anchored.setdefault((rule.anchor[0], value), []).append(rule)
        #: (orth, tag, dep) -> what a token with them satisfies (see ``_Matched``)
        self._matched: dict[tuple[int, int, int], _Matched] = {}
        self._shapes: dict[_Matched, _Matched] = {}
        #: token key -> row of ``_values`` (the TAG, POS, MORPH, LEMMA and DEP the stock components leave)
        self._memo: dict[tuple[Any, ...], int] = {}
        self._values = np.zeros((1024, len(_SET_ATTRS)), dtype=np.uint64)
        self._lock = threading.Lock()  # the memo and its rows change together

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the two components it is built from (spaCy pickles pipelines for spawned processes)."""
        return TokenRules, (self.ruler, self.lemmatizer)

    def __call__(self, doc: Doc) -> Doc:
        """Set TAG, POS, MORPH, LEMMA and DEP on every token, as the stock components would."""
        if not len(doc):
            return doc
        with self._lock:
            return self._annotate(doc)

    def _annotate(self, doc: Doc) -> Doc:
        """Key every token, take the remembered annotations (annotating and remembering new keys), write them."""
        columns = doc.to_array(_KEY_ATTRS).T.tolist()
        signatures = list(zip(columns[0], columns[1], columns[2], strict=True))
        keys: list[tuple[Any, ...]] = list(zip(*columns, strict=True))
        known = self._matched.get
        matched = [known(signature) or self._match(signature, doc) for signature in signatures]
        covering = self._multi_matches(matched) if self._multi else {}
        for i, ids in covering.items():
            keys[i] = (*keys[i], ids)
        memo = self._memo
        if len(memo) >= MAX_MEMO:
            memo.clear()  # rows are reused from the first
            self._matched.clear()
        rows = [memo.get(key) for key in keys]
        if None in rows:
            for i, row in enumerate(rows):
                if row is None:
                    row = memo.get(keys[i])  # an earlier token of this doc may have added it
                    rows[i] = self._remember(keys[i], doc, i, matched[i][0] + covering.get(i, ())) if row is None else row
        doc.from_array(_SET_ATTRS, cast(Ints2d, self._values[cast(list[int], rows)]))
        return doc

    def _match(self, signature: tuple[int, int, int], doc: Doc) -> _Matched:
        """Evaluate the rules on a token with this ORTH, TAG and DEP; remember and return which it satisfies."""
        orth, tag, dep = signature
        strings = doc.vocab.strings
        lexeme = doc.vocab[orth]
        token = (lexeme.orth_, lexeme.lower_, strings[tag] if tag else "", strings[dep] if dep else "",
                 bool(lexeme.is_space))
        candidates = [rule for column in range(4) for rule in self._anchored.get((column, cast(str, token[column])), ())]
        single = tuple(rule.attr_id for rule in candidates + self._unanchored if rule.predicates[0](token))
        positions = tuple(sum(1 << k for k, test in enumerate(rule.predicates) if test(token)) for rule in self._multi)
        starts = tuple(r for r, held in enumerate(positions) if held & 1)
        found = (single, starts, positions)
        found = self._matched[signature] = self._shapes.setdefault(found, found)  # few distinct ones: share them
        return found

    def _multi_matches(self, matched: list[_Matched]) -> dict[int, tuple[int, ...]]:
        """Return, per token index, the attribute-set ids of the multi-token rules whose target it is."""
        covering: dict[int, list[int]] = {}
        n = len(matched)
        for start in [i for i, (_single, starts, _positions) in enumerate(matched) if starts]:
            for r in matched[start][1]:
                rule = self._multi[r]
                length = len(rule.predicates)
                if start + length <= n and all(matched[start + k][2][r] >> k & 1 for k in range(1, length)):
                    covering.setdefault(start + rule.target, []).append(rule.attr_id)
        return {i: tuple(sorted(ids)) for i, ids in covering.items()}

    def _remember(self, key: tuple[Any, ...], doc: Doc, i: int, attr_ids: tuple[int, ...]) -> int:
        """Annotate token ``i`` the stock way (ruler attributes in the ruler's order, then the lemma); remember the
        result under ``key`` and return its row."""
        token = doc[i]
        for attr_id in sorted(attr_ids):
            set_token_attrs(token, self.ruler.attrs[attr_id])
        lemmatizer = self.lemmatizer
        if lemmatizer.overwrite or token.lemma == 0:
            token.lemma_ = lemmatizer.lemmatize(token)[0]
        row = len(self._memo)
        if row == len(self._values):
            self._values = np.concatenate([self._values, np.zeros_like(self._values)])
        morph_key = cast(Any, token.morph).key  # MorphAnalysis.key exists, but spaCy's stubs omit it
        self._values[row] = (token.tag, token.pos, morph_key, token.lemma, token.dep)
        self._memo[key] = row
        return row
