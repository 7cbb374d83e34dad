"""What ``communique load PATH`` reads: coded records made elsewhere, as stored articles.

Three inputs, recognised by content:

- a Spark job's output directory (``articles/``, ``actors/``, ``quotes/``,
  ``events/`` Parquet tables): the very records local ``ingest`` makes;
- JSON Lines of Communiqué event records (the ``events --format jsonl``
  shape: event fields plus ``article_id``, ``article_title``,
  ``article_date``, ``source``);
- JSON Lines of PLOVER events as POLECAT publishes them (keys such as
  ``Event ID``, ``Event Date``, ``Event Type``, ``Event Mode``, ``Contexts``,
  ``Actor Country``, ``Recipient Country``, ``Latitude``... or their
  snake_case forms ``event_type``, ``actor_country``...).

Event records become one stored "article" per source article (its text is
not known, so none is kept), so everything the store offers works on them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from communique.errors import InputError, MalformedInputError
from communique.ids import make_id
from communique.knowledge import events as plover
from communique.records import Article, ArticleResult, Event, Evidence, Location

Loaded = tuple[Article, ArticleResult] | InputError

#: Keys that mark a record as POLECAT-style (in either spelling).
POLECAT_KEYS = ("event type", "event_type", "event id", "event_id")


def iter_loadable(path: str | Path, *, coder_version: str = "external") -> Iterator[Loaded]:
    """Yield ``(Article, ArticleResult)`` per source article in ``path``, or an error per bad record."""
    root = Path(path)
    if root.is_dir() and (root / "articles").is_dir():
        from communique.spark import read_output

        yield from read_output(root)
        return
    if not root.is_file():
        yield InputError("not a Spark output directory nor a JSON Lines file", source=str(root))
        return
    yield from _from_json_lines(root, coder_version)


def _from_json_lines(path: Path, coder_version: str) -> Iterator[Loaded]:
    groups: dict[str, tuple[Article, list[Event]]] = {}
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:line {number}"
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise MalformedInputError("not a JSON object", source=where)
                article, event = _polecat(record, where) if _is_polecat(record) else _communique(record, where)
            except json.JSONDecodeError as exc:
                yield MalformedInputError(f"invalid JSON: {exc.msg}", source=where)
                continue
            except (InputError, ValueError, TypeError) as exc:
                yield exc if isinstance(exc, InputError) else MalformedInputError(str(exc), source=where)
                continue
            groups.setdefault(article.id, (article, []))[1].append(event)
    for article, events in groups.values():
        yield article, ArticleResult(id=article.id, title=article.title, date=article.date, source=article.source,
                                     url=article.url, language=article.language, coder_version=coder_version,
                                     events=_unique(events))


def _unique(events: list[Event]) -> list[Event]:
    seen: dict[str, Event] = {}
    for event in events:
        seen.setdefault(event.id, event)
    return list(seen.values())


def _is_polecat(record: dict[str, Any]) -> bool:
    keys = {k.lower() for k in record}
    return any(k in keys for k in POLECAT_KEYS)


def _communique(record: dict[str, Any], where: str) -> tuple[Article, Event]:
    """An event in the ``events --format jsonl`` shape."""
    if "type" not in record:
        raise MalformedInputError("neither a Communiqué event (no 'type') nor a POLECAT event", source=where)
    article_id = record.get("article_id") or make_id("art", "loaded", record.get("source"), record.get("article_title"))
    article = Article(id=article_id, title=record.get("article_title"), date=record.get("article_date"),
                      source=record.get("source"), url=record.get("source_url"), language="en", text="",
                      meta={"loaded_from": str(where.rsplit(":line", 1)[0]), "format": "communique-events"})
    fields = {k: v for k, v in record.items() if k in Event.model_fields}
    event = Event.model_validate(fields)
    return article, event


def _get(record: dict[str, Any], *names: str) -> Any:
    """The first present value among ``names``, looked up case- and spelling-insensitively."""
    folded = {k.lower().replace(" ", "_"): v for k, v in record.items()}
    for name in names:
        value = folded.get(name.lower().replace(" ", "_"))
        if value not in (None, "", []):
            return value
    return None


def _codes(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).replace(";", ",").split(",")
    return [str(v).strip().upper() for v in items if str(v).strip()]


def _polecat(record: dict[str, Any], where: str) -> tuple[Article, Event]:
    """A POLECAT/PLOVER event record."""
    event_type = str(_get(record, "event_type", "event") or "").strip().upper()
    if event_type not in plover.plover_types():
        raise MalformedInputError(f"unknown PLOVER event type {event_type!r}", source=where)
    event_id = str(_get(record, "event_id", "id") or where)
    date = str(_get(record, "event_date", "date") or "")[:10] or None
    story = str(_get(record, "story_id", "source_id") or event_id)
    source = _get(record, "source", "publisher")
    article = Article(id=make_id("art", "polecat", story), title=_get(record, "headline", "title"), date=date,
                      source=str(source) if source else None, url=_get(record, "url", "source_url"), language="en",
                      text="", meta={"loaded_from": where.rsplit(":line", 1)[0], "format": "polecat",
                                     "story_id": story})
    mode = _get(record, "event_mode", "mode")
    mode = str(mode).strip().lower() or None if mode else None
    root = plover.cameo_root(event_type, mode)
    contexts = _get(record, "contexts", "context")
    context = contexts if isinstance(contexts, list) else [c.strip() for c in str(contexts or "").split(";") if c.strip()]
    event = Event(
        id=make_id("ev", "polecat", event_id), type=event_type, mode=mode, context=context,
        actors=_codes(_get(record, "actor_country", "actor_code")),
        recipients=_codes(_get(record, "recipient_country", "recipient_code")),
        actor_sectors=_codes(_get(record, "primary_actor_sector", "actor_sector")),
        recipient_sectors=_codes(_get(record, "primary_recipient_sector", "recipient_sector")),
        date=date, status="occurred", location=_location(record), cameo_root=root,
        score=plover.score(event_type, mode), goldstein=plover.goldstein(root),
        evidence=[Evidence(sentence=str(_get(record, "event_text", "text", "sentence") or ""), start=0, end=0,
                           text=str(_get(record, "event_text", "text") or ""))],
        rule=f"polecat:{event_id}",
    )
    return article, event


def _location(record: dict[str, Any]) -> Location | None:
    lat, lon = _get(record, "latitude", "lat"), _get(record, "longitude", "lon")
    name = _get(record, "placename", "city", "raw_placename")
    if lat is None or lon is None:
        return None
    try:
        return Location(text=str(name or ""), name=str(name) if name else None,
                        state=next(iter(_codes(_get(record, "country"))), None),
                        region=_get(record, "province"), lat=float(lat), lon=float(lon),
                        geonames_id=int(_get(record, "geonames_id") or 0) or None,
                        precision="city" if _get(record, "city") else "state")
    except (TypeError, ValueError):
        return None
