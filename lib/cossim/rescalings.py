"""Named choices of the diagonal rescaling D = dMat(d) for objective 1.

Objective 1 is minimised by (Â D, B̂ D⁻¹) for every invertible diagonal D
(the paper's Eq. 3), so "the" embeddings of objective 1 are really a family.
Starting from the symmetric split Â = B̂ = V_k dMat(g)^{1/2} of
:func:`cossim.models.fit_objective1`, with g_i = σ_i²/(σ_i² + λ), the book
uses these members (pass the returned vector to :func:`cossim.models.rescale`):

* ``shrinkage_power(model, 0.5)``: D = dMat(g)^{1/2}, so B̂D⁻¹ = V_k and
  ÂD = V_k dMat(g);
* ``shrinkage_power(model, -0.5)``: D = dMat(g)^{−1/2}, so B̂D⁻¹ = V_k dMat(g)
  and ÂD = V_k;
* ``sigma_power(model, -0.5)``: D = dMat(√(1/σ_i)), the choice that makes
  objective 1's item embeddings scale like objective 2's (the paper, Sec. 2.3).
"""

from __future__ import annotations

import numpy as np

from ._validation import check_finite_real
from .models import LinearModel, shrinkage_objective1


def shrinkage_power(model: LinearModel, alpha: float) -> np.ndarray:
    """d = g^α with g_i = σ_i²/(σ_i² + λ), the shrinkage of objective 1.

    Parameters
    ----------
    model
        A fitted model (its ``sigma`` and ``lam`` define g).
    alpha
        The exponent α, any finite real number.  For α < 0 every g_i must be
        positive (σ_i > 0), or D would not be invertible.
    """
    alpha = check_finite_real(alpha, "alpha")
    with np.errstate(divide="ignore"):
        return shrinkage_objective1(model.sigma, model.lam) ** alpha


def sigma_power(model: LinearModel, alpha: float) -> np.ndarray:
    """d = σ^α, a power of the singular values the model was fitted with.

    Parameters
    ----------
    model
        A fitted model.
    alpha
        The exponent α, any finite real number (σ_i must be positive if α < 0).
    """
    alpha = check_finite_real(alpha, "alpha")
    with np.errstate(divide="ignore"):
        return np.asarray(model.sigma, dtype=float) ** alpha
