"""References back: a reaction to an act told before is aimed at that act's maker (issue 19).

"Poland condemned the move", "rejected the warning", "Somalia called the deal an act of aggression":
the act is told in an earlier sentence, and the reaction's target is whoever did it. The event stage
(:mod:`communique.extract.events`) calls :func:`resolve_reference` on each draft in text order.
"""

from __future__ import annotations

from spacy.tokens import Token

from communique.extract.event_args import ArgFinder, unique
from communique.extract.event_draft import Draft, codes
from communique.extract.event_triggers import Hit, lemma
from communique.knowledge.events import lexicon
from communique.knowledge.words import word_set

__all__ = ["REFERENCE_DETS", "SPEECH_TYPES", "resolve_reference"]

# Speech acts: with no subject of their own inside a quote, the speaker makes them. A material
# act reported in speech keeps its own participants ("gunmen killed 30 villagers, the army said").
SPEECH_TYPES = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
REFERENCE_DETS = word_set("events", "REFERENCE_DETS")
ACT_NOUNS = word_set("events", "ACT_NOUNS")
SAID_NOUNS = word_set("events", "SAID_NOUNS")
# Reactions to an act told before, and how far back (sentences) its maker is looked for.
REACTION_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT", "REQUEST", "THREATEN", "SANCTION", "PROTEST"})
REFERENCE_SENTENCES = 2


def resolve_reference(draft: Draft, inner: list[Hit], earlier: list[Draft], finder: ArgFinder) -> None:
    """A reaction to an event told before ("rejected the warning", "condemned the move") targets its actors."""
    actor_codes = set(codes(draft.actor_ids, finder))
    if not set(codes(draft.recipient_ids, finder)) <= actor_codes:
        return
    noun = _referred_act(draft.hit.token) if draft.type in REACTION_TYPES else None
    if noun is not None:
        # "Somalia called the deal an act of aggression": the act told last by another party, nearby; an
        # act noun of a type ("the attack") refers to an act of that type, others ("the move") to any deed
        kinds = {t.type for t in lexicon().lookup("noun", noun.lemma_.lower()) if not t.none}
        said = noun.lemma_.lower() in SAID_NOUNS
        here = finder.index.sentence_number(draft.hit.token)
        for prev in reversed(earlier):
            if here - finder.index.sentence_number(prev.hit.token) > REFERENCE_SENTENCES:
                break
            if (prev.type not in kinds) if kinds else ((prev.type in SPEECH_TYPES) is not said):
                continue
            if set(codes(prev.actor_ids, finder)).isdisjoint(actor_codes) and _aim_at(draft, prev, actor_codes, finder):
                return
    for hit in inner:
        if hit.trigger.pos != "noun":
            continue
        for prev in reversed(earlier):
            if prev.hit.trigger.type == hit.trigger.type or lemma(prev.hit.token) == lemma(hit.token):
                if _aim_at(draft, prev, actor_codes, finder):
                    return


def _aim_at(draft: Draft, prev: Draft, actor_codes: set[str], finder: ArgFinder) -> bool:
    """Make ``prev``'s actors (but the draft's own side) the draft's recipients; False when none is left."""
    targets = [a for a in prev.actor_ids if finder.code(a) not in actor_codes]
    if not targets:
        return False
    draft.recipient_ids = unique(draft.recipient_ids + targets)
    draft.rule += "+reference"
    return True


def _referred_act(tok: Token) -> Token | None:
    """The verb's object (or about/over phrase) when it is a definite noun for an act told before ("the move")."""
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    objects += [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("about", "over", "at", "to")
                for p in c.children if p.dep_ == "pobj"]
    return next((o for o in objects if o.lemma_.lower() in ACT_NOUNS
                 and any(d.dep_ == "det" and d.lower_ in REFERENCE_DETS for d in o.children)
                 and not any(d.dep_ in ("poss", "amod", "compound") for d in o.children)), None)
