"""A trained nonlinear model: an autoencoder with a ReLU hidden layer (chapter :ref:`ch-nonlinear`).

The model reads a user's row x of the data (p items), passes it through one
nonlinear hidden layer, and ends with two linear maps:

    h = relu(x W + b)       W: p × m, b: m   (the hidden layer, m units)
    z = h A                 A: m × k         (the user embedding)
    ŷ = z Bᵀ + c            B: p × k, c: p   (the scores of all p items)

The item embeddings are the rows of B; c is one bias per item.  The loss is
the squared error of the reconstruction plus penalties,

    L = ‖X − Ŷ‖²_F + decay ‖W‖²_F + penalty(A, B),

with one of three choices for the last two maps (the "regulariser"):

* ``"product"``:    λ ‖A Bᵀ‖²_F, a penalty on the product only, like objective 1;
* ``"decay"``:      λ (‖A‖²_F + ‖B‖²_F), weight decay on each factor, like objective 2;
* ``"normalised"``: λ ‖B‖²_F, and every user embedding z scaled to unit length
  inside the model, ŷ = (z / ‖z‖) Bᵀ + c (a normalised user tower).

The squared error never needs the dense n × p matrix Ŷ.  With Z the n × k
user embeddings (normalised or not), s = Xᵀ1 and u = Zᵀ1,

    ‖X − Z Bᵀ − 1cᵀ‖²_F = ‖X‖²_F − 2 ⟨X B, Z⟩ − 2 sᵀc + ⟨ZᵀZ, BᵀB⟩ + 2 uᵀBᵀc + n ‖c‖²,

where X B is a sparse product, so one evaluation costs O(nnz(X)·(m + k) +
(n + p) k²).  The analytic gradients, by the chain rule:

    ∂L/∂Z = −2 X B + 2 Z (BᵀB) + 2·1 cᵀB,    ∂L/∂B = −2 XᵀZ + 2 B (ZᵀZ) + 2 c uᵀ,
    ∂L/∂c = −2 s + 2 B u + 2 n c,
    ∂L/∂A = Hᵀ ∂L/∂(HA),                      ∂L/∂H = ∂L/∂(HA) Aᵀ,
    ∂L/∂b = 1ᵀ G,  ∂L/∂W = Xᵀ G + 2 decay W,  G = ∂L/∂H ⊙ [X W + b > 0],

plus the penalties' terms (2λ A BᵀB and 2λ B AᵀA for the product, 2λ A and
2λ B for weight decay, 2λ B for ``"normalised"``) and, for ``"normalised"``,
the Jacobian of z ↦ z / ‖z‖ between ∂L/∂Z and ∂L/∂(HA).

The freedom: for any invertible k × k matrix M, (A M, B M⁻ᵀ) gives the same
product A Bᵀ, so the same predictions and the same ``"product"`` penalty, but
other item cosines (:func:`transform_last_layers`).  Weight decay is
minimised over M at a balanced split, AᵀA = BᵀB (:func:`balancing_map`,
:func:`split_imbalance`), which fixes M up to a rotation; normalisation
inside the model makes the predictions themselves change unless M is a
rotation.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.linalg
import scipy.optimize
import scipy.sparse as sp

from ._blas import single_threaded_blas
from ._validation import check_array, check_data_matrix, check_rank, check_scalar

Regulariser = Literal["product", "decay", "normalised"]
#: The three penalties on the last two maps, in the order the chapter trains them.
REGULARISERS: tuple[str, ...] = ("product", "decay", "normalised")


@dataclass(frozen=True)
class NonlinearModel:
    """A fitted autoencoder x ↦ relu(x W + b) A B̃ᵀ (see the module docstring).

    Attributes
    ----------
    W
        Input layer, p × m.
    b
        Hidden bias, length m.
    A
        Hidden layer to user embedding, m × k.
    B
        Item embeddings, p × k.
    c
        Item biases, length p.
    regulariser
        ``"product"``, ``"decay"`` or ``"normalised"``.
    lam
        Strength λ of the penalty on the last two maps.
    decay
        Strength of the weight decay on W.
    converged
        Whether L-BFGS reported convergence.
    iterations
        Number of L-BFGS iterations.
    """

    W: np.ndarray
    b: np.ndarray
    A: np.ndarray
    B: np.ndarray
    c: np.ndarray
    regulariser: Regulariser
    lam: float
    decay: float
    converged: bool
    iterations: int

    @property
    def k(self) -> int:
        """Embedding dimension."""
        return self.B.shape[1]

    @property
    def hidden(self) -> int:
        """Number of hidden units m."""
        return self.W.shape[1]

    @property
    def item_embeddings(self) -> np.ndarray:
        """The p × k item embeddings, the rows of B."""
        return self.B

    def user_embeddings(self, X: np.ndarray | sp.sparray | sp.spmatrix) -> np.ndarray:
        """The users' embeddings Z = relu(X W + b) A (rows scaled to unit length for ``"normalised"``), n × k."""
        X = self._check_input(X)
        Z = np.maximum(X @ self.W + self.b, 0.0) @ self.A
        return _unit_rows(Z)[0] if self.regulariser == "normalised" else Z

    def predict(self, X: np.ndarray | sp.sparray | sp.spmatrix) -> np.ndarray:
        """Predicted scores Z Bᵀ + 1cᵀ, n × p."""
        return self.user_embeddings(X) @ self.B.T + self.c

    def _check_input(self, X: np.ndarray | sp.sparray | sp.spmatrix) -> np.ndarray | sp.csr_array:
        return check_array(X, "X", shape=(None, self.W.shape[0]), dims=("n", "p"), sparse=True,
                           nonempty=True, what="matrix (users × items)")


@dataclass(frozen=True)
class NonlinearObjective:
    """Value and gradients of the loss L of :func:`nonlinear_objective`.

    Attributes
    ----------
    value
        L = ‖X − Ŷ‖²_F + decay ‖W‖²_F + penalty(A, B).
    W
        ∂L/∂W, p × m.
    b
        ∂L/∂b, length m.
    A
        ∂L/∂A, m × k.
    B
        ∂L/∂B, p × k.
    c
        ∂L/∂c, length p.
    """

    value: float
    W: np.ndarray
    b: np.ndarray
    A: np.ndarray
    B: np.ndarray
    c: np.ndarray


def _loss(
    X: sp.csr_array, sums: np.ndarray, norm2: float,
    W: np.ndarray, b: np.ndarray, A: np.ndarray, B: np.ndarray, c: np.ndarray,
    regulariser: str, lam: float, decay: float,
) -> NonlinearObjective:
    """Value and gradients without input checks (the optimiser's inner loop)."""
    n = X.shape[0]
    pre = X @ W + b
    H = np.maximum(pre, 0.0)
    HA = H @ A
    normalised = regulariser == "normalised"
    Z, norms = _unit_rows(HA) if normalised else (HA, None)
    # the squared error ‖X − Z Bᵀ − 1cᵀ‖², expanded (module docstring)
    XB = X @ B
    ZtZ, BtB = Z.T @ Z, B.T @ B
    u, Btc = Z.sum(axis=0), B.T @ c
    value = (norm2 - 2.0 * np.sum(XB * Z) - 2.0 * (sums @ c)
             + np.sum(ZtZ * BtB) + 2.0 * (u @ Btc) + n * (c @ c)
             + decay * np.sum(W * W))
    grad_Z = 2.0 * (Z @ BtB - XB + Btc)
    grad_B = 2.0 * (B @ ZtZ - X.T @ Z + np.outer(c, u))
    grad_c = 2.0 * (B @ u - sums + n * c)
    # the penalty on the last two maps
    if regulariser == "product":
        AtA = A.T @ A
        value += lam * np.sum(AtA * BtB)
        grad_A_penalty = 2.0 * lam * (A @ BtB)
        grad_B += 2.0 * lam * (B @ AtA)
    elif regulariser == "decay":
        value += lam * (np.sum(A * A) + np.sum(B * B))
        grad_A_penalty = 2.0 * lam * A
        grad_B += 2.0 * lam * B
    else:
        value += lam * np.sum(B * B)
        grad_A_penalty = 0.0
        grad_B += 2.0 * lam * B
    # back through the normalisation, A, the ReLU and W
    grad_HA = _unit_rows_backward(grad_Z, Z, norms) if normalised else grad_Z
    grad_A = H.T @ grad_HA + grad_A_penalty
    grad_pre = (grad_HA @ A.T) * (pre > 0)
    grad_W = X.T @ grad_pre + 2.0 * decay * W
    return NonlinearObjective(
        value=float(value), W=grad_W, b=grad_pre.sum(axis=0),
        A=grad_A, B=grad_B, c=grad_c,
    )


#: Added to every squared length before the square root in :func:`_unit_rows`,
#: so that a user whose hidden units are all off (z = 0) gets z = 0, not an error.
_TINY = 1e-24


def _unit_rows(Z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(Z with each row divided by its length, the lengths √(‖z‖² + tiny))."""
    norms = np.sqrt(np.sum(Z * Z, axis=1) + _TINY)
    return Z / norms[:, None], norms


def _unit_rows_backward(grad: np.ndarray, unit: np.ndarray, norms: np.ndarray) -> np.ndarray:
    """Chain rule through z ↦ z / ‖z‖: (g − (g·ẑ) ẑ) / ‖z‖ for each row."""
    radial = np.sum(grad * unit, axis=1, keepdims=True)
    return (grad - radial * unit) / norms[:, None]


def _check_parameters(
    p: int, W: np.ndarray, b: np.ndarray, A: np.ndarray, B: np.ndarray, c: np.ndarray
) -> tuple[np.ndarray, ...]:
    W = check_array(W, "W", shape=(p, None), dims=("p", "m"), nonempty=True)
    m = W.shape[1]
    b = check_array(b, "b", ndim=1, shape=(m,), dims=("m",), what="vector (the hidden bias)")
    A = check_array(A, "A", shape=(m, None), dims=("m", "k"), nonempty=True)
    B = check_array(B, "B", shape=(p, A.shape[1]), dims=("p", "k"))
    c = check_array(c, "c", ndim=1, shape=(p,), dims=("p",), what="vector (the item biases)")
    return W, b, A, B, c


def _check_settings(regulariser: str, lam: float, decay: float) -> tuple[float, float]:
    check_scalar(regulariser, "regulariser", choices=REGULARISERS)
    return check_scalar(lam, "lam", low=0.0), check_scalar(decay, "decay", low=0.0)


def nonlinear_objective(
    X: np.ndarray | sp.sparray | sp.spmatrix,
    W: np.ndarray,
    b: np.ndarray,
    A: np.ndarray,
    B: np.ndarray,
    c: np.ndarray,
    *,
    regulariser: Regulariser,
    lam: float,
    decay: float,
) -> NonlinearObjective:
    """The autoencoder's loss and its analytic gradients (formulas in the module docstring).

    Parameters
    ----------
    X
        Data, n × p, dense or scipy.sparse; both the input and the target.
    W, b, A, B, c
        Parameters: p × m, length m, m × k, p × k, length p.
    regulariser
        ``"product"``, ``"decay"`` or ``"normalised"``.
    lam
        λ ≥ 0, strength of the penalty on the last two maps.
    decay
        ≥ 0, strength of the weight decay on W.

    Returns
    -------
    NonlinearObjective
        The value and the gradient with respect to every parameter.
    """
    X = sp.csr_array(check_data_matrix(X))
    parameters = _check_parameters(X.shape[1], W, b, A, B, c)
    lam, decay = _check_settings(regulariser, lam, decay)
    return _loss(X, _column_sums(X), _squared_norm(X), *parameters, regulariser, lam, decay)


def _column_sums(X: sp.csr_array) -> np.ndarray:
    return np.asarray(X.sum(axis=0)).ravel()


def _squared_norm(X: sp.csr_array) -> float:
    return float(X.multiply(X).sum())


def nonlinear_loss(model: NonlinearModel, X: np.ndarray | sp.sparray | sp.spmatrix) -> float:
    """The training loss L of a model on data X, with the model's own regulariser."""
    return nonlinear_objective(X, model.W, model.b, model.A, model.B, model.c, regulariser=model.regulariser,
                               lam=model.lam, decay=model.decay).value


def _initial_parameters(X: sp.csr_array, hidden: int, k: int, seed: int) -> list[np.ndarray]:
    """Seeded Gaussian start: pre-activations of variance about 1, and AᵀA ≈ BᵀB ≈ I."""
    rng = np.random.default_rng(seed)
    n, p = X.shape
    per_user = max(1.0, X.nnz / n)
    return [
        rng.normal(size=(p, hidden)) / np.sqrt(per_user),
        np.zeros(hidden),
        rng.normal(size=(hidden, k)) / np.sqrt(hidden),
        rng.normal(size=(p, k)) / np.sqrt(p),
        np.zeros(p),
    ]


def fit_nonlinear(
    X: np.ndarray | sp.sparray | sp.spmatrix,
    *,
    hidden: int = 64,
    k: int = 16,
    regulariser: Regulariser = "decay",
    lam: float = 1.0,
    decay: float = 1.0,
    seed: int = 0,
    max_iterations: int = 300,
) -> NonlinearModel:
    """Train the autoencoder by L-BFGS with analytic gradients, from a seeded random start.

    The loss is divided by ‖X‖²_F (its value at Ŷ = 0, apart from the
    penalties) for the optimiser, so its tolerances are relative.  BLAS runs
    single-threaded during the fit (``cossim._blas``), so the result is the
    same whatever the number of BLAS threads.

    Parameters
    ----------
    X
        Training data, n × p, dense or scipy.sparse.
    hidden
        Number of hidden units m ≥ 1.
    k
        Embedding dimension, 1 ≤ k ≤ p.
    regulariser
        ``"product"``, ``"decay"`` or ``"normalised"`` (module docstring).
    lam
        λ ≥ 0 of the penalty on the last two maps.
    decay
        ≥ 0, weight decay on W.
    seed
        Seed of the Gaussian start.
    max_iterations
        Iteration cap of L-BFGS (≥ 1).

    Returns
    -------
    NonlinearModel
        The parameters and how L-BFGS ended.
    """
    X = sp.csr_array(check_data_matrix(X))
    n, p = X.shape
    hidden = check_scalar(hidden, "hidden", integer=True, low=1)
    k = check_rank(k, p)
    lam, decay = _check_settings(regulariser, lam, decay)
    seed = check_scalar(seed, "seed", integer=True, low=0)
    max_iterations = check_scalar(max_iterations, "max_iterations", integer=True, low=1)
    start = _initial_parameters(X, hidden, k, seed)
    shapes = [part.shape for part in start]
    splits = np.cumsum([part.size for part in start])[:-1]
    sums, norm2 = _column_sums(X), _squared_norm(X)

    def unpack(theta: np.ndarray) -> list[np.ndarray]:
        return [part.reshape(shape) for part, shape in zip(np.split(theta, splits), shapes)]

    def scaled(theta: np.ndarray) -> tuple[float, np.ndarray]:
        result = _loss(X, sums, norm2, *unpack(theta), regulariser, lam, decay)
        gradient = np.concatenate([result.W.ravel(), result.b, result.A.ravel(), result.B.ravel(), result.c])
        return result.value / norm2, gradient / norm2

    with single_threaded_blas():
        result = scipy.optimize.minimize(
            scaled,
            np.concatenate([part.ravel() for part in start]),
            jac=True,
            method="L-BFGS-B",
            options={"maxiter": max_iterations, "ftol": 1e-12, "gtol": 1e-8, "maxcor": 5},
        )
    W, b, A, B, c = unpack(result.x)
    return NonlinearModel(W=W, b=b, A=A, B=B, c=c, regulariser=regulariser, lam=lam, decay=decay,
                          converged=bool(result.success), iterations=int(result.nit))


def transform_last_layers(model: NonlinearModel, M: np.ndarray) -> NonlinearModel:
    """The model with (A, B) replaced by (A M, B M⁻ᵀ), for an invertible k × k matrix M.

    The product A Bᵀ, and so for ``"product"`` and ``"decay"`` every
    prediction, is unchanged; the item embeddings, and their cosines, are not.

    Raises
    ------
    ValueError
        If M is not a k × k matrix, or is singular.
    """
    M = check_array(M, "M", shape=(model.k, model.k), dims=("k", "k"), what="matrix")
    try:
        inverse_transpose = scipy.linalg.inv(M).T
    except (np.linalg.LinAlgError, ValueError):
        raise ValueError("M must be an invertible matrix; got a singular one.") from None
    return dataclasses.replace(model, A=model.A @ M, B=model.B @ inverse_transpose)


def random_invertible(k: int, spread: float = 1.0, seed: int = 0) -> np.ndarray:
    """A random invertible k × k matrix M = Q₁ dMat(eˢ) Q₂ with s ~ N(0, spread²).

    Q₁ and Q₂ are random rotations (QR of Gaussian matrices), so the singular
    values of M are the eˢ and its condition number is about e^(4·spread) for
    k of the book's size.
    """
    k = check_scalar(k, "k", integer=True, low=1)
    spread = check_scalar(spread, "spread", low=0.0)
    seed = check_scalar(seed, "seed", integer=True, low=0)
    rng = np.random.default_rng(seed)
    Q1 = np.linalg.qr(rng.normal(size=(k, k)))[0]
    Q2 = np.linalg.qr(rng.normal(size=(k, k)))[0]
    return (Q1 * np.exp(spread * rng.normal(size=k))) @ Q2


def split_imbalance(A: np.ndarray, B: np.ndarray) -> float:
    """‖AᵀA − BᵀB‖_F / (‖AᵀA‖_F + ‖BᵀB‖_F): 0 for a balanced split, at most 1.

    Parameters
    ----------
    A, B
        The two factors of a product A Bᵀ, with k columns each.
    """
    A = check_array(A, "A", nonempty=True)
    B = check_array(B, "B", shape=(None, A.shape[1]), dims=("p", "k"))
    AtA, BtB = A.T @ A, B.T @ B
    total = np.linalg.norm(AtA) + np.linalg.norm(BtB)
    if not total > 0:
        raise ValueError("A and B must not both be zero; got zero factors.")
    return float(np.linalg.norm(AtA - BtB) / total)


def balancing_map(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """The symmetric positive definite M with (A M)ᵀ(A M) = (B M⁻ᵀ)ᵀ(B M⁻ᵀ).

    With S = AᵀA and T = BᵀB (both invertible), the condition reads
    N S N = T for N = M Mᵀ, whose one positive definite solution is
    N = S^(−½) (S^(½) T S^(½))^(½) S^(−½); M = N^(½).  Among all splits of
    the product A Bᵀ, (A M, B M⁻ᵀ) has the least ‖A‖²_F + ‖B‖²_F, namely
    twice the nuclear norm of A Bᵀ (chapter :ref:`ch-nonlinear`).

    Raises
    ------
    ValueError
        If A or B does not have full column rank k.
    """
    A = check_array(A, "A", nonempty=True)
    B = check_array(B, "B", shape=(None, A.shape[1]), dims=("p", "k"))
    S_half = _spd_power(A.T @ A, 0.5, "A")
    S_minus_half = _spd_power(A.T @ A, -0.5, "A")
    _spd_power(B.T @ B, 1.0, "B")
    N = S_minus_half @ _spd_power(S_half @ (B.T @ B) @ S_half, 0.5, "B") @ S_minus_half
    return _spd_power(N, 0.5, "A")


def _spd_power(S: np.ndarray, power: float, name: str) -> np.ndarray:
    """S^power for a symmetric positive definite S, through its eigendecomposition."""
    S = (S + S.T) / 2
    values, vectors = np.linalg.eigh(S)
    if not values[0] > 1e-12 * max(values[-1], 0.0) or not values[-1] > 0:
        raise ValueError(f"{name} must have full column rank; got a rank-deficient factor.")
    return (vectors * values**power) @ vectors.T
