"""Where threads cannot start (a Pyodide browser kernel), the threaded code runs inline, with the same results."""

from __future__ import annotations

import sys
import threading

import numpy as np

import cossim


def pipeline() -> tuple:
    sim = cossim.simulate(n=9_000, p=120, C=4, seed=3)
    run = cossim.figure1_panels(sim, k=10, lam1=500.0, lam2=20.0)
    return sim.X, cossim.gram_matrix(sim.X), cossim.score_panels(run.panels, sim.item_cluster)


def test_without_threads_results_are_the_same(monkeypatch):
    X, G, scores = pipeline()

    def refuse(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.setattr(threading.Thread, "start", refuse)
    X_inline, G_inline, scores_inline = pipeline()
    for name in ("indices", "indptr", "data"):
        np.testing.assert_array_equal(getattr(X_inline, name), getattr(X, name))
    np.testing.assert_array_equal(G_inline, G)
    assert scores_inline == scores
