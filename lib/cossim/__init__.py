"""cossim: the computations behind the book *Is cosine similarity of embeddings really about similarity?*

Every number and figure in the book is computed by this package.  One module
per concept, in the order the book introduces them:

* :mod:`cossim.similarity`      — cosine similarity and the row normaliser Ω
* :mod:`cossim.spectral`        — the truncated SVD through the Gram matrix XᵀX
* :mod:`cossim.models`          — linear models X ≈ XABᵀ, the closed forms of the
  two objectives, and the rescaling A → AD, B → BD⁻¹
* :mod:`cossim.objectives`      — values and gradients of objectives 1 and 2
* :mod:`cossim.optimise`        — generic optimisers to check the closed forms
* :mod:`cossim.dropout`         — input dropout as a weighted L2 penalty
* :mod:`cossim.rescalings`      — named choices of D
* :mod:`cossim.rescaled_cosine` — the paper's formulas for cosine under D
* :mod:`cossim.simulation`      — the simulated data of the paper's experiment
* :mod:`cossim.metrics`         — scores of similarity matrices
* :mod:`cossim.datasets`        — real data: MovieLens as implicit feedback
* :mod:`cossim.evaluation`      — held-out interactions and recall@k
* :mod:`cossim.alignment`       — aligning two fits' embeddings by a rotation
* :mod:`cossim.experiment`      — the Figure 1 pipeline
* :mod:`cossim.cosine_training` — remedy 1: a model trained with cosine similarity
* :mod:`cossim.item_space`      — remedy 2: cosine in item space, invariant to D
* :mod:`cossim.debiasing`       — remedy 3: standardising and inverse propensity scaling
* :mod:`cossim.sgns`            — remedy 3: word2vec-style negative sampling
* :mod:`cossim.word_vectors`    — PMI and SVD word vectors with eigenvalue weighting
* :mod:`cossim.remedies`        — the closing table of Part IV
* :mod:`cossim.nonlinear`       — a trained nonlinear autoencoder and its freedom M
* :mod:`cossim.selfcheck`       — instant checks for the exercises
* :mod:`cossim.runtime`         — normal Python or a browser kernel, and the sizes for each
* :mod:`cossim.display`, :mod:`cossim.plotting`, :mod:`cossim.widgets`,
  :mod:`cossim.toy`             — deterministic printing, figures, sliders, toy data

Every function the chapters compute with is imported here, so a chapter needs
only ``import cossim`` (or ``from cossim import …``).  The presentation
modules :mod:`cossim.display`, :mod:`cossim.plotting` and :mod:`cossim.widgets`
and the exercise checks :mod:`cossim.selfcheck` stay in their own namespaces:
the mathematics needs neither matplotlib nor ipywidgets (they come with the
``book`` extra, ``pip install "cossim[book]"``).
"""

from .alignment import procrustes_residual, procrustes_rotation
from .cosine_training import CosineModel, CosineObjective, cosine_objective, fit_cosine_model, normalise_embeddings
from .datasets import MovieLens, load_movielens
from .debiasing import IPSTransform, column_standardise, ips_model, ips_transform, ips_weighted_error, standardised_gram
from .dropout import dropout_penalty, expected_dropout_loss
from .evaluation import hold_out, recall_at_k
from .experiment import (
    OBJECTIVE2,
    PANEL_SHORT_TITLES,
    PANEL_TITLES,
    TRUTH,
    Figure1,
    Sensitivity,
    figure1_panels,
    item_cosine_auc,
    rescaling_sensitivity,
    score_panels,
    truth_matrix,
)
from .gradients import numerical_gradient
from .item_space import item_space_cosine, item_space_items, item_space_metric, item_space_users, similarity_agreement
from .metrics import (
    Scores,
    cluster_recovery,
    mean_row_spearman,
    nearest_neighbours,
    neighbour_hits,
    neighbour_jaccard,
    neighbour_overlap,
    neighbour_precision,
    related_pair_auc,
    same_cluster_auc,
    top_m_overlap,
)
from .models import (
    LinearModel,
    fit_objective1,
    fit_objective2,
    rescale,
    ridge_weights,
    shrinkage_objective1,
    shrinkage_objective2,
)
from .objectives import (
    objective1,
    objective1_from_gram,
    objective1_gradient,
    objective2,
    objective2_from_gram,
    objective2_gradient,
    objective2_rise,
    reconstruction_error_from_gram,
)
from .nonlinear import (
    NonlinearModel,
    NonlinearObjective,
    balancing_map,
    fit_nonlinear,
    nonlinear_loss,
    nonlinear_objective,
    random_invertible,
    split_imbalance,
    transform_last_layers,
)
from .optimise import OptimisationResult, minimise_factorisation, minimise_objective
from .remedies import DDependence, RemedyResult, compare_remedies, d_dependence
from .rescaled_cosine import item_item_cosine, omega_items, omega_users, user_item_cosine, user_user_cosine
from .rescalings import BOOK_RESCALINGS, RESCALING_LABELS, Rescaling, book_rescalings, shrinkage_power, sigma_power
from .runtime import browser_sizes, in_browser
from .sgns import (
    SGNSModel,
    SGNSWeights,
    fit_sgns,
    negative_distribution,
    sgns_loss,
    sgns_target,
    sgns_weights,
)
from .similarity import cosine_similarity, normalise_rows, row_normaliser, row_norms
from .simulation import Simulation, sample_without_replacement, simulate
from .spectral import (
    TopSingular,
    column_signs,
    fix_signs,
    gram_matrix,
    left_singular_vectors,
    top_singular,
    top_singular_from_gram,
    top_singular_lanczos,
)
from .word_vectors import pmi_matrix, svd_word_vectors

__all__ = [
    "BOOK_RESCALINGS",
    "CosineModel",
    "CosineObjective",
    "DDependence",
    "Figure1",
    "IPSTransform",
    "LinearModel",
    "MovieLens",
    "NonlinearModel",
    "NonlinearObjective",
    "OBJECTIVE2",
    "OptimisationResult",
    "PANEL_SHORT_TITLES",
    "PANEL_TITLES",
    "RESCALING_LABELS",
    "RemedyResult",
    "Rescaling",
    "SGNSModel",
    "SGNSWeights",
    "Scores",
    "Sensitivity",
    "Simulation",
    "TRUTH",
    "TopSingular",
    "balancing_map",
    "book_rescalings",
    "browser_sizes",
    "cluster_recovery",
    "column_signs",
    "column_standardise",
    "compare_remedies",
    "cosine_objective",
    "cosine_similarity",
    "d_dependence",
    "dropout_penalty",
    "expected_dropout_loss",
    "figure1_panels",
    "fit_cosine_model",
    "fit_nonlinear",
    "fit_objective1",
    "fit_objective2",
    "fit_sgns",
    "fix_signs",
    "gram_matrix",
    "hold_out",
    "in_browser",
    "ips_model",
    "ips_transform",
    "ips_weighted_error",
    "item_cosine_auc",
    "item_item_cosine",
    "item_space_cosine",
    "item_space_items",
    "item_space_metric",
    "item_space_users",
    "left_singular_vectors",
    "load_movielens",
    "mean_row_spearman",
    "minimise_factorisation",
    "minimise_objective",
    "nearest_neighbours",
    "negative_distribution",
    "neighbour_hits",
    "neighbour_jaccard",
    "neighbour_overlap",
    "neighbour_precision",
    "nonlinear_loss",
    "nonlinear_objective",
    "normalise_embeddings",
    "normalise_rows",
    "numerical_gradient",
    "objective1",
    "objective1_from_gram",
    "objective1_gradient",
    "objective2",
    "objective2_from_gram",
    "objective2_gradient",
    "objective2_rise",
    "omega_items",
    "omega_users",
    "pmi_matrix",
    "procrustes_residual",
    "procrustes_rotation",
    "random_invertible",
    "recall_at_k",
    "reconstruction_error_from_gram",
    "related_pair_auc",
    "rescale",
    "rescaling_sensitivity",
    "ridge_weights",
    "row_normaliser",
    "row_norms",
    "same_cluster_auc",
    "sample_without_replacement",
    "score_panels",
    "sgns_loss",
    "sgns_target",
    "sgns_weights",
    "shrinkage_objective1",
    "shrinkage_objective2",
    "shrinkage_power",
    "sigma_power",
    "similarity_agreement",
    "simulate",
    "split_imbalance",
    "standardised_gram",
    "svd_word_vectors",
    "top_m_overlap",
    "top_singular",
    "top_singular_from_gram",
    "top_singular_lanczos",
    "transform_last_layers",
    "truth_matrix",
    "user_item_cosine",
    "user_user_cosine",
]
