"""cossim: the computations behind the book *Is cosine similarity of embeddings really about similarity?*

Every number and figure in the book is computed by this package.  One module
per concept, in the order the book introduces them:

* :mod:`cossim.similarity`      — cosine similarity and the row normaliser Ω
* :mod:`cossim.spectral`        — the truncated SVD through the Gram matrix XᵀX
* :mod:`cossim.models`          — linear models X ≈ XABᵀ, the closed forms of the
  two objectives, and the rescaling A → AD, B → BD⁻¹
* :mod:`cossim.objectives`      — values and gradients of objectives 1 and 2
* :mod:`cossim.optimize`        — generic optimisers to check the closed forms
* :mod:`cossim.dropout`         — input dropout as a weighted L2 penalty
* :mod:`cossim.rescalings`      — named choices of D
* :mod:`cossim.rescaled_cosine` — the paper's formulas for cosine under D
* :mod:`cossim.simulation`        — the simulated data of the paper's experiment
* :mod:`cossim.metrics`         — scores of similarity matrices
* :mod:`cossim.experiment`      — the Figure 1 pipeline
* :mod:`cossim.cosine_training` — remedy 1: a model trained with cosine similarity
* :mod:`cossim.item_space`      — remedy 2: cosine in item space, invariant to D
* :mod:`cossim.debiasing`       — remedy 3: standardising and inverse propensity scaling
* :mod:`cossim.sgns`            — remedy 3: word2vec-style negative sampling
* :mod:`cossim.word_vectors`    — PMI and SVD word vectors with eigenvalue weighting
* :mod:`cossim.remedies`        — the closing table of Part IV
* :mod:`cossim.selfcheck`       — instant checks for the exercises
* :mod:`cossim.display`, :mod:`cossim.plotting`, :mod:`cossim.widgets`,
  :mod:`cossim.toy`             — deterministic printing, figures, sliders, toy data
"""

from .cosine_training import fit_cosine_model
from .experiment import figure1_panels, score_panels
from .item_space import item_space_cosine
from .remedies import compare_remedies
from .sgns import fit_sgns
from .metrics import cluster_recovery, neighbour_precision, same_cluster_auc
from .models import (
    LinearModel,
    fit_objective1,
    fit_objective2,
    rescale,
    ridge_weights,
    shrinkage_objective1,
    shrinkage_objective2,
)
from .objectives import objective1, objective2
from .optimize import OptimisationResult, minimise_objective
from .simulation import Simulation, simulate
from .similarity import cosine_similarity, normalize_rows, row_normalizer, row_norms
from .spectral import TopSingular, gram_matrix, left_singular_vectors, top_singular

__all__ = [
    "LinearModel",
    "OptimisationResult",
    "TopSingular",
    "cluster_recovery",
    "compare_remedies",
    "cosine_similarity",
    "figure1_panels",
    "fit_cosine_model",
    "fit_objective1",
    "fit_objective2",
    "fit_sgns",
    "gram_matrix",
    "item_space_cosine",
    "left_singular_vectors",
    "minimise_objective",
    "neighbour_precision",
    "normalize_rows",
    "objective1",
    "objective2",
    "rescale",
    "ridge_weights",
    "row_normalizer",
    "row_norms",
    "same_cluster_auc",
    "score_panels",
    "simulate",
    "Simulation",
    "shrinkage_objective1",
    "shrinkage_objective2",
    "top_singular",
]
