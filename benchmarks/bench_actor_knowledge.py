"""Actor knowledge (issue 20): size of the known persons and the time to load them in a fresh process.

    .venv/bin/python benchmarks/bench_actor_knowledge.py [--repeat 5]

Each round starts a new interpreter that imports :mod:`communique.knowledge.persons`
and times ``dictionary()`` (the Phoenix persons file, leaders.yaml and the
role and sector tables the own terms need), then two lookups (the first builds the role and sector tables, with spaCy's
tokenizer, which the pipeline loads anyway). Prints
the sizes (persons, name keys, own persons and terms, role heads) and the
load times (min / median / max).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

ROUND = r"""
import json, time
t0 = time.perf_counter()
from communique.knowledge import persons, actor_tables
t1 = time.perf_counter()
keys, variants, rows = persons._phoenix_index()
t2 = time.perf_counter()
known = persons.dictionary()
t3 = time.perf_counter()
known.standing(["Barack Obama"], "2012-01-01"); known.standing(["Oscar Arias Sanchez"], "1988-01-01")
t4 = time.perf_counter()
own, _ = persons.own_persons()
print(json.dumps({"import": t1 - t0, "phoenix": t2 - t1, "dictionary": t3 - t2, "lookups": t4 - t3,
                  "persons": len(rows), "keys": len(keys), "variants": len(variants), "own": len(own),
                  "own_terms": sum(len(p.terms) for p in own), "role_heads": len(actor_tables.roles().heads)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    runs = [json.loads(subprocess.run([sys.executable, "-c", ROUND], check=True, capture_output=True,
                                      text=True).stdout) for _ in range(args.repeat)]
    first = runs[0]
    print(f"Phoenix persons {first['persons']:,} ({first['keys']:,} name keys, {first['variants']:,} shortenings); "
          f"own persons {first['own']} with {first['own_terms']} dated terms; role heads {first['role_heads']}")
    for part in ("import", "phoenix", "dictionary", "lookups"):
        values = [r[part] for r in runs]
        print(f"{part:>10}: min {min(values):.3f}s  median {statistics.median(values):.3f}s  max {max(values):.3f}s")
    total = [r["phoenix"] + r["dictionary"] for r in runs]
    print(f"{'load':>10}: min {min(total):.3f}s  median {statistics.median(total):.3f}s  max {max(total):.3f}s "
          f"(Phoenix file + own tables, after import)")


if __name__ == "__main__":
    main()
