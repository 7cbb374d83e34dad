"""Scoring the actor parts of one article: persons, sectors, states / IGOs and quotes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from communique.evaluate.gold import (
    GENERIC_CODES,
    QUOTE_MAX_FACTOR,
    QUOTE_MIN_SHARE,
    QUOTE_SLACK,
    SCORED_QUOTE_KINDS,
    GoldActor,
    GoldArticle,
    GoldQuote,
)
from communique.evaluate.notes import Notes, accuracy, quote_sentence, short_quote
from communique.evaluate.report import Accuracies, Accuracy, Counts, Part
from communique.evaluate.text import (
    NameIndex,
    expand_codes,
    find_sentence,
    fold,
    is_state_code,
    max_matching,
    name_key,
    name_parts,
    quote_words,
)
from communique.records import Actor, ArticleResult, Quote

# ----- persons


def score_persons(gold: GoldArticle, system: ArticleResult,
                   note: Notes) -> tuple[Counts, list[tuple[GoldActor, Actor]], Accuracies]:
    """Match system persons to gold persons; check country, org and role."""
    index = NameIndex([a for a in gold.actors if a.kind == "person"])
    taken, rejected = match_persons(index, [a for a in system.actors if a.kind == "person"])
    for actor, duplicate_of in rejected:
        if duplicate_of is None:
            note.add("person", "spurious", actor.name, sentence=note.sentence_of_actor(actor))
        else:
            note.add("person", "duplicate", actor.name, gold=index.actors[duplicate_of].name,
                     system=f"also {taken[duplicate_of].name!r}", sentence=note.sentence_of_actor(actor))
    for i, gold_person in enumerate(index.actors):
        if i not in taken:
            note.add("person", "missed", gold_person.name, sentence=find_sentence(gold.text, gold_person.names))
    pairs = [(index.actors[i], actor) for i, actor in sorted(taken.items())]
    accuracies = Accuracies()
    for gold_person, actor in pairs:
        accuracies += _person_attributes(gold_person, actor, note)
    counts = Counts(tp=len(pairs), fp=len(rejected), fn=len(index.actors) - len(taken))
    return counts, pairs, accuracies


def match_persons(index: NameIndex, found: Sequence[Actor]) -> tuple[dict[int, Actor], list[tuple[Actor, int | None]]]:
    """Pair system persons with gold persons, exact name matches served first.

    Returns:
        (gold index -> system person, rejected system persons each with the
        gold index it duplicates, or None when it matches no gold person).
    """
    taken: dict[int, Actor] = {}
    rejected: list[tuple[Actor, int | None]] = []
    for actor in sorted(found, key=lambda a: not index.exact(a.name)):
        candidates = index.resolve(actor.name)
        free = [c for c in candidates if c not in taken]
        if free:
            taken[free[0]] = actor
        else:
            rejected.append((actor, candidates[0] if candidates else None))
    return taken, rejected


def _person_attributes(gold: GoldActor, actor: Actor, note: Notes) -> Accuracies:
    """Check a matched person's country, org and roles."""
    country_checked = bool(gold.country or actor.country)
    country_ok = (gold.country or "").upper() == (actor.country or "").upper()
    org_checked = bool(gold.org or actor.org)
    org_ok = (gold.org or "").upper() == (actor.org or "").upper()
    gold_roles = {fold(r).replace("-", " ") for r in gold.roles}
    system_roles = {fold(r).replace("-", " ") for r in actor.roles}
    role_checked = bool(gold_roles or system_roles)
    role_ok = bool(gold_roles & system_roles) or not (gold_roles or system_roles)
    for checked, ok, what, want, got in (
        (country_checked, country_ok, "country", gold.country, actor.country),
        (org_checked, org_ok, "org", gold.org, actor.org),
        (role_checked, role_ok, "role", " | ".join(gold.roles), " | ".join(actor.roles)),
    ):
        if checked and not ok:
            note.add("person", f"wrong {what}", gold.name, gold=want or "null", system=got or "null",
                     sentence=note.sentence_of_actor(actor))
    return Accuracies(country=accuracy(country_checked, country_ok), org=accuracy(org_checked, org_ok),
                      role=accuracy(role_checked, role_ok))


# ----- sectors


def score_sectors(gold: GoldArticle, system: ArticleResult, person_pairs: list[tuple[GoldActor, Actor]],
                   note: Notes) -> Accuracies:
    """Sector accuracy over matched persons and organisations whose gold has sectors."""
    pairs = person_pairs + _match_orgs(gold, system)
    total = Accuracy()
    for gold_actor, actor in pairs:
        wanted = gold_actor.sector_set
        if not wanted:
            continue
        ok = (actor.sector or "").upper() in wanted
        total += accuracy(True, ok)
        if not ok:
            part: Part = "person" if gold_actor.kind == "person" else "org"
            note.add(part, "wrong sector", gold_actor.name, gold=" | ".join(sorted(wanted)),
                     system=actor.sector or "null", sentence=note.sentence_of_actor(actor))
    return Accuracies(sector=total)


def _match_orgs(gold: GoldArticle, system: ArticleResult) -> list[tuple[GoldActor, Actor]]:
    """Pair system organisations with gold organisations by name or alias."""
    gold_orgs = [a for a in gold.actors if a.kind == "org"]
    taken: set[int] = set()
    pairs = []
    for actor in (a for a in system.actors if a.kind == "org"):
        keys = {name_key(n) for n in [actor.name, *actor.aliases]}
        for i, gold_org in enumerate(gold_orgs):
            if i not in taken and keys & {name_key(n) for n in gold_org.names}:
                taken.add(i)
                pairs.append((gold_org, actor))
                break
    return pairs


# ----- states and IGOs


def score_states(gold: GoldArticle, system: ArticleResult, note: Notes) -> Counts:
    """Compare the sets of state and IGO codes."""
    gold_actors = {code: a for a in gold.actors if a.kind in ("state", "igo") for code in expand_codes([a.code or ""])}
    system_actors = {code: a for a in system.actors if a.kind in ("state", "igo") and a.code
                     for code in expand_codes([a.code])}
    concrete = {c for c in gold_actors if c not in GENERIC_CODES}
    spare = [c for c in system_actors if c not in concrete and not is_state_code(c)]
    tp = len(concrete & system_actors.keys())
    unmatched_system = set(system_actors) - concrete
    for code in (c for c in gold_actors if c in GENERIC_CODES):
        if spare:
            tp += 1
            unmatched_system.discard(spare.pop(0))
        else:
            _note_missed_state(gold, gold_actors[code], code, note)
    for code in sorted(concrete - system_actors.keys()):
        _note_missed_state(gold, gold_actors[code], code, note)
    for code in sorted(unmatched_system):
        actor = system_actors[code]
        note.add("state/igo", "spurious", code, system=actor.name, sentence=note.sentence_of_actor(actor))
    return Counts(tp=tp, fp=len(unmatched_system), fn=len(gold_actors) - tp)


def _note_missed_state(gold: GoldArticle, actor: GoldActor, code: str, note: Notes) -> None:
    note.add("state/igo", "missed", code, gold=actor.name, sentence=find_sentence(gold.text, actor.names))


# ----- quotes


def quote_fits(gold_text: str, system_text: str) -> int:
    """How many gold words the system quote holds when it matches the gold quote, else 0.

    It matches when it holds at least half the gold words and has at most
    twice as many words as the gold quote plus two.
    """
    gold_words, system_words = quote_words(gold_text), quote_words(system_text)
    if not gold_words or len(system_words) > QUOTE_MAX_FACTOR * len(gold_words) + QUOTE_SLACK:
        return 0
    shared = sum((Counter(gold_words) & Counter(system_words)).values())
    return shared if shared >= QUOTE_MIN_SHARE * len(gold_words) else 0


def score_quotes(gold: GoldArticle, system: ArticleResult, index: NameIndex,
                  note: Notes) -> tuple[Counts, Accuracies]:
    """Match direct and partial system quotes to gold quotes; check their speakers."""
    found = [q for q in system.quotes if q.kind in SCORED_QUOTE_KINDS]
    overlaps = [[quote_fits(g.text, q.text) for q in found] for g in gold.quotes]
    candidates = [sorted((j for j, o in enumerate(row) if o), key=_by_overlap(row)) for row in overlaps]
    pairs = max_matching(candidates, range(len(gold.quotes)), gain=lambda g, q: overlaps[g][q])
    speaker = Accuracy()
    for g_index, s_index in sorted(pairs.items()):
        ok = _speaker_ok(gold.quotes[g_index], found[s_index], index)
        speaker += accuracy(True, ok)
        if not ok:
            note.add("quote", "wrong speaker", short_quote(gold.quotes[g_index].text), gold=gold.quotes[g_index].speaker,
                     system=found[s_index].speaker or found[s_index].speaker_mention or "null",
                     sentence=quote_sentence(gold.text, found[s_index]))
    for g_index, quote in enumerate(gold.quotes):
        if g_index not in pairs:
            note.add("quote", "missed", short_quote(quote.text), gold=quote.speaker,
                     sentence=find_sentence(gold.text, [quote.text, quote.text[:40]]))
    matched_system = set(pairs.values())
    for s_index, spurious in enumerate(found):
        if s_index not in matched_system:
            note.add("quote", "spurious", short_quote(spurious.text), system=spurious.speaker or spurious.speaker_mention,
                     sentence=quote_sentence(gold.text, spurious))
    counts = Counts(tp=len(pairs), fp=len(found) - len(pairs), fn=len(gold.quotes) - len(pairs))
    attributed = Accuracy(correct=speaker.correct, total=len(gold.quotes))
    return counts, Accuracies(speaker=speaker, attributed_quotes=attributed)


def _by_overlap(row: list[int]) -> Callable[[int], int]:
    """Sort key of system quotes: the largest overlap with the gold quote first."""
    return lambda j: -row[j]


def _speaker_ok(gold: GoldQuote, quote: Quote, index: NameIndex) -> bool:
    """True when the system speaker (or its mention) names the gold speaker like a person's name."""
    if not gold.speaker:
        return not (quote.speaker or quote.speaker_mention)
    targets = index.exact(gold.speaker)
    for name in (quote.speaker, quote.speaker_mention):
        if not name:
            continue
        if targets and set(index.resolve(name)) & set(targets):
            return True
        if not targets and (name_key(name) == name_key(gold.speaker) or name_parts(name) & name_parts(gold.speaker)):
            return True
    return False
