"""The closing table of Part IV: every method of the book, measured the same way.

:func:`compare_remedies` fits each method of Part IV to one simulated data set
and reports, for each,

* whether its similarities **depend on an arbitrary D**: whether some diagonal
  rescaling of its fitted factors leaves its training objective unchanged but
  changes its item–item similarities (:func:`d_dependence`, with one random D);
* its **cluster-recovery scores** (:func:`cossim.metrics.cluster_recovery`:
  same-cluster AUC and ``precision@10`` of the item–item similarities), one per
  variant: for a method that depends on D, the three rescalings of the book
  (:data:`cossim.rescalings.BOOK_RESCALINGS`) or the exponents tried;
* its **fitting cost**: the operation count of the fit (iterative fits also
  state that the cost is per L-BFGS step), and the seconds the fit took on the
  machine that ran it, which no two machines reproduce.

Every number is computed here, from the library's own functions; the chapters
of Part IV derive and measure each method in detail.  Each method is one small
function with the same interface, ``method(setting) -> list[RemedyResult]``;
:data:`METHODS` lists them in the order of the table.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ._validation import check_array, check_rank, check_scalar
from .cosine_training import cosine_objective, fit_cosine_model, normalise_embeddings
from .debiasing import ips_transform, standardised_gram
from .item_space import item_space_cosine
from .metrics import Scores, cluster_recovery
from .models import LinearModel, fit_objective1, fit_objective2
from .objectives import objective1_from_gram, objective2_from_gram
from .rescalings import book_rescalings
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
        The diagonal of D: a non-empty vector of nonzero finite numbers.

    Returns
    -------
    DDependence
        The relative change of the objective and the largest change of a similarity.
    """
    d = check_array(d, "d", ndim=1, nonempty=True, nonzero=True, what="vector (the diagonal of D)")
    identity = np.ones_like(d)
    base = check_scalar(float(objective(identity)), "objective at D = I")
    if base == 0:
        raise ValueError("objective must be nonzero at D = I; got 0.")
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
        Label of the chapter that builds it (``"ch-item-space"``).
    depends_on_d
        True, False, or None when there is no model to rescale (the raw data).
    scores
        Cluster-recovery scores of each variant: the three rescalings of
        objective 1, the exponents of a family, or a single answer.
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
    scores: tuple[Scores, ...]
    cost: str
    seconds: float
    iterations: int | None = None

    @property
    def auc_range(self) -> tuple[float, float]:
        """(lowest, highest) same-cluster AUC over the variants."""
        values = [s.auc for s in self.scores]
        return min(values), max(values)

    @property
    def precision_range(self) -> tuple[float, float]:
        """(lowest, highest) neighbour ``precision@10`` over the variants."""
        values = [s.precision for s in self.scores]
        return min(values), max(values)


@dataclass(frozen=True)
class Setting:
    """What every method of the table is fitted to and scored against.

    Attributes
    ----------
    X
        The data, n × p CSR.
    clusters
        True cluster of every item, shape (p,).
    G
        The Gram matrix XᵀX, computed once.
    gram_seconds
        Seconds it took to compute G.
    k
        Embedding dimension.
    lam1
        λ of objective 1.
    lam2
        λ of objective 2.
    d
        The random rescaling D = dMat(d) that tests dependence on D.
    sgns_betas
        Negative-sampling exponents β of the SGNS rows.
    """

    X: sp.csr_array
    clusters: np.ndarray
    G: np.ndarray
    gram_seconds: float
    k: int
    lam1: float
    lam2: float
    d: np.ndarray
    sgns_betas: tuple[float, ...]

    def scores(self, matrices: list[np.ndarray]) -> tuple[Scores, ...]:
        """Cluster-recovery scores of each similarity matrix."""
        return tuple(cluster_recovery(S, self.clusters) for S in matrices)


def _timed(compute: Callable[[], object]) -> tuple[object, float]:
    """The result of ``compute()`` and the wall-clock seconds it took."""
    start = time.perf_counter()
    result = compute()
    return result, time.perf_counter() - start


def _linear_depends(gram: np.ndarray, model: LinearModel, d: np.ndarray, *, item_space: bool = False) -> bool:
    """Whether D is free for a linear model's objective yet changes its item similarities."""
    value = objective1_from_gram if model.objective == 1 else objective2_from_gram

    def similarity(e: np.ndarray) -> np.ndarray:
        if item_space:
            return item_space_cosine(model.A * e, model.B / e, zero_rows="zero")
        return cosine_similarity(model.B / e, zero_rows="zero")

    return d_dependence(lambda e: value(gram, model.A * e, model.B / e, model.lam), similarity, d).depends


def _fit_both(s: Setting, gram: np.ndarray) -> tuple[LinearModel, LinearModel]:
    """Objectives 1 and 2 fitted to data with Gram matrix ``gram``, from one spectrum."""
    svd = top_singular_from_gram(gram, s.k)
    return fit_objective1(svd, s.k, s.lam1), fit_objective2(svd, s.k, s.lam2)


def _linear_rows(
    s: Setting, gram: np.ndarray, label: str, chapter: str, cost: str, prepare_seconds: float
) -> tuple[list[RemedyResult], tuple[LinearModel, LinearModel]]:
    """Rows of objectives 1 (three rescalings) and 2 fitted to data with Gram matrix ``gram``, and the models."""
    (model1, model2), seconds = _timed(lambda: _fit_both(s, gram))
    seconds += prepare_seconds
    rescaled = list(book_rescalings(model1).values())
    rows = [
        RemedyResult(f"{label}objective 1", chapter, _linear_depends(gram, rescaled[0], s.d),
                     s.scores([cosine_similarity(m.B) for m in rescaled]), cost, seconds),
        RemedyResult(f"{label}objective 2", chapter, _linear_depends(gram, model2, s.d),
                     s.scores([cosine_similarity(model2.B, zero_rows="zero")]), cost, seconds),
    ]
    return rows, (model1, model2)


def raw_data(s: Setting) -> list[RemedyResult]:
    """Cosine of the item columns of X: no model, nothing to rescale."""
    return [RemedyResult("raw data (item columns)", "ch-figure1", None,
                         s.scores([cosine_similarity(s.X.T.toarray())]), "XᵀX: O(np²)", s.gram_seconds)]


def linear_models(s: Setting) -> list[RemedyResult]:
    """Objectives 1 and 2 on the raw data, and both measured in item space (remedy 2)."""
    cost = "XᵀX: O(np²); eigh: O(p³)"
    rows, models = _linear_rows(s, s.G, "", "ch-two-objectives", cost, s.gram_seconds)
    for number, model in zip((1, 2), models):
        rows.append(RemedyResult(
            f"item space, objective {number}", "ch-item-space",
            _linear_depends(s.G, model, s.d, item_space=True),
            s.scores([item_space_cosine(model.A, model.B, zero_rows="zero")]),
            cost + "; O(pk²)", rows[0].seconds,
        ))
    return rows


def cosine_model(s: Setting) -> list[RemedyResult]:
    """Remedy 1: the model trained with normalised embeddings, started from V_k."""
    start = top_singular_from_gram(s.G, s.k).V  # objective 1's items under D = dMat(g)^{1/2}
    model, seconds = _timed(lambda: fit_cosine_model(s.X, s.k, s.lam1, init=start, gram=s.G))
    if not model.converged:
        raise RuntimeError("the cosine model did not converge; raise max_iterations.")
    depends = d_dependence(
        lambda e: cosine_objective(s.G, model.B * e, s.lam1, step=model.step).value,
        lambda e: cosine_similarity(normalise_embeddings(model.B * e, model.step)),
        s.d,
    ).depends
    return [RemedyResult("cosine model", "ch-train-cosine", depends, s.scores([model.item_cosine]),
                         "XᵀX; L-BFGS: O(p²k) per step", seconds, model.iterations)]


def standardised(s: Setting) -> list[RemedyResult]:
    """Remedy 3: objectives 1 and 2 fitted to column-standardised data."""
    gram, seconds = _timed(lambda: standardised_gram(s.X, gram=s.G))
    return _linear_rows(s, gram, "standardised, ", "ch-debias", "XᵀX; O(p²); eigh: O(p³)", seconds)[0]


def inverse_propensity(s: Setting) -> list[RemedyResult]:
    """Remedy 3: objectives 1 and 2 fitted to inverse-propensity-scaled data (a = b = 1)."""
    gram, seconds = _timed(lambda: gram_matrix(ips_transform(s.X).X))
    return _linear_rows(s, gram, "IPS (a = b = 1), ", "ch-debias", "X̃ᵀX̃: O(np²); eigh: O(p³)", seconds)[0]


def negative_sampling(s: Setting) -> list[RemedyResult]:
    """Remedy 3: full-batch SGNS with weight decay, one row per negative-sampling exponent β."""
    rows = []
    for beta in s.sgns_betas:
        model, seconds = _timed(lambda: fit_sgns(s.X, s.k, beta=beta, gram=s.G))
        if not model.converged:
            raise RuntimeError(f"SGNS with beta = {beta} did not converge; raise max_iterations.")
        weights = sgns_weights(s.G, beta=beta, negatives=model.negatives)
        depends = d_dependence(
            lambda e: sgns_loss(model.W * e, model.C / e, weights, model.lam)[0],
            lambda e: cosine_similarity(model.W * e),
            s.d,
        ).depends
        rows.append(RemedyResult(f"SGNS + decay, β = {beta:g}", "ch-debias", depends,
                                 s.scores([cosine_similarity(model.W)]),
                                 "XᵀX; L-BFGS: O(p²k) per step", seconds, model.iterations))
    return rows


def svd_of_ppmi(s: Setting) -> list[RemedyResult]:
    """Count-based word vectors: the SVD of the PPMI with eigenvalue weighting e ∈ {0, ½, 1}."""
    def fit() -> tuple[np.ndarray, dict[float, tuple[np.ndarray, np.ndarray]]]:
        M = pmi_matrix(s.G, context_exponent=0.75)
        return M, {e: svd_word_vectors(M, s.k, e) for e in (0.0, 0.5, 1.0)}

    (M, factors), seconds = _timed(fit)
    W, C = factors[0.5]
    depends = d_dependence(
        lambda e: float(np.sum((M - (W * e) @ (C / e).T) ** 2)),
        lambda e: cosine_similarity(W * e),
        s.d,
    ).depends
    return [RemedyResult("SVD of PPMI, e ∈ {0, ½, 1}", "ch-beyond-linear", depends,
                         s.scores([cosine_similarity(f[0]) for f in factors.values()]),
                         "XᵀX; PMI: O(p²); SVD: O(p³)", seconds)]


#: The methods of the closing table, in its order; each maps a :class:`Setting` to its rows.
METHODS: tuple[Callable[[Setting], list[RemedyResult]], ...] = (
    raw_data, linear_models, cosine_model, standardised, inverse_propensity, negative_sampling, svd_of_ppmi,
)


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

    Returns
    -------
    list[RemedyResult]
        One row per method and variant, in the order of :data:`METHODS`.
    """
    k = check_rank(k, sim.X.shape[1])
    G, seconds = _timed(lambda: gram_matrix(sim.X))
    setting = Setting(
        X=sim.X,
        clusters=sim.item_cluster,
        G=G,
        gram_seconds=seconds,
        k=k,
        lam1=check_scalar(lam1, "lam1", low=0.0, include_low=False),
        lam2=check_scalar(lam2, "lam2", low=0.0, include_low=False),
        d=np.exp(np.random.default_rng(seed).normal(size=k)),
        sgns_betas=tuple(check_scalar(b, "sgns_betas", low=0.0) for b in sgns_betas),
    )
    return [row for method in METHODS for row in method(setting)]
