"""API latency of the list endpoints: 8 concurrent clients on loopback, a store of 100,000 events.

    .venv/bin/python benchmarks/bench_api.py [--events 100000] [--clients 8] [--requests 400]

Fills a SQLite store with generated events (the generator of bench_queries.py: skewed actors),
starts ``communique serve``'s app with uvicorn on 127.0.0.1 in a subprocess, and lets
``--clients`` threads send ``--requests`` requests each (a bounded count, loopback only) to the
list endpoints with realistic filters. Prints p50/p95/max per endpoint; target: p95 < 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_queries import codes, generate  # noqa: E402

ENDPOINTS = {
    "/api/events": lambda rng, pool: {"actor": rng.choice(pool[:20]), "limit": 50},
    "/api/events (type, since)": lambda rng, pool: {"type": rng.choice(["CONSULT", "ASSAULT", "AID"]),
                                                    "since": f"{rng.randint(2015, 2024)}-01-01", "limit": 50},
    "/api/articles": lambda rng, pool: {"limit": 50, "offset": rng.randint(0, 500)},
    "/api/actors": lambda rng, pool: {"limit": 50, "kind": "state"},
    "/api/quotes": lambda rng, pool: {"limit": 50},
    "/api/clusters": lambda rng, pool: {"limit": 50},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: str, port: int) -> subprocess.Popen:
    code = ("import uvicorn; from communique.server import create_app; "
            f"uvicorn.run(create_app({db!r}), host='127.0.0.1', port={port}, log_level='warning', workers=1)")
    return subprocess.Popen([sys.executable, "-c", code])


def _wait(base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/actors?limit=1", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the server did not come up")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400, help="requests per client")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="communique-api-") as tmp:
        db = f"sqlite:///{Path(tmp) / 'api.db'}"
        t0 = time.perf_counter()
        generate(db, args.events)
        print(f"store of {args.events} events generated in {time.perf_counter() - t0:.1f}s")
        port = _free_port()
        server = _serve(db, port)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(base)
            pool = codes()
            timings: dict[str, list[float]] = {name: [] for name in ENDPOINTS}
            errors = [0]
            failures: dict[str, int] = {}
            lock = threading.Lock()

            def client(seed: int) -> None:
                rng = random.Random(seed)
                with httpx.Client(base_url=base, timeout=10) as http:
                    for _ in range(args.requests):
                        name = rng.choice(list(ENDPOINTS))
                        path = name.split(" ")[0]
                        started = time.perf_counter()
                        response = http.get(path, params=ENDPOINTS[name](rng, pool))
                        elapsed = time.perf_counter() - started
                        with lock:
                            timings[name].append(elapsed)
                            if response.status_code != 200:
                                errors[0] += 1
                                failures.setdefault(f"{name}: {response.status_code} {response.text[:120]}", 0)

            threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
            wall = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - wall
        finally:
            server.terminate()
            server.wait(timeout=10)
    total = sum(len(v) for v in timings.values())
    print(f"{args.clients} clients x {args.requests} requests on loopback: {total} requests in {wall:.1f}s "
          f"({total / wall:.0f} req/s), {errors[0]} non-200")
    for failure in list(failures)[:5]:
        print(f"  non-200: {failure}")
    print(f"  {'endpoint':<28} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    worst = 0.0
    for name, values in timings.items():
        values.sort()
        p95 = values[int(0.95 * (len(values) - 1))] * 1000
        worst = max(worst, p95)
        print(f"  {name:<28} {len(values):>5} {statistics.median(values) * 1000:>8.1f} {p95:>8.1f} {values[-1] * 1000:>8.1f}")
    print(f"  worst p95: {worst:.1f} ms (target < 100 ms) on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
