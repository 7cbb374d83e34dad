"""The Spark job: the same ``process_many`` inside ``mapPartitions``, Parquet tables out.

``run_job(input_uri, output_uri)`` reads articles from any Spark-readable URI
(JSON Lines, Parquet, or a directory of text/HTML files), codes them on the
executors with the spaCy pipeline loaded once per Python worker process, and
writes the tables ``articles``, ``actors``, ``quotes``, ``events`` (and
``errors``) as Parquet partitioned by ``article_date``. ``read_output`` reads
them back as ``(Article, ArticleResult)`` pairs for ``communique load``; ids
and content are those local ``ingest`` gives, because both call the same code.

Table rows carry the queryable columns plus ``record``: the full JSON of the
actor, quote or event, so nothing is lost in the round trip.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.errors import ConfigError, InputError
from communique.records import Actor, Article, ArticleResult, Event, Quote

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import SparkSession

log = logging.getLogger(__name__)

TABLES = ("articles", "actors", "quotes", "events", "errors")
PARTITION_COLUMN = "article_date"
NO_DATE = "unknown"


def table_schemas() -> dict[str, Any]:
    """Return the Spark schema of each output table (built lazily: pyspark is optional)."""
    from pyspark.sql.types import ArrayType, DoubleType, LongType, StringType, StructField, StructType

    def struct(*cols: tuple[str, Any]) -> StructType:
        return StructType([StructField(name, kind, True) for name, kind in cols])

    s = StringType()
    return {
        "articles": struct(("id", s), ("title", s), ("date", s), ("source", s), ("url", s), ("language", s),
                           ("coder_version", s), ("text", s), ("meta", s), (PARTITION_COLUMN, s)),
        "actors": struct(("article_id", s), ("seq", LongType()), ("id", s), ("name", s), ("kind", s), ("code", s), ("country", s),
                         ("org", s), ("sector", s), ("record", s), (PARTITION_COLUMN, s)),
        "quotes": struct(("article_id", s), ("seq", LongType()), ("id", s), ("speaker", s), ("speaker_id", s), ("kind", s),
                         ("text", s), ("record", s), (PARTITION_COLUMN, s)),
        "events": struct(("article_id", s), ("seq", LongType()), ("id", s), ("type", s), ("mode", s), ("actors", ArrayType(s)),
                         ("recipients", ArrayType(s)), ("date", s), ("status", s), ("cameo_root", s),
                         ("score", DoubleType()), ("goldstein", DoubleType()), ("record", s), (PARTITION_COLUMN, s)),
        "errors": struct(("source", s), ("reason", s), (PARTITION_COLUMN, s)),
    }


# -- rows <-> records (pure Python: used on executors, by `load` and by tests) --------------------


def result_rows(article: Article, result: ArticleResult) -> Iterator[tuple[str, dict[str, Any]]]:
    """Flatten one coded article into ``(table, row)`` pairs."""
    part = article.date or NO_DATE
    yield "articles", {
        "id": article.id, "title": article.title, "date": article.date, "source": article.source,
        "url": article.url, "language": article.language, "coder_version": result.coder_version,
        "text": article.text, "meta": json.dumps(article.meta, ensure_ascii=False, sort_keys=True),
        PARTITION_COLUMN: part,
    }
    for i, a in enumerate(result.actors):
        yield "actors", {"article_id": article.id, "seq": i, "id": a.id, "name": a.name, "kind": a.kind, "code": a.code,
                         "country": a.country, "org": a.org, "sector": a.sector, "record": _dump(a),
                         PARTITION_COLUMN: part}
    for i, q in enumerate(result.quotes):
        yield "quotes", {"article_id": article.id, "seq": i, "id": q.id, "speaker": q.speaker, "speaker_id": q.speaker_id,
                         "kind": q.kind, "text": q.text, "record": _dump(q), PARTITION_COLUMN: part}
    for i, e in enumerate(result.events):
        yield "events", {"article_id": article.id, "seq": i, "id": e.id, "type": e.type, "mode": e.mode,
                         "actors": list(e.actors), "recipients": list(e.recipients), "date": e.date,
                         "status": e.status, "cameo_root": e.cameo_root, "score": e.score,
                         "goldstein": e.goldstein, "record": _dump(e), PARTITION_COLUMN: part}


def error_row(source: str, error: BaseException, date: str | None = None) -> tuple[str, dict[str, Any]]:
    """Return the ``errors`` row of an article that could not be read or coded."""
    return "errors", {"source": source, "reason": str(error), PARTITION_COLUMN: date or NO_DATE}


def _dump(record: Actor | Quote | Event) -> str:
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)


def rebuild(article_row: dict[str, Any], rows: dict[str, list[dict[str, Any]]]) -> tuple[Article, ArticleResult]:
    """Rebuild ``(Article, ArticleResult)`` from one article's table rows (in their written order)."""
    article = Article(
        id=article_row["id"], title=article_row["title"], date=article_row["date"], source=article_row["source"],
        url=article_row["url"], language=article_row["language"], text=article_row["text"] or "",
        meta=json.loads(article_row["meta"] or "{}"),
    )
    result = ArticleResult(
        id=article.id, title=article.title, date=article.date, source=article.source, url=article.url,
        language=article.language, coder_version=article_row["coder_version"],
        actors=[Actor.model_validate_json(r["record"]) for r in rows.get("actors", [])],
        quotes=[Quote.model_validate_json(r["record"]) for r in rows.get("quotes", [])],
        events=[Event.model_validate_json(r["record"]) for r in rows.get("events", [])],
    )
    return article, result


def read_output(output: str | Path) -> Iterator[tuple[Article, ArticleResult]]:
    """Read a job's Parquet output (no Spark needed) as ``(Article, ArticleResult)`` pairs.

    Raises ``InputError`` when ``output`` is not a job's output directory.
    """
    import pyarrow.dataset as ds

    root = Path(output)
    if not (root / "articles").is_dir():
        raise InputError("not a Communiqué Spark output (no articles/ table)", source=str(root))
    children: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for table in ("actors", "quotes", "events"):
        if (root / table).is_dir():
            for row in _table_rows(ds, root / table):
                children.setdefault(row["article_id"], {}).setdefault(table, []).append(row)
    for row in sorted(_table_rows(ds, root / "articles"), key=lambda r: (r["date"] or "", r["id"])):
        yield rebuild(row, _ordered(children.get(row["id"], {})))


def read_errors(output: str | Path) -> list[dict[str, Any]]:
    """Return the ``errors`` rows of a job's output (articles that failed)."""
    import pyarrow.dataset as ds

    path = Path(output) / "errors"
    return list(_table_rows(ds, path)) if path.is_dir() else []


def _table_rows(ds: Any, path: Path) -> Iterator[dict[str, Any]]:
    dataset = ds.dataset(str(path), format="parquet", partitioning="hive")
    for batch in dataset.to_batches():
        yield from batch.to_pylist()


def _ordered(rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Put child rows back in the order the pipeline produced them."""
    return {table: sorted(items, key=lambda r: r["seq"]) for table, items in rows.items()}


# -- executor side --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RawInput:
    """One unit of input as Spark hands it over: a file's bytes or one JSON record."""

    source: str
    payload: bytes | str | dict[str, Any]
    kind: str  # "file" (bytes of a text/HTML file) or "record" (a JSON object)


def code_partition(items: Iterable[RawInput]) -> Iterator[tuple[str, str]]:
    """Code one partition; yield ``(table, row JSON)``. The model loads once per worker process."""
    from communique.pipeline import process_many

    errors: list[tuple[str, dict[str, Any]]] = []
    for article, outcome in process_many(_articles(items, errors)):
        while errors:
            table, row = errors.pop()
            yield table, json.dumps(row, ensure_ascii=False)
        if isinstance(outcome, Exception):
            table, row = error_row(article.source or article.id, outcome, article.date)
            yield table, json.dumps(row, ensure_ascii=False)
            continue
        for table, row in result_rows(article, outcome):
            yield table, json.dumps(row, ensure_ascii=False)
    for table, row in errors:
        yield table, json.dumps(row, ensure_ascii=False)


def _articles(items: Iterable[RawInput], errors: list[tuple[str, dict[str, Any]]]) -> Iterator[Article]:
    import io

    from communique.ingest import read_stream
    from communique.ingest.jsonl import article_from_record

    for item in items:
        try:
            if isinstance(item.payload, dict) and "__error__" in item.payload:
                raise InputError(str(item.payload["__error__"]), source=item.source)
            if item.kind == "record":
                yield article_from_record(item.payload, source=item.source.rsplit(":line ", 1)[0].split("#")[0],
                                          where=item.source)
                continue
            for found in read_stream(io.BytesIO(item.payload), item.source):  # type: ignore[arg-type]
                if isinstance(found, InputError):
                    errors.append(error_row(found.source or item.source, found))
                else:
                    yield found
        except InputError as exc:
            errors.append(error_row(exc.source or item.source, exc))


# -- driver side ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class JobSummary:
    """What a job wrote: rows per table."""

    output: str
    counts: dict[str, int]


def spark_session(master: str | None = None, app_name: str = "communique") -> SparkSession:
    """Return a Spark session; ``local[*]`` when no master is configured anywhere."""
    try:
        from pyspark import SparkConf
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise ConfigError("pyspark is not installed: pip install 'communique[spark]'") from exc
    conf = SparkConf()
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    elif not conf.contains("spark.master"):
        master = "local[*]"
        builder = builder.master(master)
    if (master or conf.get("spark.master", "")).startswith("local"):
        # Local executors run this interpreter (with the package and the model) unless told otherwise.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return builder.config("spark.sql.session.timeZone", "UTC").getOrCreate()


def detect_format(input_uri: str) -> str:
    """Guess the input format: ``parquet``, ``jsonl`` or ``text`` (a directory of files)."""
    lowered = input_uri.lower().rstrip("/")
    if lowered.endswith(".parquet"):
        return "parquet"
    if lowered.endswith((".jsonl", ".ndjson", ".json", ".jsonl.gz", ".json.gz")):
        return "jsonl"
    local = Path(input_uri.removeprefix("file://"))
    if local.is_dir():
        names = [p.name.lower() for p in local.rglob("*") if p.is_file() and not p.name.startswith((".", "_"))]
        if names and all(n.endswith(".parquet") for n in names):
            return "parquet"
        if names and all(n.endswith((".jsonl", ".ndjson", ".json")) for n in names):
            return "jsonl"
    return "text"


def read_raw(spark: SparkSession, input_uri: str, fmt: str, partitions: int | None) -> Any:
    """Return an RDD of ``RawInput`` for the input URI."""
    if fmt == "parquet":
        df = spark.read.parquet(input_uri)
        rdd = df.rdd.zipWithIndex().map(
            lambda pair: RawInput(f"{input_uri}#{pair[1] + 1}", pair[0].asDict(recursive=True), "record"))
    elif fmt == "jsonl":
        lines = spark.read.text(input_uri).rdd.zipWithIndex()
        rdd = lines.filter(lambda pair: pair[0].value.strip()).map(
            lambda pair: _json_record(input_uri, pair[1] + 1, pair[0].value))
    elif fmt == "text":
        rdd = spark.sparkContext.binaryFiles(input_uri).filter(lambda kv: not Path(kv[0]).name.startswith(".")).map(
            lambda kv: RawInput(kv[0].removeprefix("file:"), kv[1], "file"))
    else:
        raise ConfigError(f"unknown input format {fmt!r} (parquet, jsonl or text)")
    return rdd.repartition(partitions) if partitions else rdd


def _json_record(uri: str, line_no: int, line: str) -> RawInput:
    source = f"{uri}:line {line_no}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return RawInput(source, {"__error__": f"invalid JSON: {exc.msg}"}, "record")
    return RawInput(source, obj if isinstance(obj, dict) else {"__error__": "not a JSON object"}, "record")


def run_job(
    input_uri: str,
    output_uri: str,
    *,
    partitions: int | None = None,
    fmt: str = "auto",
    spark: SparkSession | None = None,
    master: str | None = None,
) -> JobSummary:
    """Run the coding job and write the Parquet tables; return the row counts."""
    from pyspark import StorageLevel

    session = spark or spark_session(master)
    fmt = detect_format(input_uri) if fmt == "auto" else fmt
    coded = read_raw(session, input_uri, fmt, partitions).mapPartitions(code_partition)
    coded.persist(StorageLevel.MEMORY_AND_DISK)
    schemas = table_schemas()
    counts: dict[str, int] = {}
    try:
        for table in TABLES:
            rows = coded.filter(lambda tr, t=table: tr[0] == t).map(lambda tr: json.loads(tr[1]))
            columns = schemas[table].fieldNames()
            df = session.createDataFrame(rows.map(lambda r, c=columns: tuple(r.get(k) for k in c)), schemas[table])
            counts[table] = df.count()  # the coded rows are persisted: this does not code again
            df.write.mode("overwrite").partitionBy(PARTITION_COLUMN).parquet(f"{output_uri.rstrip('/')}/{table}")
    finally:
        coded.unpersist()
    return JobSummary(output=output_uri, counts=counts)
