"""Entry point for ``spark-submit``: ``spark_main.py INPUT OUTPUT [--partitions N] [--input-format F]``.

The master comes from ``spark-submit`` (``local[*]`` when none is configured).
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    """Run the coding job; return 1 when some inputs failed."""
    from communique.spark import run_job

    parser = argparse.ArgumentParser(prog="spark_main.py", description="Code news articles on Spark (Communiqué).")
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--partitions", type=int, default=None)
    parser.add_argument("--input-format", default="auto", choices=["auto", "jsonl", "parquet", "text"])
    args = parser.parse_args(argv)
    summary = run_job(args.input, args.output, partitions=args.partitions, fmt=args.input_format)
    print(f"wrote {summary.output}: " + ", ".join(f"{t} {n}" for t, n in summary.counts.items()), file=sys.stderr)
    return 1 if summary.counts.get("errors") else 0


if __name__ == "__main__":
    sys.exit(main())
