"""How well one-case text is read, with and without truecasing (issue 20, item 2).

Scores gold files as written, lower-cased and upper-cased (only the article text changes; the
gold annotations stay, and the scorer matches names without case) three times: with reading's
truecasing turned off (``letter_case`` made to answer None), with names and sentence starts
restored ("names"), and with words that are no English word capitalised too ("names+unknown").
The shipped setting is truecase.yaml's ``capitalise_unknown_words``.

Usage (prints one table; the run takes a few minutes on two cores):
    PYTHONPATH=src python benchmarks/case_robustness.py ../shared/gold/dev/dev.gold.jsonl src/communique/examples/gold.jsonl
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from communique import nlp as nlp_mod
from communique.evaluate import Report, evaluate_file
from communique.ingest import repair
from communique.knowledge.reading import case_names

VARIANTS: dict[str, Callable[[str], str]] = {"as written": str, "lower": str.lower, "upper": str.upper}


def _copy(gold: Path, change: Callable[[str], str], folder: Path) -> Path:
    """Write ``gold`` with every article text changed by ``change``."""
    out = folder / f"{gold.stem}.{change.__name__}.jsonl"
    with gold.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if line.strip():
                record = json.loads(line)
                record["text"] = change(record["text"])
                dst.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def _row(report: Report) -> list[str]:
    acc = report.accuracies

    def pct(value: float | None) -> str:
        return "   –" if value is None else f"{100 * value:5.1f}"

    return [pct(report.persons.f1), pct(acc.country.value), pct(acc.role.value), pct(report.states.f1),
            pct(report.quotes.f1), pct(acc.attributed_quotes.value), pct(report.events.f1),
            pct(acc.location_state.value)]


def main(paths: list[str]) -> None:
    """Print persons F1, person country/role, states F1, quotes F1, attributed, events F1, location."""
    nlp = nlp_mod.load()
    original = repair.letter_case
    header = ["gold", "text", "truecase", "persons", "country", "role", "states", "quotes", "attrib", "events", "loc st"]
    print(" | ".join(header))
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            for label, change in VARIANTS.items():
                copy = _copy(Path(path), change, Path(tmp))
                for mode in ("off", "names", "names+unknown"):
                    if label == "as written" and mode == "names+unknown":
                        continue  # mixed-case text is never truecased
                    report = _evaluate(copy, nlp, mode, original)
                    print(" | ".join([Path(path).name, label, mode, *_row(report)]), flush=True)


def _evaluate(copy: Path, nlp: object, mode: str, original: Callable[[str], object]) -> Report:
    """Score ``copy`` with truecasing off, names only, or names and unknown words."""
    switch = case_names().capitalise_unknown
    shipped = dict(switch)
    repair.letter_case = original if mode != "off" else (lambda _text: None)  # type: ignore[assignment]
    switch.update({"lower": mode == "names+unknown", "upper": mode == "names+unknown"})
    try:
        return evaluate_file(copy, nlp=nlp)
    finally:
        repair.letter_case = original  # type: ignore[assignment]
        switch.update(shipped)


if __name__ == "__main__":
    main(sys.argv[1:] or ["src/communique/examples/gold.jsonl"])
