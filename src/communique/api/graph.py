"""Aggregations the API and the pages draw: the actor network and GeoJSON of events."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from communique.store.views import StoredEvent


def event_pairs(event: StoredEvent) -> list[tuple[str, str]]:
    """Unordered code pairs an event relates: actor x recipient, or among actors when reciprocal."""
    if event.recipients:
        pairs = {tuple(sorted((a, r))) for a in event.actors for r in event.recipients if a != r}
    else:
        acts = sorted(set(event.actors))
        pairs = {(a, b) for i, a in enumerate(acts) for b in acts[i + 1:]}
    return sorted(pairs)  # type: ignore[arg-type]


def event_network(events: Iterable[StoredEvent], *, min_events: int = 1) -> dict[str, Any]:
    """Nodes sized by activity and edges weighted by events and summed score."""
    activity: Counter[str] = Counter()
    edges: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0.0, 0, 0])
    total = 0
    for event in events:
        total += 1
        for code in set(event.actors) | set(event.recipients):
            activity[code] += 1
        for pair in event_pairs(event):
            cell = edges[pair]
            score = event.score or 0.0
            cell[0] += 1
            cell[1] += score
            cell[2] += score > 0
            cell[3] += score < 0
    kept = {p: v for p, v in edges.items() if v[0] >= min_events}
    used = {c for pair in kept for c in pair}
    return {
        "nodes": [{"id": c, "events": n} for c, n in activity.most_common() if c in used],
        "edges": [{"source": a, "target": b, "events": int(v[0]), "score": round(v[1], 3),
                   "cooperation": int(v[2]), "conflict": int(v[3])} for (a, b), v in sorted(kept.items())],
        "meta": {"events": total},
    }


def events_geojson(events: Iterable[StoredEvent]) -> dict[str, Any]:
    """A FeatureCollection of the events that have coordinates."""
    features = []
    for event in events:
        loc = event.location
        if loc is None or loc.lat is None or loc.lon is None:
            continue
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
            "properties": {"id": event.id, "type": event.type, "status": event.status, "date": event.date,
                           "actors": event.actors, "recipients": event.recipients, "score": event.score,
                           "place": loc.name or loc.text, "precision": loc.precision,
                           "article_id": event.article_id, "article_title": event.article_title},
        })
    return {"type": "FeatureCollection", "features": features}
