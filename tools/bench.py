"""Benchmark of the book's computations; `make bench` runs it.

Prints its figures and writes them to lib/cossim/data/benchmark.json, which the
performance appendix of the book plots.  Measurements:

1. The Figure 1 pipeline at the paper's scale (n = 20,000, p = 1,000): simulate,
   fit both objectives (one shared truncated SVD), all five similarity
   matrices, and both cluster-recovery scores for every panel.  Median, min and
   max of several runs, per stage, with the peak memory of one run; and, for
   the two stages that dominate, how far they are from their floor:
   sampling against one pass of the random generator over the n·p float32
   numbers it needs, the SVD against one float32 BLAS product XᵀX of the
   prebuilt dense data plus the eigensolver on the 1,000 × 1,000 Gram matrix.
2. The same pipeline written naively, for comparison: a Python loop over users
   that samples each history with ``Generator.choice``, and ``np.linalg.svd`` of
   the dense data.  Everything after the SVD is shared.
3. How fitting time (the truncated SVD, which is all the closed forms need)
   grows with n and with p, for the dense Gram path and the Lanczos path.
4. The whole pipeline at ten times the paper's users (n = 200,000).

Each measurement runs in a fresh subprocess, so peak memory (ru_maxrss) is its
own and no measurement warms the caches of another.  Within the subprocess the
two pipelines are timed after one untimed warm-up run each.  The machine's load
average is recorded before and after: on a shared machine it explains spread.

Only cossim's public API is used.
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

import cossim

# The spectral functions not (yet) exported at the top level.  After the API
# refactor they are cossim.fix_signs and cossim.top_singular_from_gram, and
# cossim.top_singular takes method= (see truncated_svd below).
from cossim.spectral import fix_signs, top_singular_from_gram, top_singular_lanczos

OUTPUT = Path(__file__).resolve().parent.parent / "lib" / "cossim" / "data" / "benchmark.json"
PIPELINE_RUNS = 7


def fast_pipeline(n: int = 20_000, p: int = 1_000, seed: int = 0) -> dict[str, float]:
    """Time each stage of the Figure 1 pipeline as the book runs it."""
    times = {}
    start = time.perf_counter()
    sim = cossim.simulate(n=n, p=p, seed=seed)
    times["simulate"] = time.perf_counter() - start
    mark = time.perf_counter()
    svd = cossim.top_singular(sim.X, 50)
    times["truncated SVD"] = time.perf_counter() - mark
    return time_after_svd(sim, svd, times, start)


def time_after_svd(sim: cossim.Simulation, svd: cossim.TopSingular, times: dict[str, float], start: float) -> dict[str, float]:
    """The stages both versions share: fits, similarity matrices, scores."""
    mark = time.perf_counter()
    run = cossim.figure1_panels(sim, svd=svd)
    times["fits and similarity matrices"] = time.perf_counter() - mark
    mark = time.perf_counter()
    cossim.score_panels(run.panels, sim.item_cluster)
    times["scores"] = time.perf_counter() - mark
    times["total"] = time.perf_counter() - start
    return times


def naive_pipeline(seed: int = 0) -> dict[str, float]:
    """The same pipeline with a per-user sampling loop and a dense numpy SVD.

    The ground truth (cluster of each item, popularities, user preferences,
    items per user) is taken from a ``cossim.simulate`` call made before the
    clock starts, so only the naive part is timed: the loop that draws each
    user's history with ``Generator.choice`` (from a generator of its own) and
    ``np.linalg.svd`` of the dense data.  The book's "simulate" stage also draws
    that ground truth, a few milliseconds of its time.
    """
    import scipy.sparse as sp

    truth = cossim.simulate(n=20_000, p=1_000, seed=seed)
    n, p = truth.X.shape
    times = {}
    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    rows, cols = [], []
    for u in range(n):  # the loop the book's sampler avoids
        weights = truth.user_preferences[u, truth.item_cluster] * truth.item_popularity
        count = truth.items_per_user[u]
        items = rng.choice(p, size=count, replace=False, p=weights / weights.sum())
        rows.extend([u] * count)
        cols.extend(items.tolist())
    X = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, p))
    sim = dataclasses.replace(truth, X=X)
    times["simulate"] = time.perf_counter() - start
    mark = time.perf_counter()
    _, sigma, Vt = np.linalg.svd(X.toarray(), full_matrices=False)
    svd = cossim.TopSingular(sigma=sigma[:50], V=fix_signs(Vt[:50].T))
    times["truncated SVD"] = time.perf_counter() - mark
    return time_after_svd(sim, svd, times, start)


def floors(n: int = 20_000, p: int = 1_000, seed: int = 0) -> dict[str, float]:
    """One timing of each stage's floor, the work no implementation of the stage can skip.

    * sampling: one pass of the random generator over the n × p float32
      exponentials the exponential races need (``standard_exponential``);
    * Gram matrix: one float32 BLAS product XᵀX of the data, already dense
      and in float32 (``X.T @ X``; XᵀX of 0/1 data is exact in float32);
    * eigensolver: the top-50 eigenpairs of that 1,000 × 1,000 matrix, the part of
      the SVD stage that the Gram path leaves as it is.
    """
    rng = np.random.default_rng(seed)
    sim = cossim.simulate(n=n, p=p, seed=seed)
    dense = sim.X.toarray().astype(np.float32)
    result = {}
    mark = time.perf_counter()
    rng.standard_exponential(size=(n, p), dtype=np.float32)
    result["sampling"] = time.perf_counter() - mark
    mark = time.perf_counter()
    G = dense.T @ dense
    result["Gram product"] = time.perf_counter() - mark
    G = G.astype(np.float64)
    mark = time.perf_counter()
    top_singular_from_gram(G, 50)
    result["eigensolver"] = time.perf_counter() - mark
    return result


def truncated_svd(X, k: int, method: str) -> cossim.TopSingular:
    """The truncated SVD by one path, "gram" or "lanczos"."""
    # After the API refactor this body is one line: return cossim.top_singular(X, k, method=method)
    return top_singular_from_gram(cossim.gram_matrix(X), k) if method == "gram" else top_singular_lanczos(X, k)


def fit_scaling(n: int, p: int, method: str, max_items: int | None = None) -> dict[str, float]:
    """Time the truncated SVD (k = 50) by one path on simulated data of size n × p."""
    X = cossim.simulate(n=n, p=p, seed=0, max_items=max_items).X
    result = {"n": n, "p": p, "nnz": int(X.nnz), "method": method}
    start = time.perf_counter()
    if method == "gram":
        G = cossim.gram_matrix(X)
        result["gram"] = time.perf_counter() - start
        mark = time.perf_counter()
        top_singular_from_gram(G, 50)
        result["eigensolver"] = time.perf_counter() - mark
    else:
        truncated_svd(X, 50, method)
    result["fit"] = time.perf_counter() - start
    return result


def repeated(task: str, runs: int, *args) -> dict[str, list[float]]:
    """Run a timing task ``runs`` times after one untimed warm-up run, in this process.

    The warm-up pays for first-time costs (imports, the kernel's zeroing of freshly
    mapped memory) that a reader's session pays once, not on every use.
    """
    function = globals()[task]
    function(*args)
    results = [function(*args) for _ in range(runs)]
    return {stage: [r[stage] for r in results] for stage in results[0]}


def measure(task: str, *args) -> dict:
    """Run one measurement in a fresh interpreter; return its result and peak memory."""
    code = (
        "import json, resource, sys; sys.path.insert(0, 'tools'); import bench; "
        f"result = bench.{task}(*{args!r}); "
        "result = {'result': result, 'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}; "
        "print(json.dumps(result))"
    )
    output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, numpy {np.__version__}")
    results: dict = {
        "machine": {"cores": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "numpy": np.__version__, "date": time.strftime("%Y-%m-%d"),
                    "load_average_at_start": os.getloadavg()[0]},
    }

    print(f"\n1. Figure 1 pipeline at the paper's scale: {PIPELINE_RUNS} runs after a warm-up run")
    fast_run = measure("repeated", "fast_pipeline", PIPELINE_RUNS)
    floor_run = measure("repeated", "floors", PIPELINE_RUNS)
    fast = {stage: statistics.median(values) for stage, values in fast_run["result"].items()}
    floor = {part: statistics.median(values) for part, values in floor_run["result"].items()}
    stage_floor = {"simulate": floor["sampling"], "truncated SVD": floor["Gram product"] + floor["eigensolver"]}
    print(f"   {'stage':<30} {'median':>7} {'min':>7} {'max':>7} {'floor':>7}")
    for stage, values in fast_run["result"].items():
        floor_text = f"{stage_floor[stage]:7.3f}" if stage in stage_floor else f"{'–':>7}"
        print(f"   {stage:<30} {statistics.median(values):7.3f} {min(values):7.3f} {max(values):7.3f} {floor_text}  s")
    print(f"   peak memory (max RSS)          {fast_run['peak_rss_mb']:7.0f} MB")
    print(f"   floors (medians): sampling = one pass of the generator over n·p float32 numbers {floor['sampling']:.3f} s;")
    print(f"   truncated SVD = XᵀX as one float32 BLAS product of the dense data {floor['Gram product']:.3f} s"
          f" + eigensolver {floor['eigensolver']:.3f} s")
    results["pipeline"] = {
        "median_seconds": fast,
        "min_seconds": {stage: min(values) for stage, values in fast_run["result"].items()},
        "max_seconds": {stage: max(values) for stage, values in fast_run["result"].items()},
        "runs": fast_run["result"]["total"],
        "peak_rss_mb": fast_run["peak_rss_mb"],
    }
    results["floors"] = {
        "median_seconds": floor,
        "min_seconds": {part: min(values) for part, values in floor_run["result"].items()},
        "stage_floor_seconds": stage_floor,
        "meaning": {
            "sampling": "rng.standard_exponential of n × p float32 numbers, the random draws of simulate",
            "Gram product": "X.T @ X of the dense float32 data (one BLAS sgemm), the floor of the Gram matrix",
            "eigensolver": "top_singular_from_gram(G, 50), the eigensolver part of the truncated SVD",
        },
    }

    print("\n2. The naive version (per-user sampling loop, np.linalg.svd): one run after a warm-up run")
    naive_run = measure("repeated", "naive_pipeline", 1)
    naive = {stage: values[0] for stage, values in naive_run["result"].items()}
    for stage, seconds in naive.items():
        print(f"   {stage:<30} {seconds:7.3f} s")
    print(f"   peak memory (max RSS)          {naive_run['peak_rss_mb']:7.0f} MB")
    speedup = naive["total"] / fast["total"]
    print(f"   speed-up of the book's pipeline: {speedup:.1f}×")
    results["naive"] = {"seconds": naive, "peak_rss_mb": naive_run["peak_rss_mb"], "speedup": speedup}

    print("\n3. Fitting time (truncated SVD, k = 50) against n and p")
    scaling = []
    for n in [2_500, 5_000, 10_000, 20_000, 40_000, 80_000]:
        scaling.append(measure("fit_scaling", n, 1_000, "gram"))
    for p in [250, 500, 1_000, 2_000, 4_000]:
        scaling.append(measure("fit_scaling", 20_000, p, "gram"))
        scaling.append(measure("fit_scaling", 20_000, p, "lanczos", 100))
        scaling.append(measure("fit_scaling", 20_000, p, "gram", 100))
    for p in [8_000, 16_000]:
        scaling.append(measure("fit_scaling", 20_000, p, "lanczos", 100))
    for entry in scaling:
        r = entry["result"]
        detail = f"(Gram {r['gram']:.3f} s + eigensolver {r['eigensolver']:.3f} s)" if r["method"] == "gram" else ""
        print(f"   n = {r['n']:>6}, p = {r['p']:>5}, nnz = {r['nnz']:>9}, {r['method']:<7}: {r['fit']:7.3f} s "
              f"{detail}  peak {entry['peak_rss_mb']:.0f} MB")
    results["scaling"] = [dict(entry["result"], peak_rss_mb=entry["peak_rss_mb"]) for entry in scaling]

    print("\n4. The whole pipeline at 10× the paper's users (n = 200,000), one run")
    big = measure("fast_pipeline", 200_000)
    for stage, seconds in big["result"].items():
        print(f"   {stage:<30} {seconds:7.3f} s")
    print(f"   peak memory (max RSS)          {big['peak_rss_mb']:7.0f} MB")
    results["ten_times_users"] = {"seconds": big["result"], "peak_rss_mb": big["peak_rss_mb"]}

    results["machine"]["load_average_at_end"] = os.getloadavg()[0]
    print(f"\nload average (1 min) at start {results['machine']['load_average_at_start']:.2f}, "
          f"at end {results['machine']['load_average_at_end']:.2f}")
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(results, indent=1) + "\n")
    print(f"\nwritten to {OUTPUT.relative_to(Path.cwd()) if OUTPUT.is_relative_to(Path.cwd()) else OUTPUT}")


if __name__ == "__main__":
    main()
