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

These three are the rescalings of the paper's Figure 1, and every chapter that
compares rescalings uses them: :data:`BOOK_RESCALINGS` defines them once, each
with a short key and the label the book prints, and :func:`book_rescalings`
applies them to a model.
"""

from __future__ import annotations

import numpy as np

from dataclasses import dataclass
from typing import Literal

from ._validation import check_scalar
from .models import LinearModel, _shrinkage_objective1, rescale


def shrinkage_power(model: LinearModel, alpha: float) -> np.ndarray:
    """d = g^α with g_i = σ_i²/(σ_i² + λ), the shrinkage of objective 1.

    Parameters
    ----------
    model
        A fitted model (its ``sigma`` and ``lam`` define g).
    alpha
        The exponent α, any finite real number.  For α < 0 every g_i must be
        positive (σ_i > 0), or D would not be invertible.

    Returns
    -------
    numpy.ndarray
        d, shape (k,).
    """
    alpha = check_scalar(alpha, "alpha")
    with np.errstate(divide="ignore"):
        return _shrinkage_objective1(model.sigma, model.lam) ** alpha


def sigma_power(model: LinearModel, alpha: float) -> np.ndarray:
    """d = σ^α, a power of the singular values the model was fitted with.

    Parameters and return value are those of :func:`shrinkage_power`; for
    α < 0 every σ_i must be positive.
    """
    alpha = check_scalar(alpha, "alpha")
    with np.errstate(divide="ignore"):
        return np.asarray(model.sigma, dtype=float) ** alpha


@dataclass(frozen=True)
class Rescaling:
    """One named choice of D for objective 1: D = dMat(g)^α or D = dMat(σ)^α.

    Attributes
    ----------
    key
        Short identifier, used as a dictionary key (``"g_half"``).
    label
        How the book prints it (``"D = dMat(g)^½"``).
    short
        Its short form for narrow table columns (``"g^½"``).
    base
        ``"g"`` for powers of the shrinkage g (:func:`shrinkage_power`),
        ``"sigma"`` for powers of σ (:func:`sigma_power`).
    exponent
        The exponent α.
    """

    key: str
    label: str
    short: str
    base: Literal["g", "sigma"]
    exponent: float

    def diagonal(self, model: LinearModel) -> np.ndarray:
        """The diagonal d of D for ``model``, shape (k,)."""
        power = shrinkage_power if self.base == "g" else sigma_power
        return power(model, self.exponent)


#: The three rescalings of the paper's Figure 1, in its order.
BOOK_RESCALINGS: tuple[Rescaling, ...] = (
    Rescaling("g_half", "D = dMat(g)^½", "g^½", "g", 0.5),
    Rescaling("g_minus_half", "D = dMat(g)^−½", "g^−½", "g", -0.5),
    Rescaling("sigma_minus_half", "D = dMat(√(1/σ))", "√(1/σ)", "sigma", -0.5),
)


def book_rescalings(model: LinearModel) -> dict[str, LinearModel]:
    """``model`` under each of :data:`BOOK_RESCALINGS`, keyed by their keys.

    Parameters
    ----------
    model
        A fitted model of objective 1 (every σ_i > 0, so that each D is invertible).

    Returns
    -------
    dict[str, LinearModel]
        ``{"g_half": …, "g_minus_half": …, "sigma_minus_half": …}``.
    """
    return {r.key: rescale(model, r.diagonal(model)) for r in BOOK_RESCALINGS}


#: Label of each rescaling by key.
RESCALING_LABELS: dict[str, str] = {r.key: r.label for r in BOOK_RESCALINGS}
