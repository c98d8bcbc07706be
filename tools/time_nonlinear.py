"""Time the trainings of chapter 16 (the nonlinear model) as the chapter runs them.

Usage: OPENBLAS_NUM_THREADS=1 .venv/bin/python tools/time_nonlinear.py

Prints, for each of the chapter's nine trainings (three regularisers × three
seeds, hidden 64, k 16, 300 L-BFGS iterations on the MovieLens training split),
its wall-clock and CPU seconds, then the totals and the machine's load average
before and after.  On a shared machine the load explains the gap between wall
and CPU time.  The goal of the chapter is all nine trainings in under 20 s.
"""

from __future__ import annotations

import os
import time

import cossim

#: The chapter's strengths λ of the penalty on the last two maps; μ = 30 on W.
STRENGTHS = {"product": 100.0, "decay": 10.0, "normalised": 10.0}


def main() -> None:
    load_before = os.getloadavg()[0]
    movies = cossim.load_movielens()
    train, _ = cossim.hold_out(movies.X, fraction=0.2, seed=0)
    wall_total = cpu_total = 0.0
    for regulariser, lam in STRENGTHS.items():
        for seed in (0, 1, 2):
            wall, cpu = time.perf_counter(), time.process_time()
            model = cossim.fit_nonlinear(train, hidden=64, k=16, regulariser=regulariser, lam=lam,
                                         decay=30.0, seed=seed, max_iterations=300)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            wall_total, cpu_total = wall_total + wall, cpu_total + cpu
            print(f"{regulariser:>10}, seed {seed}: {wall:5.2f} s wall, {cpu:5.2f} s CPU, "
                  f"{model.iterations} iterations")
    print(f"all nine: {wall_total:.1f} s wall, {cpu_total:.1f} s CPU "
          f"(load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after)")


if __name__ == "__main__":
    main()
