"""Place candidates of an article: the names its sentences use as places, resolved.

A name counts as a place after a locative preposition, as the object of a verb of place,
after a place noun, or in a dateline; names used as actors, possessives and origins do not.
Each candidate keeps where it sits in the parse (clause, relative clause, tree).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from communique.extract.place_names import TokenAttrs, resolve_place, word_ids
from communique.extract.place_tables import Cues, Place, Precision, tables
from communique.extract.spans import SpanIndex
from communique.knowledge.actor_tables import countries
from communique.knowledge.words import word_set
from communique.records import ActorSet

#: Entity labels that can name a place.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Labels that never name a place, even after "in".
NON_PLACE_LABELS = frozenset({"PERSON", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL",
                              "ORDINAL", "QUANTITY", "NORP"})
#: Prepositions that give an origin or a possessor, never an event's place.
NON_PLACE_PREPS = word_set("places", "NON_PLACE_PREPS")
#: Dependencies that open a nested clause: places inside belong to that clause.
NESTED = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "pcomp"})


# ----------------------------------------------------------------- candidates


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    text: str
    place: Place
    precision: Precision
    clause: tuple[int, int] | None = None  # the relative clause it sits in, if any
    token: int = -1  # index of its head token in the Doc (-1: unknown)
    #: the head token and all its ancestors in the parse
    lineage: frozenset[int] = field(default=frozenset(), compare=False, repr=False)
    #: the tokens whose clause takes this place in (see :func:`_lineage`)
    clause_heads: frozenset[int] = field(default=frozenset(), compare=False, repr=False)

    def in_clause(self, clause: tuple[int | None, int]) -> bool:
        """Tell whether the place is in the clause ``(noun, head)`` of :func:`_clause_of`."""
        noun, head = clause
        return head in self.clause_heads or (noun is not None and noun in self.lineage)

    def aside(self, start: int, end: int) -> bool:
        """Tell whether the place sits in a relative clause ("the president, held outside
        Bissau") that the evidence [start, end) does not lie in: a weaker reading."""
        return self.clause is not None and not (self.clause[0] <= start and end <= self.clause[1])


#: Words before a capitalised name that make it worth a look besides the locative prepositions.
_NAME_OPENERS = word_set("places", "NAME_OPENERS")
#: Entity labels that refuse a run of capitalised words (see :func:`_proper_run`).
_RUN_BREAKERS = NON_PLACE_LABELS - {"PERSON"}


def _place_spans(doc: Doc, tokens: TokenAttrs) -> Iterator[Span]:
    """Yield place-like spans: GPE/LOC/FAC entities, then proper names after a locative word."""
    seen: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            seen.update(range(ent.start, ent.end))
            yield ent
    cues = tables().cues
    openers = word_ids(cues.prepositions | _NAME_OPENERS)
    lower, dep, dobj = tokens.lower, tokens.dep, get_string_id("dobj")
    for i in tokens.titled:
        if i == 0 or i in seen:
            continue
        if lower[i - 1] in openers or (dep[i] == dobj and _is_place_object(doc[i], cues)):
            span = _proper_run(doc, tokens, i)
            if span is None or tokens.span_text(span.start, span.end) in cues.not_places:
                continue
            if not any(j in seen for j in range(span.start, span.end)):
                seen.update(range(span.start, span.end))
                yield span


def _is_place_object(token: Token, cues: Cues) -> bool:
    """Tell whether ``token`` is the object of a verb of place ("visits Naypyitaw")."""
    return token.dep_ == "dobj" and token.head.lemma_.lower() in cues.place_verbs


def _proper_run(doc: Doc, tokens: TokenAttrs, i: int) -> Span | None:
    """Return the run of capitalised words starting at token ``i``.

    Entities of NON_PLACE_LABELS are refused, except PERSON: the small model
    often tags a little-known town as a person; a name that resolves to a place
    after a locative word is kept (person actors' mentions are excluded later).
    """
    caps, alpha = tokens.caps, tokens.alpha
    j = i
    while j < len(caps) and caps[j] and alpha[j]:
        if doc[j].ent_type_ in _RUN_BREAKERS:
            return None
        j += 1
    return doc[i:j] if j > i else None


_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


def _clean(span: Span, tokens: TokenAttrs) -> tuple[int, int, str]:
    """Strip a leading 'the' and a trailing possessive from a span; return (start, end, text)."""
    the = get_string_id("the")
    first, last = span.start, span.end - 1
    while first <= last and tokens.lower[first] == the:
        first += 1
    while first <= last and tokens.word(last) in _POSSESSIVE:
        last -= 1
    if first > last:
        return span.start_char, span.start_char, ""
    return tokens.starts[first], tokens.ends[last], tokens.span_text(first, last + 1)


def _is_place_use(span: Span, cues: Cues, parsed: bool) -> bool:
    """Tell whether a name is used as a place (not as an actor, possessor or origin)."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if span[-1].text in _POSSESSIVE or (after is not None and after.text in _POSSESSIVE):
        return False
    before = doc[span.start - 1] if span.start else None
    if not parsed:
        return before is not None and before.lower_ in cues.prepositions
    root = span.root
    while root.dep_ in ("conj", "appos", "compound", "amod", "nmod") and root.head.i != root.i:
        if root.dep_ == "compound" and root.head.lemma_.lower() in cues.place_nouns:
            return _is_place_use(doc[root.head.i:root.head.i + 1], cues, parsed)
        root = root.head
    head = root.head
    if root.dep_ == "pobj":
        if head.lower_ == "from":
            return head.head.lemma_.lower() in cues.from_verbs
        if head.lower_ in NON_PLACE_PREPS:
            return head.lower_ == "of" and head.head.lemma_.lower() in cues.place_nouns
        if head.lower_ in cues.motion_prepositions:
            return head.head.lemma_.lower() in cues.motion_words
        return head.lower_ in cues.prepositions
    if root.dep_ == "dobj":
        return head.lemma_.lower() in cues.place_verbs
    return before is not None and before.lower_ in cues.prepositions - NON_PLACE_PREPS


def _extended_text(span: Span, cues: Cues) -> str | None:
    """Return "Puno region" for "Puno" modifying a place noun, else None."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.lower_ in cues.place_nouns:
        return span.doc[span.start:nxt.i + 1].text
    return None


def _person_spans(actors: ActorSet) -> SpanIndex:
    """Character spans of mentions of person actors (never places), indexed for overlap tests."""
    persons = {a.id for a in actors.actors if a.kind == "person"}
    return SpanIndex((m.start, m.end) for m in actors.mentions if m.actor_id in persons)


def find_candidates(doc: Doc, tokens: TokenAttrs, actors: ActorSet, weights: Counter[str],
                skip: tuple[int, int] | None, parsed: bool) -> list[Candidate]:
    """Every resolved place the article uses as a place, in text order."""
    cues = tables().cues
    persons = _person_spans(actors)
    found: list[Candidate] = []
    for span in _place_spans(doc, tokens):
        start, end, text = _clean(span, tokens)
        if not text or (skip and start < skip[1] and skip[0] < end):
            continue
        if persons.overlaps(start, end) or not _is_place_use(span, cues, parsed):
            continue
        wider = _extended_text(span, cues)
        place = (wider and resolve_place(wider, weights)) or resolve_place(text, weights)
        if place is not None:
            found.append(Candidate(start, end, text, place, place.precision,
                                    *_placement(span.root)))
    found.extend(_capital_phrases(doc, tokens, cues, parsed, skip))
    return sorted(found, key=lambda c: c.start)


def _placement(root: Token) -> tuple[tuple[int, int] | None, int, frozenset[int], frozenset[int]]:
    """The parse facts of a candidate whose head token is ``root``: its relative clause,
    its head token, its lineage and clause heads (the last four fields of :class:`Candidate`)."""
    return (_relative_clause(root), root.i, *_lineage(root))


def _relative_clause(root: Token) -> tuple[int, int] | None:
    """Character bounds of the relative clause (relcl/acl) a head token sits in, or None."""
    for token in root.ancestors:
        if token.dep_ in ("relcl", "acl"):
            sub = list(token.subtree)
            return sub[0].idx, sub[-1].idx + len(sub[-1].text)
    return None


def _lineage(token: Token) -> tuple[frozenset[int], frozenset[int]]:
    """Return the ancestry of a place's head token, and the tokens whose clause takes it in.

    A clause head takes in what hangs on it short of nested clauses (see
    :func:`_clause_of`): the token itself and its ancestors up to the first one
    that opens a nested clause, included. The ancestry tells whether the place
    lies in a noun's phrase.
    """
    lineage = [token.i]
    open_up = token.dep_ not in NESTED
    heads = [token.i]
    while token.head.i != token.i:
        token = token.head
        lineage.append(token.i)
        if open_up:
            heads.append(token.i)
            open_up = token.dep_ not in NESTED
    return frozenset(lineage), frozenset(heads)


def _capital_phrases(doc: Doc, tokens: TokenAttrs, cues: Cues, parsed: bool,
                     skip: tuple[int, int] | None) -> Iterator[Candidate]:
    """Yield "the Nigerian capital" / "the Libyan capital" as the state's capital city."""
    forms = countries().forms
    nouns = word_ids(cues.capital_nouns)
    for i in range(1, len(tokens.lower)):
        if tokens.lower[i] not in nouns:
            continue
        hit = forms.get(tokens.word(i - 1))
        if not hit or hit[1] != "adj":
            continue
        capital = tables().capitals.get(hit[0])
        span = doc[i - 1:i + 1]
        if capital is None or (skip and span.start_char < skip[1]) or \
                not _is_place_use(span, cues, parsed):
            continue
        yield Candidate(span.start_char, span.end_char, span.text, capital, "city",
                         *_placement(span.root))
