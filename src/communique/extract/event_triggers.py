"""Trigger matching: which tokens of a Doc start an event, by lexicon lookup.

The Doc's lemma, lower-case and dependency columns are read in one array
first: only tokens whose lemma (or, for a proper noun, lower-case form) heads
a lexicon entry, and clausal complements (modal requests), are looked at.
Per candidate the work is one dict lookup by (part of speech, lemma); only the
few entries found there check their conditions on the token's children.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, POS
from spacy.strings import get_string_id
from spacy.symbols import PROPN
from spacy.tokens import Doc, Token

from communique.extract.dates import month_names
from communique.knowledge.events import Lexicon, Trigger, frames
from communique.knowledge.words import word_set
from communique.nlp import doc_lemmas, token_table

OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "dative", "oprd", "acomp", "attr", "xcomp", "ccomp"})
PHRASE_DEPS = frozenset({"prt", "prep", "dobj", "advmod", "acomp", "attr", "xcomp", "npadvmod", "dative", "compound:prt", "nsubjpass"})
MOD_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss", "advmod", "prep", "nummod", "det"})


@dataclass(frozen=True)
class Hit:
    """A token matched by a lexicon entry."""

    token: Token
    trigger: Trigger


def pos_kind(tok: Token) -> str | None:
    """Return the lexicon part of speech of a token: verb, noun, adj or None."""
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass")):
        return "verb"
    if tok.pos_ in ("NOUN", "PROPN"):
        return "noun"
    if tok.pos_ == "ADJ":
        return "adj"
    return None


def lemma(tok: Token) -> str:
    """Lower-cased lemma (the form for lookups)."""
    return tok.lemma_.lower()


def _objects(tok: Token) -> set[str]:
    """Lemmas of the token's objects (and of nouns under its object prepositions)."""
    table = token_table(tok.doc)
    lemmas, deps, children = table.lemmas, table.deps, table.children
    out: set[str] = set()
    kids = children(tok.i)
    for child in kids:
        dep = deps[child]
        if dep in OBJECT_DEPS:
            out.add(lemmas[child])
            grandchildren = children(child)
            if dep in ("xcomp", "ccomp"):
                inner = [c for c in grandchildren if deps[c] in ("nsubj", "dobj")]
                out.update(lemmas[c] for c in inner)
                out.update(lemmas[g] for c in inner for g in children(c) if deps[g] == "compound")
            out.update(lemmas[c] for c in grandchildren if deps[c] in ("conj", "compound", "amod"))
            out.update(lemmas[p] for c in grandchildren if deps[c] == "prep" and table.lower[c] == "of"
                       for p in children(c))
    if deps[tok.i] in ("relcl", "acl") and not any(deps[c] in ("dobj", "nsubjpass") for c in kids):
        out.add(lemmas[table.heads[tok.i]])
    return out


def _subject(tok: Token) -> set[str]:
    """Lemmas of the token's subject head (or passive agent), climbing xcomp/conj."""
    table = token_table(tok.doc)
    lemmas, deps, heads, children = table.lemmas, table.deps, table.heads, table.children
    cur = tok.i
    for _ in range(3):
        for child in children(cur):
            dep = deps[child]
            if dep in ("nsubj", "nsubjpass"):
                if table.lower[child] in ("who", "which", "that") and deps[cur] == "relcl":
                    return {lemmas[heads[cur]]}
                return {lemmas[child]} | {lemmas[c] for c in children(child) if deps[c] == "compound"}
            if dep == "agent":
                return {lemmas[p] for p in children(child)}
        if deps[cur] in ("xcomp", "conj") and heads[cur] != cur:
            cur = heads[cur]
        else:
            break
    return set()


TIME_ENTITIES = frozenset({"DATE", "TIME"})
#: Prepositions that put a date on a verb ("on Monday"); "bowed to weeks of pressure" is no date.
TIME_PREPS = frozenset({"on", "in", "at", "for", "during", "since", "until", "before", "after", "within"})
CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl"})


def _clauses(tok: Token) -> set[str]:
    """Lemmas of the clauses the token governs, and of its objects' clauses ("gave the envoy 72 hours to leave")."""
    table = token_table(tok.doc)
    lemmas, deps, children = table.lemmas, table.deps, table.children
    out: set[str] = set()
    for child in children(tok.i):
        dep = deps[child]
        if dep in CLAUSE_DEPS:
            out.add(lemmas[child])
        elif dep in ("dobj", "dative"):
            out.update(lemmas[g] for g in children(child) if deps[g] in ("acl", "relcl"))
            out.update(lemmas[a] for g in children(child) if deps[g] == "appos" for a in children(g) if deps[a] in ("acl", "relcl"))
    return out


def _time_phrase(doc: Doc, objects: list[int]) -> bool:
    """True when a preposition's objects are all dates or times ("on Monday", "in March")."""
    return bool(objects) and all(doc[p].ent_type_ in TIME_ENTITIES for p in objects)


def _modifiers(tok: Token) -> set[str]:
    """Lemmas of the token's modifiers (compounds, adjectives, prepositions and their objects)."""
    table = token_table(tok.doc)
    lemmas, deps = table.lemmas, table.deps
    out: set[str] = set()
    doc = tok.doc
    for child in table.children(tok.i):
        if deps[child] in MOD_DEPS:
            objects = table.children(child) if deps[child] == "prep" else []
            if _time_phrase(doc, objects):
                continue  # "a strike on Monday": a time, not what the noun is aimed at
            out.add(lemmas[child])
            out.update(lemmas[p] for p in objects)
    return out


def _has_second(tok: Token, trig: Trigger) -> bool:
    """True when the phrase's second word is attached to the head as the entry requires."""
    table = token_table(tok.doc)
    lemmas, deps = table.lemmas, table.deps
    second = trig.second or ""
    wanted = PHRASE_DEPS if trig.pos == "verb" else MOD_DEPS
    for child in table.children(tok.i):
        dep = deps[child]
        if dep not in wanted:
            continue
        if dep == "prep" and table.lower[child] in TIME_PREPS and _time_phrase(tok.doc, table.children(child)):
            continue  # "called up reservists on Monday": a date, not "call on"
        if lemmas[child] == second or table.lower[child] == second:
            return True
        if dep in ("prep", "dobj", "xcomp") and any(lemmas[g] == second for g in table.children(child)):
            return True
    return False


def _of_phrase(tok: Token, nouns: frozenset[str]) -> bool:
    """True when the token is the object of "of" under a noun of ``nouns`` (any noun when empty)."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "of" or prep.head.pos_ not in ("NOUN", "PROPN"):
        return False
    return not nouns or lemma(prep.head) in nouns


def head_verb_lemma(tok: Token) -> str | None:
    """Lemma of the verb governing a noun (through prepositions and objects), if any."""
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i or cur.dep_ in ("nsubj", "nsubjpass"):
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return lemma(cur)
    return None


def _conditions_hold(tok: Token, trig: Trigger) -> bool:
    """Check an entry's conditions (phrase word, object, subject, modifiers, child deps)."""
    if trig.second and not _has_second(tok, trig):
        return False
    for values, found in ((trig.obj, _objects), (trig.subj, _subject), (trig.mod, _modifiers), (trig.comp, _clauses)):
        if values is None:
            continue
        lemmas = found(tok)
        if values and not (lemmas & values):
            return False
        if not values and not lemmas:
            return False
    if trig.head is not None and head_verb_lemma(tok) not in trig.head:
        return False
    if trig.of is not None and not _of_phrase(tok, trig.of):
        return False
    if trig.dep is not None:
        table = token_table(tok.doc)
        deps = {table.deps[c] for c in table.children(tok.i)}
        if trig.dep and not (deps & trig.dep):
            return False
    return True


def match_token(tok: Token, lex: Lexicon, *, compound: bool = False) -> Trigger | None:
    """Return the first lexicon entry matching ``tok`` (None, also when a blocking entry matches).

    A noun modifying another noun (``compound``) matches only with ``compound=True``.
    """
    kind = pos_kind(tok)
    if kind is None or (kind == "noun" and tok.dep_ == "compound" and not compound):
        return None
    entries = lex.lookup(kind, lemma(tok))
    if not entries and kind == "noun" and tok.pos_ == "PROPN":
        entries = lex.lookup("noun", tok.lower_)
    for trig in entries:
        if _conditions_hold(tok, trig):
            return None if trig.none else trig
    return None


SAY_LEMMAS = word_set("events", "SAY_LEMMAS")
MUST_AUX = word_set("events", "MUST_AUX")
MONTHS = month_names()
MODAL_REQUEST = Trigger("REQUEST", None, "must", "modal", "request.modal.must")


def _modal_request(tok: Token) -> bool:
    """True for "X said (that) Y must ...": a demand put as a statement."""
    return (
        tok.dep_ == "ccomp"
        and lemma(tok.head) in SAY_LEMMAS
        and any(c.dep_ == "aux" and c.lower_ in MUST_AUX for c in tok.children)
    )


# Per lexicon (by identity, kept alive here): head words of all entries, hashes of noun head words.
_HEAD_WORDS: dict[int, tuple[Lexicon, frozenset[str], frozenset[int]]] = {}


def _head_words(lex: Lexicon) -> tuple[frozenset[str], frozenset[int]]:
    """Head words of the lexicon's entries, and the string hashes of its noun head words."""
    entry = _HEAD_WORDS.get(id(lex))
    if entry is None or entry[0] is not lex:
        words = frozenset(word for _, word in lex.triggers)
        nouns = frozenset(get_string_id(word) for pos, word in lex.triggers if pos == "noun")
        entry = _HEAD_WORDS[id(lex)] = (lex, words, nouns)
    return entry[1], entry[2]


def _time_name(doc: Doc, i: int) -> bool:
    """Tell whether proper noun ``i`` names a time: inside a DATE or TIME entity, or a month name.

    "agreed in March to ...": the month is no march. A named event keeps its article
    ("the March on Rome") and stays an event noun.
    """
    table = token_table(doc)
    if table.ent_type[i] not in TIME_ENTITIES and table.lower[i] not in MONTHS:
        return False
    return not any(table.deps[c] == "det" and table.lower[c] == "the" for c in table.children(i))


def _candidates(doc: Doc, lex: Lexicon, lemmas: list[str]) -> list[int]:
    """Indices of the tokens that can be hits, in text order.

    A token can match only when its lower-cased lemma heads a lexicon entry, when it
    is a proper noun whose lower-case form heads a noun entry, or when it is a clausal
    complement (a modal request); everything else is skipped without touching its Token.
    A proper noun that names a time (:func:`_time_name`) is never a candidate.
    """
    words, nouns = _head_words(lex)
    found = {i for i, word in enumerate(lemmas) if word in words}
    ccomp = get_string_id("ccomp")
    table = token_table(doc)
    deps, lowers = table.dep_ids, table.lower_ids
    for i in np.flatnonzero((table.column(POS) == PROPN) | (table.column(DEP) == ccomp)).tolist():
        if deps[i] == ccomp or lowers[i] in nouns:
            found.add(i)
    pos = table.pos_ids
    return sorted(i for i in found if pos[i] != PROPN or not _time_name(doc, i))


def find_hits(doc: Doc, lex: Lexicon, lemmas: list[str] | None = None) -> list[Hit]:
    """Return every trigger hit in ``doc`` in text order (``lemmas``: ``doc_lemmas(doc)``, if at hand)."""
    hits: list[Hit] = []
    light = frames().light_nouns
    for i in _candidates(doc, lex, doc_lemmas(doc) if lemmas is None else lemmas):
        tok = doc[i]
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in light:
            # "a mediation effort between X and Y": the event is the compound's, its phrase the head's
            trig = match_token(tok, lex, compound=True)
            if trig is not None and trig.pos == "noun":
                hits.append(Hit(tok.head, trig))
            continue
        trig = MODAL_REQUEST if _modal_request(tok) else match_token(tok, lex)
        if trig is not None:
            hits.append(Hit(tok, trig))
    hits.sort(key=lambda h: h.token.i)
    return hits
