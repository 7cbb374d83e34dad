"""Evaluate cross-article clustering on a multi-outlet corpus with gold cluster labels.

    .venv/bin/python benchmarks/cluster_eval.py [FOLDER [GOLD]] [--cli]
        (default tests/fixtures/clusters; GOLD defaults to FOLDER/gold.jsonl)
    .venv/bin/python benchmarks/cluster_eval.py examples --cli
        (the bundled example corpus with src/communique/examples/clusters.gold.jsonl)

The corpus is a folder of header-format articles and a gold file: one line
per article, ``{"file", "events": [{type, actors, recipients, date, status,
cluster}]}``. The real pipeline codes every article into a fresh SQLite
store, one article at a time, calling ``update_clusters`` after each
(incremental); then ``rebuild_clusters`` re-clusters from scratch and both
results are compared. With ``--cli`` the corpus goes through the command line
instead, as issue 22 measures it: ``communique ingest FOLDER`` then
``communique events --format jsonl`` (field ``cluster``; the article is told
by ``source``). System events are matched one to one with the gold
events of the same article (same or compatible type, a shared participant;
closest date first); pairwise and B-cubed scores are taken over the matched
system events, with the gold cluster labels as the truth.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "fixtures" / "clusters"
EXAMPLES = ROOT / "src" / "communique" / "examples"

#: Types a gold event may be matched with besides its own (a planned meeting coded AGREE, and so on).
COMPATIBLE = {frozenset({"AGREE", "CONSULT"}), frozenset({"AGREE", "COOPERATE"})}


@dataclass(frozen=True)
class GoldEvent:
    """One gold event of one article, with its gold cluster label."""

    file: str
    index: int
    type: str
    participants: frozenset[str]
    date: str | None
    status: str | None
    cluster: str


def load_gold(path: Path) -> dict[str, list[GoldEvent]]:
    """Read ``gold.jsonl``: file name -> its gold events."""
    out: dict[str, list[GoldEvent]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        out[record["file"]] = [
            GoldEvent(file=record["file"], index=i, type=e["type"],
                      participants=frozenset(e.get("actors", [])) | frozenset(e.get("recipients", [])),
                      date=e.get("date"), status=e.get("status"), cluster=e["cluster"])
            for i, e in enumerate(record["events"])]
    return out


def _compatible(a: str, b: str) -> bool:
    return a == b or frozenset({a, b}) in COMPATIBLE


def match_events(system: Iterable[Any], gold: list[GoldEvent]) -> dict[str, GoldEvent]:
    """Match one article's system events to its gold events, one to one; return event id -> gold event.

    A pair qualifies when the types are the same or compatible and the
    participants share a code; pairs are taken best first (same type, shared
    codes, same date), ties by event id.
    """
    pairs = []
    for event in system:
        codes = set(event.actors) | set(event.recipients)
        for g in gold:
            shared = len(codes & g.participants)
            if _compatible(event.type, g.type) and shared:
                score = (event.type == g.type, shared, event.date == g.date)
                pairs.append((score, event.id, g.index, g))
    pairs.sort(key=lambda p: (tuple(-int(x) for x in p[0]), p[1], p[2]))
    matched: dict[str, GoldEvent] = {}
    used: set[int] = set()
    for _score, event_id, index, g in pairs:
        if event_id not in matched and index not in used:
            matched[event_id] = g
            used.add(index)
    return matched


def _snapshot(engine: Any) -> list[tuple[str, tuple[str, ...]]]:
    from communique.store.clustering import list_clusters

    return sorted((c.id, tuple(c.events)) for c in list_clusters(engine, reports=False))


@dataclass(frozen=True)
class CliEvent:
    """One line of ``events --format jsonl``: what matching and scoring read."""

    id: str
    type: str
    actors: list[str]
    recipients: list[str]
    date: str | None
    cluster: str | None
    file: str


def _communique(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-c", "from communique.cli import main; main()", *args],
                          capture_output=True, text=True, env=env, check=False)


def evaluate_cli(folder: Path, gold_path: Path) -> dict[str, Any]:
    """Score the clusters of ``communique ingest FOLDER`` read back with ``events --format jsonl``."""
    from communique.analysis.clusters import bcubed_scores, pairwise_scores

    gold = load_gold(gold_path)
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{Path(tmp) / 'eval.db'}"
        ingest = _communique("ingest", *[str(p) for p in sorted(folder.glob("*.txt"))], "--db", db)
        listed = _communique("events", "--format", "jsonl", "--db", db)
    if listed.returncode != 0:
        raise RuntimeError(f"events failed: {listed.stderr.strip()[:300]}")
    by_file: dict[str, list[CliEvent]] = {}
    for line in listed.stdout.splitlines():
        r = json.loads(line)
        name = Path(str(r.get("source") or "")).name
        by_file.setdefault(name, []).append(CliEvent(
            id=r["id"], type=r["type"], actors=r.get("actors") or [], recipients=r.get("recipients") or [],
            date=r.get("date"), cluster=r.get("cluster"), file=name))
    predicted, truth = {}, {}
    for name, events in by_file.items():
        for event_id, g in match_events(events, gold.get(name, [])).items():
            truth[event_id] = g.cluster
    for events in by_file.values():
        for e in events:
            if e.id in truth:
                predicted[e.id] = e.cluster or e.id
    multi = Counter(e.cluster for events in by_file.values() for e in events if e.cluster)
    return {
        "pairwise": pairwise_scores(predicted, truth), "bcubed": bcubed_scores(predicted, truth),
        "matched": len(truth), "gold": sum(len(v) for v in gold.values()),
        "system": sum(len(v) for v in by_file.values()), "identical": None,
        "clusters": len(multi), "multi_report_clusters": sum(1 for n in multi.values() if n > 1),
        "contested": [], "failed": [] if ingest.returncode == 0 else [ingest.stderr.strip()[-300:]],
    }


def evaluate(folder: Path = DEFAULT, *, db_url: str | None = None, gold_path: Path | None = None) -> dict[str, Any]:
    """Ingest the corpus article by article with incremental clustering, rebuild, and score.

    Returns:
        ``pairwise`` and ``bcubed`` scores, ``matched``/``gold``/``system``
        event counts, ``identical`` (incremental == rebuilt), ``clusters`` and
        ``contested`` (cluster ids), ``failed`` (articles the coder or writer failed on).
    """
    from communique.analysis.clusters import bcubed_scores, pairwise_scores
    from communique.ingest import read_inputs
    from communique.pipeline import process_article
    from communique.store import open_store
    from communique.store.clustering import list_clusters, rebuild_clusters, update_clusters

    gold = load_gold(gold_path or folder / "gold.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(db_url or f"sqlite:///{Path(tmp) / 'eval.db'}")
        try:
            writer = store.writer()
            files = {}
            # reverse order on purpose: the incremental result must not depend on arrival order
            failed = []
            for article in read_inputs([str(p) for p in sorted(folder.glob("*.txt"), reverse=True)]):
                try:
                    writer.write(article, process_article(article))
                except Exception as exc:  # noqa: BLE001 - report coder failures, score the rest
                    failed.append(f"{Path(str(article.source)).name}: {type(exc).__name__}: {str(exc)[:80]}")
                    continue
                update_clusters(store.engine, [article.id])
                files[article.id] = Path(str(article.source)).name
            incremental = _snapshot(store.engine)
            rebuild_clusters(store.engine)
            rebuilt = _snapshot(store.engine)
            clusters = list_clusters(store.engine, reports=False)
            predicted, truth, system_n = {}, {}, 0
            for article_id, name in files.items():
                events = store.article(article_id).events
                system_n += len(events)
                for event_id, g in match_events(events, gold.get(name, [])).items():
                    truth[event_id] = g.cluster
            for cluster in clusters:
                for event_id in cluster.events:
                    if event_id in truth:
                        predicted[event_id] = cluster.id
        finally:
            store.close()
    return {
        "pairwise": pairwise_scores(predicted, truth), "bcubed": bcubed_scores(predicted, truth),
        "matched": len(truth), "gold": sum(len(v) for v in gold.values()), "system": system_n,
        "identical": incremental == rebuilt, "clusters": len(clusters),
        "contested": [c.id for c in clusters if c.contested], "failed": failed,
        "multi_report_clusters": sum(1 for c in clusters if len(c.articles) > 1),
        "multi_report_sources": sorted(c.sources for c in clusters if len(c.articles) > 1),
        "sources": sorted({s for c in clusters for s in c.sources}),
    }


def main(argv: list[str]) -> int:
    """Print the scores of the corpus in ``argv[0]`` (default the test fixture; ``examples``: the bundled one)."""
    cli = "--cli" in argv
    args = [a for a in argv if a != "--cli"]
    if args and args[0] == "examples":
        folder, gold_path = EXAMPLES / "articles", EXAMPLES / "clusters.gold.jsonl"
    else:
        folder = Path(args[0]) if args else DEFAULT
        gold_path = Path(args[1]) if len(args) > 1 else folder / "gold.jsonl"
    result = evaluate_cli(folder, gold_path) if cli else evaluate(folder, gold_path=gold_path)
    pw, b3 = result["pairwise"], result["bcubed"]
    print(f"corpus: {folder}")
    print(f"events: gold {result['gold']}, system {result['system']}, matched {result['matched']}; "
          f"clusters {result['clusters']} ({len(result['contested'])} contested)")
    print(f"pairwise  P {pw['precision']:.3f}  R {pw['recall']:.3f}  F1 {pw['f1']:.3f}")
    print(f"B-cubed   P {b3['precision']:.3f}  R {b3['recall']:.3f}  F1 {b3['f1']:.3f}")
    print(f"clusters with reports of several articles: {result['multi_report_clusters']}")
    if result["identical"] is not None:
        print(f"incremental == rebuilt: {result['identical']}")
    for failure in result["failed"]:
        print(f"failed: {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
