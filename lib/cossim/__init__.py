"""cossim: the computations behind the book *Is cosine similarity of embeddings really about similarity?*

Every number and figure in the book is computed by this package.  The modules
follow the book's concepts:

* :mod:`cossim.spectral`   — the truncated SVD through the Gram matrix XᵀX
* :mod:`cossim.models`     — linear models X ≈ XABᵀ, the closed forms of the
  two objectives, and the rescaling A → AD, B → BD⁻¹
* :mod:`cossim.objectives` — values and gradients of objectives 1 and 2
* :mod:`cossim.similarity` — cosine similarity and the row normaliser Ω
* :mod:`cossim.optimize`   — a generic optimiser to check the closed forms
"""

from .models import (
    LinearModel,
    fit_objective1,
    fit_objective2,
    rescale,
    shrinkage_objective1,
    shrinkage_objective2,
)
from .objectives import objective1, objective2
from .optimize import OptimisationResult, minimise_objective
from .similarity import cosine_similarity, normalize_rows, row_normalizer, row_norms
from .spectral import TopSingular, gram_matrix, left_singular_vectors, top_singular

__all__ = [
    "LinearModel",
    "OptimisationResult",
    "TopSingular",
    "cosine_similarity",
    "fit_objective1",
    "fit_objective2",
    "gram_matrix",
    "left_singular_vectors",
    "minimise_objective",
    "normalize_rows",
    "objective1",
    "objective2",
    "rescale",
    "row_normalizer",
    "row_norms",
    "shrinkage_objective1",
    "shrinkage_objective2",
    "top_singular",
]
