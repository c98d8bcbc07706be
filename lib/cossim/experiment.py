"""The paper's experiment (Section 4, Figure 1) as one reusable pipeline.

Figure 1 of Steck, Ekanadham and Kallus (2024) compares five item–item
similarity matrices on simulated data: the true clusters; cosine similarities
of one model of objective 1 (λ = 10,000, k = 50) under three rescalings D; and
cosine similarities of objective 2 (λ = 100, k = 50).  :func:`figure1_panels`
computes the five matrices from a simulated data set, sharing one truncated
SVD between all fits; :func:`score_panels` scores them against the truth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._threads import worker_pool
from ._validation import check_rank, check_scalar
from .metrics import Scores, cluster_recovery, same_cluster_auc
from .models import LinearModel, fit_objective1, fit_objective2, rescale
from .rescalings import BOOK_RESCALINGS, book_rescalings, sigma_power
from .similarity import cosine_similarity
from .simulation import Simulation
from .spectral import TopSingular, top_singular

#: Key of the left panel (the truth) and of the right panel (objective 2); the
#: three middle panels are keyed by the keys of :data:`cossim.rescalings.BOOK_RESCALINGS`.
TRUTH = "truth"
OBJECTIVE2 = "objective2"

#: Panel key → title, in the order of the paper's figure.
PANEL_TITLES: dict[str, str] = {
    TRUTH: "true clusters",
    **{r.key: f"objective 1, {r.label}" for r in BOOK_RESCALINGS},
    OBJECTIVE2: "objective 2",
}

#: Panel key → short title, for narrow table columns.
PANEL_SHORT_TITLES: dict[str, str] = {
    TRUTH: "truth",
    **{r.key: f"obj. 1, D = {r.short}" for r in BOOK_RESCALINGS},
    OBJECTIVE2: "obj. 2",
}


@dataclass(frozen=True)
class Figure1:
    """Everything the Figure 1 pipeline computes.

    Attributes
    ----------
    svd
        The top-k singular triplets of the data, shared by both fits.
    objective1
        The fitted model of objective 1 (symmetric split).
    objective2
        The fitted model of objective 2.
    panels
        Panel key (see :data:`PANEL_TITLES`) → p × p item–item similarity
        matrix, items in index order.
    """

    svd: TopSingular
    objective1: LinearModel
    objective2: LinearModel
    panels: dict[str, np.ndarray]

    @property
    def titled_panels(self) -> dict[str, np.ndarray]:
        """The panels keyed by their titles, for figures and tables."""
        return {PANEL_TITLES[key]: S for key, S in self.panels.items()}


def truth_matrix(sim: Simulation) -> np.ndarray:
    """The left panel: 1 where two items share a cluster, 0 elsewhere.

    Returns
    -------
    numpy.ndarray
        p × p, entries 0 and 1.
    """
    return sim.same_cluster.astype(float)


def figure1_panels(
    sim: Simulation,
    k: int = 50,
    lam1: float = 10_000.0,
    lam2: float = 100.0,
    *,
    svd: TopSingular | None = None,
) -> Figure1:
    """Fit both objectives to ``sim.X`` and compute the five panels of Figure 1.

    Parameters
    ----------
    sim
        Simulated data (:func:`cossim.simulation.simulate`).
    k
        Embedding dimension (paper: 50).
    lam1, lam2
        λ of objective 1 (paper: 10,000) and of objective 2 (paper: 100).
    svd
        Optional precomputed top singular triplets of ``sim.X`` (at least k).

    Returns
    -------
    Figure1
        The shared spectrum, both models and the five panels.

    Notes
    -----
    Items whose embedding row is zero (possible for objective 2 when it
    switches off most dimensions) get cosine similarity 0 with every item.
    """
    k = check_rank(k, sim.X.shape[1])
    lam1 = check_scalar(lam1, "lam1", low=0.0, include_low=False)
    lam2 = check_scalar(lam2, "lam2", low=0.0, include_low=False)
    svd = top_singular(sim.X, k) if svd is None else svd
    model1 = fit_objective1(svd, k, lam1)
    model2 = fit_objective2(svd, k, lam2)
    panels = {TRUTH: truth_matrix(sim)}
    for key, rescaled in book_rescalings(model1).items():
        panels[key] = cosine_similarity(rescaled.B, zero_rows="zero")
    panels[OBJECTIVE2] = cosine_similarity(model2.B, zero_rows="zero")
    return Figure1(svd=svd, objective1=model1, objective2=model2, panels=panels)


def score_panels(panels: dict[str, np.ndarray], clusters: np.ndarray, m: int = 10) -> dict[str, Scores]:
    """Cluster-recovery scores (:func:`cossim.metrics.cluster_recovery`) of every panel.

    Returns ``{key: Scores}`` in the order of ``panels``.

    The panels are scored on two threads (in turn where threads cannot
    start, as in Pyodide): the work is mostly sorting, during which NumPy
    releases the interpreter lock.  The results do not depend on the threads.
    """
    with worker_pool(2) as pool:
        scores = list(pool.map(lambda S: cluster_recovery(S, clusters, m), panels.values()))
    return dict(zip(panels, scores))


def item_cosine_auc(B: np.ndarray, clusters: np.ndarray) -> float:
    """Same-cluster AUC of the cosine similarities among the rows of ``B`` (zero rows: similarity 0).

    Returns
    -------
    float
        In [0, 1]; 0.5 is chance.
    """
    return same_cluster_auc(cosine_similarity(B, zero_rows="zero"), clusters)


@dataclass(frozen=True)
class Sensitivity:
    """How cluster recovery depends on the rescaling D, for one data set.

    Attributes
    ----------
    alphas
        Exponents α of the family D = dMat(σ)^α applied to objective 1.
    family_auc
        Same-cluster AUC of objective 1's item cosine under each α.
    panel_auc
        AUC of the four model panels of Figure 1 (three rescalings, objective
        2), keyed as ``Figure1.panels``.
    active_dimensions
        Number of dimensions objective 2 keeps (σ_i > λ₂).
    svd
        The top-k singular triplets of the data, for further use.
    """

    alphas: np.ndarray
    family_auc: np.ndarray
    panel_auc: dict[str, float]
    active_dimensions: int
    svd: TopSingular

    @property
    def family_range(self) -> float:
        """max − min of ``family_auc``: how much the choice of D can matter."""
        return float(self.family_auc.max() - self.family_auc.min())


def rescaling_sensitivity(
    sim: Simulation,
    alphas: tuple[float, ...] = (-1.0, -0.5, 0.0, 0.5, 1.0),
    k: int = 50,
    lam1: float = 10_000.0,
    lam2: float = 100.0,
    *,
    svd: TopSingular | None = None,
) -> Sensitivity:
    """Score objective 1 under a family of rescalings, and the Figure 1 panels, on ``sim``.

    One truncated SVD serves every fit.  Used by the robustness chapters
    (:ref:`ch-robustness`, :ref:`ch-readings`) to repeat the paper's experiment
    under other settings and readings.

    Returns
    -------
    Sensitivity
        The AUC along the family, of every panel, and the spectrum.
    """
    run = figure1_panels(sim, k, lam1, lam2, svd=svd)
    model = run.objective1
    family = np.array([
        item_cosine_auc(rescale(model, sigma_power(model, a)).B,
                        sim.item_cluster)
        for a in alphas
    ])
    panel_auc = {
        name: same_cluster_auc(S, sim.item_cluster)
        for name, S in run.panels.items() if name != TRUTH
    }
    return Sensitivity(
        alphas=np.asarray(alphas, dtype=float),
        family_auc=family,
        panel_auc=panel_auc,
        active_dimensions=run.objective2.active_dimensions,
        svd=run.svd,
    )
