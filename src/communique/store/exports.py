"""Exports of stored events: JSON Lines, CSV, PLOVER-style JSON Lines, GDELT-style CSV, Parquet.

Every writer streams (one event at a time) so exports of large stores run in
bounded memory. Parquet is written in row groups of ``PARQUET_ROWS`` rows.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from communique.store.views import StoredEvent

#: Events per Parquet row group.
PARQUET_ROWS = 10_000

#: GDELT 2.0 event table columns Communiqué can fill (GDELT Event Codebook 2.0), in GDELT's order.
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1Type1Code", "Actor1Type2Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2Type1Code", "Actor2Type2Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]

#: CSV columns of ``events --format csv`` (lists joined with ";").
CSV_COLUMNS = [
    "id", "article_id", "article_date", "date", "type", "mode", "status", "actors", "recipients",
    "actor_sectors", "recipient_sectors", "context", "location", "lat", "lon", "cameo_root", "score", "goldstein",
    "asserted_by", "cluster", "article_title", "source", "evidence",
]

_GEO_TYPE = {"state": 1, "region": 5, "city": 4}  # GDELT ActionGeo_Type: 1 country, 5 world state, 4 world city


def event_json(event: StoredEvent) -> dict[str, Any]:
    """Return the JSON record of ``events --format jsonl``: the extract event plus its article and cluster."""
    return event.to_json()


def write_jsonl(events: Iterable[StoredEvent], out: IO[str]) -> int:
    """Write one JSON record per event; return the count."""
    n = 0
    for event in events:
        out.write(json.dumps(event_json(event), ensure_ascii=False) + "\n")
        n += 1
    return n


def csv_row(event: StoredEvent) -> dict[str, Any]:
    """Return the flat CSV row of an event."""
    loc = event.location
    return {
        "id": event.id, "article_id": event.article_id, "article_date": event.article_date, "date": event.date,
        "type": event.type, "mode": event.mode, "status": event.status, "actors": ";".join(event.actors),
        "recipients": ";".join(event.recipients), "actor_sectors": ";".join(event.actor_sectors),
        "recipient_sectors": ";".join(event.recipient_sectors), "context": ";".join(event.context),
        "location": loc.name or loc.text if loc else None, "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None, "cameo_root": event.cameo_root, "score": event.score,
        "goldstein": event.goldstein, "asserted_by": event.asserted_by, "cluster": event.cluster,
        "article_title": event.article_title, "source": event.source,
        "evidence": " | ".join(e.text for e in event.evidence),
    }


def write_csv(events: Iterable[StoredEvent], out: IO[str]) -> int:
    """Write events as CSV with a header row; return the count."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(csv_row(event))
        n += 1
    return n


# -- PLOVER -------------------------------------------------------------------


@functools.cache
def _plover_quads() -> dict[str, str]:
    from communique.knowledge.events import plover_types

    return {name: t.quad for name, t in plover_types().items()}


def plover_record(event: StoredEvent) -> dict[str, Any]:
    """Return a PLOVER-style record (field names of the PLOVER data model, snake case)."""
    loc = event.location
    return {
        "id": event.id,
        "date": event.date or event.article_date,
        "event_type": event.type,
        "mode": event.mode,
        "context": event.context,
        "quad_class": _plover_quads().get(event.type),
        "intensity": event.score,
        "status": event.status,
        "actor": event.actors,
        "actor_sector": event.actor_sectors,
        "recipient": event.recipients,
        "recipient_sector": event.recipient_sectors,
        "location": loc.to_json() if loc else None,
        "text": [e.text for e in event.evidence],
        "asserted_by": event.asserted_by,
        "story_id": event.article_id,
        "story_title": event.article_title,
        "publication_date": event.article_date,
        "source": event.source,
        "cluster": event.cluster,
        "coder_version": event.coder_version,
    }


def write_plover(events: Iterable[StoredEvent], out: IO[str]) -> int:
    """Write PLOVER-style JSON Lines; return the count."""
    n = 0
    for event in events:
        out.write(json.dumps(plover_record(event), ensure_ascii=False) + "\n")
        n += 1
    return n


# -- GDELT --------------------------------------------------------------------


@functools.cache
def _cameo_quads() -> dict[str, int]:
    from communique.knowledge.events import cameo_roots

    return {code: root.quad for code, root in cameo_roots().items()}


def quad_class(cameo_root: str | None) -> int | None:
    """Return GDELT's QuadClass of a CAMEO root (1 verbal coop .. 4 material conflict)."""
    return _cameo_quads().get(cameo_root or "")


def gdelt_rows(event: StoredEvent, names: dict[str, str], kinds: dict[str, str]) -> Iterator[dict[str, Any]]:
    """Yield GDELT-style rows of an event: one per (actor, recipient) pair, as GDELT is dyadic."""
    pairs = [(a, r) for a in event.actors or [None] for r in event.recipients or [None]]  # type: ignore[list-item]
    for n, (a, r) in enumerate(pairs):
        row = _gdelt_common(event)
        row["GLOBALEVENTID"] = event.id if len(pairs) == 1 else f"{event.id}:{n}"
        row.update(_gdelt_actor("Actor1", a, event.actor_sectors, names, kinds))
        row.update(_gdelt_actor("Actor2", r, event.recipient_sectors, names, kinds))
        yield row


def _gdelt_common(event: StoredEvent) -> dict[str, Any]:
    day = (event.date if event.date and len(event.date) == 10 else event.article_date) or ""
    loc = event.location
    return {
        "SQLDATE": day.replace("-", "") or None, "MonthYear": day[:7].replace("-", "") or None,
        "Year": day[:4] or None, "FractionDate": _fraction_date(day),
        "IsRootEvent": 1, "EventCode": event.cameo_root, "EventBaseCode": event.cameo_root,
        "EventRootCode": event.cameo_root, "QuadClass": quad_class(event.cameo_root),
        "GoldsteinScale": event.goldstein, "NumMentions": max(1, len(event.evidence)), "NumSources": 1,
        "NumArticles": 1, "ActionGeo_Type": _GEO_TYPE.get(loc.precision or "") if loc else None,
        "ActionGeo_FullName": (loc.name or loc.text) if loc else None,
        "ActionGeo_Lat": loc.lat if loc else None, "ActionGeo_Long": loc.lon if loc else None,
        "ActionGeo_FeatureID": loc.geonames_id if loc else None,
        "DATEADDED": day.replace("-", "") or None, "SOURCEURL": event.source,
    }


def _fraction_date(day: str) -> float | None:
    if len(day) != 10:
        return None
    year, month, dom = int(day[:4]), int(day[5:7]), int(day[8:10])
    return round(year + ((month - 1) * 30 + dom) / 365, 4)


def _gdelt_actor(prefix: str, code: str | None, sectors: list[str], names: dict[str, str],
                 kinds: dict[str, str]) -> dict[str, Any]:
    if code is None:
        return {}
    kind = kinds.get(code)
    sector = sectors[0] if sectors else None
    return {
        f"{prefix}Code": code + (sector or "") if kind != "igo" else code,
        f"{prefix}Name": (names.get(code) or code).upper(),
        f"{prefix}CountryCode": code if kind != "igo" else None,
        f"{prefix}KnownGroupCode": code if kind == "igo" else None,
        f"{prefix}Type1Code": sector,
        f"{prefix}Type2Code": sectors[1] if len(sectors) > 1 else None,
    }


def write_gdelt(events: Iterable[StoredEvent], out: IO[str], *, names: dict[str, str],
                kinds: dict[str, str]) -> int:
    """Write a GDELT-style CSV (GDELT's column names, comma separated, header row); return the rows."""
    writer = csv.DictWriter(out, fieldnames=GDELT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for event in events:
        for row in gdelt_rows(event, names, kinds):
            writer.writerow(row)
            n += 1
    return n


# -- Parquet ------------------------------------------------------------------


def parquet_schema() -> Any:
    """Return the Arrow schema of the events Parquet table."""
    import pyarrow as pa

    strings = pa.list_(pa.string())
    return pa.schema([
        ("id", pa.string()), ("article_id", pa.string()), ("article_title", pa.string()),
        ("article_date", pa.string()), ("source", pa.string()), ("cluster", pa.string()),
        ("coder_version", pa.string()), ("type", pa.string()), ("mode", pa.string()), ("context", strings),
        ("actors", strings), ("recipients", strings), ("actor_ids", strings), ("recipient_ids", strings),
        ("actor_sectors", strings), ("recipient_sectors", strings), ("date", pa.string()),
        ("date_text", pa.string()), ("status", pa.string()), ("asserted_by", pa.string()),
        ("location", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()), ("cameo_root", pa.string()),
        ("score", pa.float64()), ("goldstein", pa.float64()), ("evidence", pa.string()), ("rule", pa.string()),
    ])


def _parquet_row(event: StoredEvent) -> dict[str, Any]:
    data = event.to_json()
    loc = data.pop("location")
    data["location"] = json.dumps(loc, ensure_ascii=False) if loc else None
    data["lat"] = loc.get("lat") if loc else None
    data["lon"] = loc.get("lon") if loc else None
    data["evidence"] = json.dumps(data["evidence"], ensure_ascii=False)
    return data


def write_parquet(events: Iterable[StoredEvent], out: Any) -> int:
    """Write events to a Parquet file (path or binary stream); return the count.

    Lists stay lists; ``location`` and ``evidence`` are JSON strings.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        rows: list[dict[str, Any]] = []
        for event in events:
            rows.append(_parquet_row(event))
            if len(rows) >= PARQUET_ROWS:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                n += len(rows)
                rows = []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
    return n
