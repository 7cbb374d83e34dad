"""Attribution of an event: who asserts it, and whether the other side denies it.

asserted_by is the speaker of the quote holding the trigger, the subject of the
verb of saying or accusing that governs it, or X in "according to X". A hostile
act reported only by the other side is alleged; denied when its actor's side
denies something within :data:`DENIAL_WINDOW` sentences.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.symbols import VERB
from spacy.tokens import Doc, Token

from communique.extract.context_parse import Analysis, DocStep, DocTables, codes_of, subject
from communique.extract.spans import FirstContaining
from communique.knowledge.actor_tables import igos
from communique.nlp import token_table
from communique.records import Actor, ActorSet, Mention, Quote, Status

#: A hostile act alleged by one side and denied by the other within this many
#: following sentences is "denied" (the denial usually follows the claim).
DENIAL_WINDOW = 2
_LONGEST_MENTION = 200  # characters: how far before a span an overlapping mention can start


class Attribution(DocStep):
    """Finds the speaker of an event and the denials around it."""

    def __init__(self, tables: DocTables, *, actors: ActorSet, quotes: Sequence[Quote]) -> None:
        super().__init__(tables)
        self._actors = actors
        self._mentions = sorted(actors.mentions, key=lambda m: (m.start, m.end))
        self._mention_starts = [m.start for m in self._mentions]
        self._quotes = sorted(quotes, key=lambda q: q.start)
        self._quote_index = FirstContaining([(q.start, q.end) for q in self._quotes])
        self._accordings = _according_words(self._doc, self._lemmas)
        self._denials = self._locate_denials()

    def _locate_denials(self) -> list[tuple[int, set[str]]]:
        """Return (sentence number, codes of the denier) for each verb of denial."""
        found: list[tuple[int, set[str]]] = []
        deny_heads = self._cues.deny_heads
        for i, lemma in enumerate(self._lemmas):
            if lemma not in deny_heads or self._doc[i].pos != VERB:
                continue
            subj = subject(self._doc[i])
            if subj is not None:
                codes = self._name_of(subj)[1]
                if codes:
                    found.append((self._sent_no(self._doc[i]), codes))
        return found

    def _denied_nearby(self, trig: Token, actor_codes: set[str]) -> bool:
        """True when the actor's side denies something in this or the next two sentences."""
        here = self._sent_no(trig)
        return any(here <= sent <= here + DENIAL_WINDOW and codes & actor_codes for sent, codes in self._denials)

    def speaker(self, trig: Token, a: Analysis) -> tuple[str | None, set[str]]:
        """Return the speaker's name (None when unresolved) and the codes of the speaker's side."""
        quote = self.quote_at(trig)
        if quote is not None and (quote.speaker or quote.speaker_mention):
            actor = self._actors.by_id(quote.speaker_id) if quote.speaker_id else None
            return quote.speaker or quote.speaker_mention, codes_of(actor) if actor else set()
        according = self._according_to(trig)
        if according is not None:
            return self._name_of(according)
        if a.reported is not None:
            subj = subject(a.reported)
            if subj is not None:
                return self._name_of(subj)
        return None, set()

    def _name_of(self, tok: Token) -> tuple[str | None, set[str]]:
        """The actor a noun phrase names (its name and codes), else the codes of actors inside it."""
        actor = self._actor_for(tok)
        if actor is not None:
            return actor.name, codes_of(actor)
        return None, self._codes_in(tok)

    def quote_at(self, trig: Token) -> Quote | None:
        """Return the quote whose span holds the trigger, if any."""
        k = self._quote_index.find(trig.idx)
        return None if k is None else self._quotes[k]

    def _according_to(self, trig: Token) -> Token | None:
        """Return X of "according to X" in the trigger's sentence."""
        first = bisect.bisect_left(self._accordings, self._sent_start(trig.i))
        last = bisect.bisect_left(self._accordings, self._sent_end(trig.i))
        for i in self._accordings[first:last]:
            for to in self._doc[i].children:
                if to.lower_ == "to":
                    objs = self._children(to, "pobj")
                    if objs:
                        return objs[0]
        return None

    def _actor_for(self, tok: Token) -> Actor | None:
        """Return the actor the noun phrase headed by ``tok`` refers to."""
        span = _phrase(tok)
        own = self._mentions_in(tok.idx, tok.idx + len(tok.text))
        found = own or self._mentions_in(span[0], span[1])
        if not found:
            return None
        best = max(found, key=lambda m: (m.kind != "pronoun" or bool(own), m.end - m.start))
        return self._actors.by_id(best.actor_id)

    def _codes_in(self, tok: Token) -> set[str]:
        """Return the codes of any actors mentioned inside the phrase of ``tok``."""
        start, end = _phrase(tok)
        codes: set[str] = set()
        for mention in self._mentions_in(start, end):
            actor = self._actors.by_id(mention.actor_id)
            if actor is not None:
                codes |= codes_of(actor)
        return codes

    def _mentions_in(self, start: int, end: int) -> list[Mention]:
        """Return the actor mentions overlapping the character span [start, end)."""
        lo = bisect.bisect_left(self._mention_starts, start - _LONGEST_MENTION)
        hi = bisect.bisect_left(self._mention_starts, end)
        return [m for m in self._mentions[lo:hi] if start < m.end]

    def contested(
        self, trig: Token, a: Analysis, status: Status, speaker_codes: set[str], actor_codes: set[str]
    ) -> Status:
        """A hostile act reported only by the other side is alleged; denied when its actor denies it."""
        if status == "occurred" and self._is_reported(trig, a) and self._adversarial(speaker_codes, actor_codes, a):
            status = "alleged"
        if status == "alleged" and actor_codes and self._denied_nearby(trig, actor_codes):
            status = "denied"
        return status

    def _is_reported(self, trig: Token, a: Analysis) -> bool:
        return a.reported is not None or self.quote_at(trig) is not None or self._according_to(trig) is not None

    def _adversarial(self, speaker_codes: set[str], actor_codes: set[str], a: Analysis) -> bool:
        """True when the speaker is not on the actor's side (or is a claimant: activists, witnesses)."""
        if a.future or a.would or a.modal:
            return False
        if speaker_codes and actor_codes:
            if speaker_codes <= set(igos().by_code):  # the UN or a regional body reporting: a third party
                return False
            return not (speaker_codes & actor_codes)
        subj = subject(a.reported) if a.reported is not None else None
        if subj is None:
            return False
        words = {self._lemma(t) for t in subj.subtree}
        return bool(words & self._cues.claimant_nouns) and not (words & self._cues.official_modifiers)


def _according_words(doc: Doc, lemmas: Sequence[str]) -> list[int]:
    """Return the indices of the tokens "according" or of lemma "accord", in order."""
    according = doc.vocab.strings["according"]
    lowers = token_table(doc).lower_ids
    return [i for i, (lemma, lower) in enumerate(zip(lemmas, lowers, strict=True)) if lemma == "accord" or lower == according]


def _phrase(tok: Token) -> tuple[int, int]:
    """Character span of a noun phrase, without its relative clauses."""
    excluded: set[int] = set()
    for t in tok.subtree:
        if t != tok and t.dep_ in ("relcl", "acl"):
            excluded |= {x.i for x in t.subtree}
    tokens = [t for t in tok.subtree if t.i not in excluded] or [tok]
    first, last = tokens[0], tokens[-1]
    return first.idx, last.idx + len(last.text)
