"""The closing table of Part IV: every method of the book, measured the same way.

:func:`compare_remedies` fits each method of Part IV to one simulated data set
and reports, for each,

* whether its similarities **depend on an arbitrary D**: whether some diagonal
  rescaling of its fitted factors leaves its training objective unchanged but
  changes its item–item similarities (:func:`d_dependence`, with one random D);
* its **cluster-recovery scores** (:func:`cossim.metrics.cluster_recovery`:
  same-cluster AUC and precision@10 of the item–item similarities); for a
  method that depends on D, the range over the three rescalings of the book
  (D = dMat(g)^{1/2}, dMat(g)^{−1/2}, dMat(√(1/σ))) or over the exponents
  tried;
* its **fitting cost**: the operation count of the fit (iterative fits also
  state that the cost is per L-BFGS step), and the seconds the fit took on the
  machine that ran it, which no two machines reproduce.

Every number is computed here, from the library's own functions; the chapters
of Part IV derive and measure each method in detail.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validation import check_positive, check_rank
from .cosine_training import cosine_objective, fit_cosine_model, normalise_embeddings
from .debiasing import ips_transform, standardised_gram
from .experiment import figure1_rescalings
from .item_space import item_space_cosine
from .metrics import cluster_recovery
from .models import LinearModel, fit_objective1, fit_objective2, rescale
from .objectives import objective1_from_gram, objective2_from_gram
from .sgns import fit_sgns, sgns_loss, sgns_weights
from .similarity import cosine_similarity
from .simulation import Simulation
from .spectral import gram_matrix, top_singular_from_gram
from .word_vectors import pmi_matrix, svd_word_vectors

#: Relative change of a training objective below which a rescaling counts as free.
OBJECTIVE_UNCHANGED = 1e-9
#: Change of a similarity above which a rescaling counts as changing it.
SIMILARITY_CHANGED = 1e-3


@dataclass(frozen=True)
class DDependence:
    """What one rescaling D does to a fitted method.

    Attributes
    ----------
    objective_change
        The relative change of the training objective, abs(f(D) − f(I)) / abs(f(I)).
    similarity_change
        The largest change of an item–item similarity, max abs(S(D) − S(I)).
    """

    objective_change: float
    similarity_change: float

    @property
    def depends(self) -> bool:
        """True if D is free for the objective yet changes the similarities."""
        free = self.objective_change <= OBJECTIVE_UNCHANGED
        return free and self.similarity_change >= SIMILARITY_CHANGED


def d_dependence(
    objective: Callable[[np.ndarray], float],
    similarity: Callable[[np.ndarray], np.ndarray],
    d: np.ndarray,
) -> DDependence:
    """Compare a method's objective and similarities at D = dMat(d) with those at D = I.

    Parameters
    ----------
    objective
        d ↦ the training objective of the fitted factors rescaled by dMat(d).
    similarity
        d ↦ the item–item similarity matrix of the rescaled factors.
    d
        The diagonal of D: a 1-D vector of nonzero finite numbers.
    """
    d = np.asarray(d, dtype=np.float64)
    if d.ndim != 1 or d.size == 0 or not np.all(np.isfinite(d)) or np.any(d == 0):
        raise ValueError(f"d must be a non-empty 1-D vector of nonzero finite numbers; got {d!r}.")
    identity = np.ones_like(d)
    base = float(objective(identity))
    if not np.isfinite(base) or base == 0:
        raise ValueError(f"objective must be finite and nonzero at D = I; got {base!r}.")
    change = abs(float(objective(d)) - base) / abs(base)
    moved = float(np.max(np.abs(similarity(d) - similarity(identity))))
    return DDependence(objective_change=change, similarity_change=moved)


@dataclass(frozen=True)
class RemedyResult:
    """One row of the closing table.

    Attributes
    ----------
    method
        Name of the method.
    chapter
        The chapter that builds it.
    depends_on_d
        True, False, or None when there is no model to rescale (the raw data).
    auc
        (low, high) same-cluster AUC; low == high for a single answer.
    precision
        (low, high) neighbour precision@10, likewise.
    cost
        Operation count of the fit.
    seconds
        Wall-clock seconds of the fit on this machine (not reproducible).
    iterations
        L-BFGS iterations of an iterative fit (may differ slightly between
        machines), None for a closed form.
    """

    method: str
    chapter: str
    depends_on_d: bool | None
    auc: tuple[float, float]
    precision: tuple[float, float]
    cost: str
    seconds: float
    iterations: int | None = None


def _scores(
    matrices: list[np.ndarray], clusters: np.ndarray
) -> tuple[tuple[float, float], tuple[float, float]]:
    results = [cluster_recovery(S, clusters) for S in matrices]
    aucs = [r["auc"] for r in results]
    precisions = [r["precision"] for r in results]
    return (min(aucs), max(aucs)), (min(precisions), max(precisions))


def _three_rescalings(model: LinearModel) -> list[LinearModel]:
    """Objective 1 under the three rescalings of Figure 1 (:func:`figure1_rescalings`)."""
    return [rescale(model, d) for d in figure1_rescalings(model).values()]


def _linear_dependence(
    G: np.ndarray, model: LinearModel, d: np.ndarray, *, item_space: bool = False
) -> bool:
    """Whether D is free for the model's objective yet changes its item similarities."""
    value = objective1_from_gram if model.objective == 1 else objective2_from_gram

    def similarity(e: np.ndarray) -> np.ndarray:
        if item_space:
            return item_space_cosine(model.A * e, model.B / e, zero_rows="zero")
        return cosine_similarity(model.B / e, zero_rows="zero")

    objective = lambda e: value(G, model.A * e, model.B / e, model.lam)  # noqa: E731
    return d_dependence(objective, similarity, d).depends


def compare_remedies(
    sim: Simulation,
    *,
    k: int = 50,
    lam1: float = 1e4,
    lam2: float = 100.0,
    sgns_betas: tuple[float, ...] = (0.0, 0.75, 1.0),
    seed: int = 0,
) -> list[RemedyResult]:
    """Fit every method of Part IV to ``sim`` and score it (see the module docstring).

    Parameters
    ----------
    sim
        Simulated data with known item clusters (:func:`cossim.simulation.simulate`).
    k
        Embedding dimension of every model.
    lam1, lam2
        λ of objective 1 and of objective 2 (the paper's 10,000 and 100).
    sgns_betas
        Negative-sampling exponents β to fit.
    seed
        Seed of the random rescaling D used to test dependence on D.
    """
    X, clusters = sim.X, sim.item_cluster
    p = X.shape[1]
    k = check_rank(k, p)
    lam1, lam2 = check_positive(lam1, "lam1"), check_positive(lam2, "lam2")
    d = np.exp(np.random.default_rng(seed).normal(size=k))
    rows: list[RemedyResult] = []

    def add(method, chapter, depends, matrices, cost, seconds, iterations=None):
        auc, precision = _scores(matrices, clusters)
        rows.append(
            RemedyResult(method, chapter, depends, auc, precision, cost, seconds, iterations)
        )

    start = time.perf_counter()
    G = gram_matrix(X)
    add("raw data (item columns)", "—", None,
        [cosine_similarity(X.T.toarray())], "XᵀX: O(np²)", time.perf_counter() - start)

    def linear_rows(label: str, chapter: str, gram: np.ndarray, cost: str, extra: float) -> None:
        start = time.perf_counter()
        svd = top_singular_from_gram(gram, k)
        model1 = fit_objective1(X, k, lam1, svd=svd)
        model2 = fit_objective2(X, k, lam2, svd=svd)
        seconds = time.perf_counter() - start + extra
        rescaled = _three_rescalings(model1)
        add(f"{label}objective 1", chapter, _linear_dependence(gram, rescaled[0], d),
            [cosine_similarity(m.B) for m in rescaled], cost, seconds)
        add(f"{label}objective 2", chapter, _linear_dependence(gram, model2, d),
            [cosine_similarity(model2.B, zero_rows="zero")], cost, seconds)
        if not label:
            for number, model in ((1, model1), (2, model2)):
                add(f"item space, objective {number}", "12",
                    _linear_dependence(gram, model, d, item_space=True),
                    [item_space_cosine(model.A, model.B, zero_rows="zero")],
                    cost + "; O(pk²)", seconds)

    linear_rows("", "3–6", G, "XᵀX: O(np²); eigh: O(p³)", 0.0)

    start = time.perf_counter()
    # start from V_k: objective 1's item embeddings under D = dMat(g)^{1/2}
    cosine = fit_cosine_model(X, k, lam1, init=top_singular_from_gram(G, k).V, gram=G)
    seconds = time.perf_counter() - start
    if not cosine.converged:
        raise RuntimeError("the cosine model did not converge; raise max_iterations.")
    depends = d_dependence(
        lambda e: cosine_objective(G, cosine.B * e, lam1, step=cosine.step).value,
        lambda e: cosine_similarity(normalise_embeddings(cosine.B * e, cosine.step)),
        d,
    ).depends
    add("cosine model", "11", depends, [cosine.item_cosine],
        "XᵀX; L-BFGS: O(p²k) per step", seconds, cosine.iterations)

    start = time.perf_counter()
    standardised = standardised_gram(X, gram=G)
    seconds = time.perf_counter() - start
    cost = "XᵀX; O(p²); eigh: O(p³)"
    linear_rows("standardised, ", "13", standardised, cost, seconds)

    start = time.perf_counter()
    ips = ips_transform(X)
    ips_gram = gram_matrix(ips.X)
    seconds = time.perf_counter() - start
    linear_rows("IPS (a = b = 1), ", "13", ips_gram, "X̃ᵀX̃: O(np²); eigh: O(p³)", seconds)

    for beta in sgns_betas:
        start = time.perf_counter()
        model = fit_sgns(X, k, beta=beta, gram=G)
        seconds = time.perf_counter() - start
        if not model.converged:
            raise RuntimeError(f"SGNS with beta = {beta} did not converge; raise max_iterations.")
        weights = sgns_weights(G, beta=beta, negatives=model.negatives)
        depends = d_dependence(
            lambda e, m=model, w=weights: sgns_loss(m.W * e, m.C / e, w, m.lam)[0],
            lambda e, m=model: cosine_similarity(m.W * e),
            d,
        ).depends
        add(f"SGNS + decay, β = {beta:g}", "13", depends, [cosine_similarity(model.W)],
            "XᵀX; L-BFGS: O(p²k) per step", seconds, model.iterations)

    start = time.perf_counter()
    M = pmi_matrix(G, context_exponent=0.75)
    factors = {e: svd_word_vectors(M, k, e) for e in (0.0, 0.5, 1.0)}
    seconds = time.perf_counter() - start
    W, C = factors[0.5]
    depends = d_dependence(
        lambda e: float(np.sum((M - (W * e) @ (C / e).T) ** 2)),
        lambda e: cosine_similarity(W * e),
        d,
    ).depends
    add("SVD of PPMI, e ∈ {0, ½, 1}", "14", depends,
        [cosine_similarity(f[0]) for f in factors.values()],
        "XᵀX; PMI: O(p²); SVD: O(p³)", seconds)
    return rows
