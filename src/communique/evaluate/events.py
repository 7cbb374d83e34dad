"""Scoring the events of one article: matching, attributes and locations."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from communique.evaluate.gold import CITY_RADIUS_KM, SYMMETRIC_TYPES, GoldArticle, GoldEvent, GoldLocation
from communique.evaluate.notes import Notes, accuracy
from communique.evaluate.report import Accuracies, Accuracy, Counts
from communique.evaluate.text import common_codes, dates_agree, distance_km, expand_codes, max_matching, name_key
from communique.records import ArticleResult, Event

# ----- events


def event_fits(gold: GoldEvent, event: Event) -> bool:
    """True when a system event may match a gold event (type and participants; FORMAT.md)."""
    if event.type not in gold.types:
        return False
    gold_actors, gold_recipients = expand_codes(gold.actors), expand_codes(gold.recipients)
    system_actors, system_recipients = expand_codes(event.actors), expand_codes(event.recipients)
    if event.type in SYMMETRIC_TYPES:
        participants = expand_codes(gold_actors + gold_recipients)
        found = common_codes(participants, expand_codes(system_actors + system_recipients))
        return found >= min(2, len(participants))
    if gold_actors and common_codes(gold_actors, system_actors) < 1:
        return False
    return not gold_recipients or common_codes(gold_recipients, system_recipients) >= 1


def match_events(golds: Sequence[GoldEvent], events: Sequence[Event]) -> tuple[dict[int, int], set[int]]:
    """Match system events to gold events one-to-one, required gold first.

    Returns:
        (gold index -> system index, indices of system events not counted:
        unmatched ones that fit only optional gold events).
    """
    fits = [[event_fits(g, e) for e in events] for g in golds]
    candidates = [sorted((j for j, ok in enumerate(row) if ok), key=_by_preference(g, events))
                  for g, row in zip(golds, fits, strict=True)]
    order = [i for i, g in enumerate(golds) if not g.optional] + [i for i, g in enumerate(golds) if g.optional]
    pairs = max_matching(candidates, order, gain=lambda g, e: _event_gain(golds[g], events[e]))
    matched = set(pairs.values())
    neutral = {j for j in range(len(events)) if j not in matched
               and any(fits[i][j] for i, g in enumerate(golds) if g.optional)
               and not any(fits[i][j] for i, g in enumerate(golds) if not g.optional)}
    return pairs, neutral


def _event_gain(gold: GoldEvent, event: Event) -> float:
    """How well a fitting system event codes a gold event: type, date, status, place."""
    same_type, wrong_date, wrong_status = _preference(gold, event)
    place = gold.location is not None and event.location is not None and \
        (gold.location.state or "") == (event.location.state or "")
    return (not same_type) + (not wrong_date) + (not wrong_status) + place * 0.5


def _by_preference(gold: GoldEvent, events: Sequence[Event]) -> Callable[[int], tuple[bool, bool, bool]]:
    """Sort key of the system events fitting ``gold``: the preferred fit first (see ``_preference``)."""
    return lambda j: _preference(gold, events[j])


def _preference(gold: GoldEvent, event: Event) -> tuple[bool, bool, bool]:
    """Sort key: same type first, then right date, then right status."""
    date_ok = gold.date is None or dates_agree(gold.date, event.date)
    status_ok = gold.status is None or gold.status == event.status
    return (event.type != gold.type, not date_ok, not status_ok)


def score_events(gold: GoldArticle, system: ArticleResult,
                  note: Notes) -> tuple[Counts, dict[str, Counts], Accuracies]:
    """Match events; check date, status and location; type recall; per-type counts."""
    events = system.events
    pairs, neutral = match_events(gold.events, events)
    by_type: dict[str, Counts] = {}
    accuracies = Accuracies()
    required = [i for i, g in enumerate(gold.events) if not g.optional]
    for i in required:
        gold_event = gold.events[i]
        hit = i in pairs
        by_type[gold_event.type] = by_type.get(gold_event.type, Counts()) + Counts(tp=int(hit), fn=int(not hit))
        if hit:
            accuracies += _event_attributes(gold_event, events[pairs[i]], note)
        else:
            note.add("event", "missed", _describe_gold_event(gold_event), sentence=f"note: {gold_event.note or ''}")
    counted_system = {pairs[i] for i in required if i in pairs}
    spurious = [j for j in range(len(events)) if j not in set(pairs.values()) and j not in neutral]
    for j in spurious:
        event = events[j]
        by_type[event.type] = by_type.get(event.type, Counts()) + Counts(fp=1)
        duplicate = any(event_fits(gold.events[i], event) for i in required)
        note.add("event", "duplicate" if duplicate else "spurious", _describe_event(event),
                 sentence=event.evidence[0].sentence if event.evidence else None)
    produced = {e.type for e in events}
    recall = Accuracy(correct=sum(1 for i in required if gold.events[i].types & produced), total=len(required))
    accuracies += Accuracies(type_recall=recall)
    counts = Counts(tp=len(counted_system), fp=len(spurious), fn=len(required) - len(counted_system))
    return counts, dict(sorted(by_type.items())), accuracies


def _event_attributes(gold: GoldEvent, event: Event, note: Notes) -> Accuracies:
    """Check a matched event's date, status and location."""
    date_ok = gold.date is not None and dates_agree(gold.date, event.date)
    status_ok = gold.status is not None and gold.status == event.status
    sentence = event.evidence[0].sentence if event.evidence else None
    if gold.date is not None and not date_ok:
        note.add("event", "wrong date", _describe_gold_event(gold), gold=gold.date, system=event.date or "null",
                 sentence=sentence)
    if gold.status is not None and not status_ok:
        note.add("event", "wrong status", _describe_gold_event(gold), gold=gold.status, system=event.status,
                 sentence=sentence)
    accuracies = Accuracies(date=accuracy(gold.date is not None, date_ok),
                            status=accuracy(gold.status is not None, status_ok))
    return accuracies + _location_accuracy(gold, event, note, sentence)


def _location_accuracy(gold: GoldEvent, event: Event, note: Notes, sentence: str | None) -> Accuracies:
    """State-level and (for city precision) city-level location accuracy."""
    where, got = gold.location, event.location
    if where is None:
        return Accuracies()
    state_checked = where.state is not None
    state_ok = state_checked and got is not None and (got.state or "").upper() == (where.state or "").upper()
    city_checked = where.precision == "city"
    city_ok = city_checked and got is not None and _same_city(where, got.name, got.lat, got.lon)
    shown = "null" if got is None else f"{got.name or got.text} ({got.state or '?'})"
    if (state_checked and not state_ok) or (city_checked and not city_ok):
        note.add("event", "wrong location", _describe_gold_event(gold), gold=f"{where.name} ({where.state})",
                 system=shown, sentence=sentence)
    return Accuracies(location_state=accuracy(state_checked, state_ok), location_city=accuracy(city_checked, city_ok))


def _same_city(gold: GoldLocation, name: str | None, lat: float | None, lon: float | None) -> bool:
    if gold.name and name and name_key(gold.name) == name_key(name):
        return True
    if None in (gold.lat, gold.lon, lat, lon):
        return False
    return distance_km(gold.lat, gold.lon, lat, lon) <= CITY_RADIUS_KM  # type: ignore[arg-type]


def _describe_codes(type_: str, actors: Sequence[str], recipients: Sequence[str]) -> str:
    if type_ in SYMMETRIC_TYPES:
        return " + ".join(expand_codes([*actors, *recipients])) or "?"
    return f"{' '.join(actors) or '?'} → {' '.join(recipients) or '-'}"


def _describe_gold_event(event: GoldEvent) -> str:
    alt = f" (or {'/'.join(event.alt_types)})" if event.alt_types else ""
    return (f"{event.type}{alt} {_describe_codes(event.type, event.actors, event.recipients)}"
            f" · {event.date or 'no date'} · {event.status or 'no status'}")


def _describe_event(event: Event) -> str:
    return (f"{event.type} {_describe_codes(event.type, event.actors, event.recipients)}"
            f" · {event.date or 'no date'} · {event.status}")
