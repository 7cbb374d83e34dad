"""The front door as a user meets it: ``communique extract``, ``extract_text``, ``open``, and the
README's accuracy figures for the bundled examples held by ``communique eval``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import communique
from communique.records import ArticleResult

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "communique" / "examples"
CLI = str(Path(sys.executable).parent / "communique")


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=600, cwd=cwd, check=False)


@pytest.fixture(scope="module")
def extracted() -> subprocess.CompletedProcess[str]:
    """``communique extract`` of the bundled example corpus as JSON Lines."""
    return _run("extract", str(EXAMPLES / "articles"), "--format", "jsonl")


def test_extract_prints_one_record_per_article_and_only_records(extracted):
    assert extracted.returncode == 0, extracted.stderr
    lines = extracted.stdout.splitlines()
    articles = sorted(p for p in (EXAMPLES / "articles").rglob("*") if p.is_file())
    assert len(lines) == len(articles)
    for line in lines:
        record = ArticleResult.model_validate(json.loads(line))
        assert record.coder_version == communique.CODER_VERSION
        assert record.source and Path(record.source).name in {p.name for p in articles}
    events = [e for line in lines for e in json.loads(line)["events"]]
    assert events and all(e["evidence"] and e["type"] for e in events)


def test_extract_of_a_broken_input_is_exit_1_and_the_others_still_print(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("date 2024-05-01 Talks\n\nChile and Peru held talks in Lima on Tuesday.\n", encoding="utf-8")
    (tmp_path / "broken.jsonl").write_text('{"title": "cut off", "text": "Chile and', encoding="utf-8")
    result = _run("extract", str(good), str(tmp_path / "broken.jsonl"), "--format", "jsonl")
    assert result.returncode == 1
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [str(good)]
    assert "broken.jsonl" in result.stderr


def test_extract_usage_errors_are_exit_2():
    assert _run("extract", "--format", "yaml", str(EXAMPLES / "articles")).returncode == 2
    missing = _run("extract", "/nonexistent/article.txt", "--format", "jsonl")
    assert missing.returncode in (1, 2) and "/nonexistent/article.txt" in missing.stderr and not missing.stdout


def test_extract_text_is_the_python_front_door(nlp):
    result = communique.extract_text(
        'Chilean President Marta Herrera met Peru\'s foreign minister in Lima on Tuesday. "We agreed to reopen '
        'the border," Herrera said.', date="2024-05-07", title="Talks in Lima")
    assert isinstance(result, ArticleResult)
    assert result.title == "Talks in Lima" and result.date == "2024-05-07"
    states = {a.code for a in result.actors if a.kind == "state"}
    assert {"CHL", "PER"} <= states
    persons = [(a.name, a.country, a.roles) for a in result.actors if a.kind == "person"]
    assert persons == [("Marta Herrera", "CHL", ["President"])]
    assert [q.speaker for q in result.quotes] == ["Marta Herrera"]
    consult = [e for e in result.events if e.type == "CONSULT"]
    assert consult and consult[0].date == "2024-05-07"


def test_open_gives_the_store_as_typed_records(tmp_path):
    db = f"sqlite:///{tmp_path / 'front.db'}"
    ingested = _run("ingest", str(EXAMPLES / "articles" / sorted(p.name for p in (EXAMPLES / "articles").iterdir())[0]),
                    "--db", db, "--workers", "1")
    assert ingested.returncode == 0, ingested.stderr
    with communique.open(db, create=False) as store:
        articles = store.articles()
        assert len(articles) == 1
        stored = store.article(articles[0].id)
        assert stored is not None and stored.events
        assert store.events()[0].article_id == stored.id


# -- the README's figures ---------------------------------------------------------------------------

#: README column -> (part, measure) of ``communique eval --json``.
_COLUMNS = {"persons F1": ("persons", "f1"), "states/IGOs F1": ("states", "f1"), "quotes F1": ("quotes", "f1")}


def _readme_row(label: str) -> dict[str, str]:
    """Return the README accuracy table's row whose first cell starts with ``label``, by column."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if line.startswith("| gold set"))
    names = [cell.strip() for cell in header.strip("|").split("|")]
    row = next(line for line in lines if line.startswith(f"| {label}"))
    return dict(zip(names, (cell.strip() for cell in row.strip("|").split("|")), strict=True))


def _number(cell: str) -> float:
    return float(re.match(r"[0-9.]+", cell).group())  # type: ignore[union-attr]


def test_eval_on_the_bundled_examples_holds_the_readme_figures():
    result = _run("eval", str(EXAMPLES / "gold.jsonl"), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    row = _readme_row("our examples")
    for column, (part, measure) in _COLUMNS.items():
        assert report[part][measure] >= _number(row[column]) - 0.0005, column
    precision, recall, f1 = (float(x) for x in row["events P / R / F1"].split("/"))
    events = report["events"]
    assert events["precision"] >= precision - 0.0005
    assert events["recall"] >= recall - 0.0005
    assert events["f1"] >= f1 - 0.0005
