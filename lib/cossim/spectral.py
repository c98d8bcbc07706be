"""The singular value decomposition the book leans on, computed the fast way.

Both closed forms of the book (chapter :ref:`ch-two-objectives`) need only the
top-k singular values σ₁ ≥ … ≥ σ_k of the data X and the matching right
singular vectors V_k.  Because X has many more rows (users) than columns
(items), we take them from the p × p Gram matrix G = XᵀX = V Σ² Vᵀ: its
eigenvalues are σᵢ² and its eigenvectors are the columns of V.  For the
paper's sizes this is an order of magnitude faster than ``np.linalg.svd``.  The
price is accuracy on small singular values: rounding of G leaves an absolute
error of about eps·σ₁² on every eigenvalue, so σ_i comes out with a relative
error of about eps·(σ₁/σ_i)².  For the book's data (σ₁/σ₅₀ < 100) that is
below 1e-11 for every one of the top k; for a spectrum that falls further,
use ``method="lanczos"``, which works on X itself.

Singular vectors are defined only up to sign.  To make every printed number
identical on every machine we fix the sign: in each column of V the entry of
largest absolute value is positive (the first such entry if several tie).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.linalg
import scipy.sparse as sp
import scipy.sparse.linalg

from ._blas import single_threaded_blas
from ._threads import threads_available, worker_pool
from ._validation import check_array, check_data_matrix, check_rank, check_scalar


@dataclass(frozen=True)
class TopSingular:
    """The top-k singular values and right singular vectors of X.

    Attributes
    ----------
    sigma
        Singular values σ₁ ≥ … ≥ σ_k ≥ 0, shape (k,).
    V
        Right singular vectors as orthonormal columns, shape (p, k), with the
        sign convention of this module.
    """

    sigma: np.ndarray
    V: np.ndarray


#: Rows per block in :func:`gram_matrix`: bounds memory (one dense block of X per thread).
GRAM_BLOCK_ROWS = 8192


def gram_matrix(X: np.ndarray | sp.sparray | sp.spmatrix) -> np.ndarray:
    """The p × p Gram matrix G = XᵀX as a dense float64 array.

    ``X`` may be dense or scipy.sparse; both go through the same code, so they
    give bit-identical results.  Rows are processed in dense blocks of
    ``GRAM_BLOCK_ROWS`` with BLAS, which is far faster than a sparse product
    (about 0.2 s instead of 19 s at the paper's size, 20,000 × 1,000 with a
    third of the entries nonzero).

    For integer-valued data, such as 0/1 feedback, each block is multiplied in
    float32 when that is exact (:func:`_integer_gram`): all products and
    partial sums are integers below 2²⁴, which float32 represents exactly in
    any summation order.  The result is then exact, and twice as fast as
    float64.

    Memory: one dense block of X (GRAM_BLOCK_ROWS × p) per thread, plus G.

    Returns
    -------
    numpy.ndarray
        G, p × p.
    """
    return _gram_matrix(check_data_matrix(X))


def _gram_matrix(X: np.ndarray | sp.csr_array) -> np.ndarray:
    """G = XᵀX for checked data (dense float64 or canonical CSR)."""
    n, p = X.shape
    if _exact_in_float32(X.data if sp.issparse(X) else X):
        return _integer_gram(X)
    G = np.zeros((p, p))
    for start in range(0, n, GRAM_BLOCK_ROWS):
        block = _dense_rows(X, start, min(n, start + GRAM_BLOCK_ROWS), np.float64)
        G += block.T @ block
    return G


def _exact_in_float32(values: np.ndarray, chunk: int = 1 << 16) -> bool:
    """Whether every block product of :func:`gram_matrix` is exact in float32.

    True for integer values with GRAM_BLOCK_ROWS · (largest |value|)² < 2²⁴,
    which bounds every partial sum of a block's Gram matrix.  The integer
    test goes through a small reused buffer, chunk by chunk, instead of
    rounding all values into a fresh array.
    """
    values = values.reshape(-1)
    if values.size == 0:
        return True
    largest = max(float(values.max()), -float(values.min()))
    if not GRAM_BLOCK_ROWS * largest**2 < 2**24:
        return False
    rounded = np.empty(min(chunk, values.size))
    for start in range(0, values.size, chunk):
        part = values[start : start + chunk]
        if not np.array_equal(part, np.round(part, out=rounded[: part.size])):
            return False
    return True


def _integer_gram(X: np.ndarray | sp.csr_array) -> np.ndarray:
    """XᵀX from float32 block products, for data where :func:`_exact_in_float32` holds; exact.

    With more than one block of rows, each of two threads takes half of the
    rows, fills one reused dense float32 block at a time and adds blockᵀ·block
    (a single-threaded BLAS call) to its own float64 sum; the two sums are
    added at the end.  Two independent halves keep both cores busy even when
    another process takes a share of them, where BLAS's own two threads,
    which wait for each other at every step, ran twice slower than one on a
    loaded two-core machine.  All sums are exact integers, so G does not
    depend on the blocks, their order or the threads.
    """
    n = X.shape[0]
    if n <= GRAM_BLOCK_ROWS or not threads_available():
        return _gram_of_rows(X, 0, n)
    with single_threaded_blas(), worker_pool(2) as pool:
        first, second = pool.map(lambda rows: _gram_of_rows(X, *rows), [(0, n // 2), (n // 2, n)])
    return first + second


def _gram_of_rows(X: np.ndarray | sp.csr_array, start: int, stop: int) -> np.ndarray:
    """Σ blockᵀ·block over rows start … stop − 1 of X: float32 products, one reused block, float64 sum."""
    p = X.shape[1]
    buffer = np.empty((min(GRAM_BLOCK_ROWS, stop - start), p), dtype=np.float32)
    G = np.zeros((p, p))
    for low in range(start, stop, GRAM_BLOCK_ROWS):
        block = _dense_rows(X, low, min(stop, low + GRAM_BLOCK_ROWS), np.float32, out=buffer)
        G += block.T @ block
    return G


def _dense_rows(
    X: np.ndarray | sp.csr_array, start: int, stop: int, dtype: type, out: np.ndarray | None = None
) -> np.ndarray:
    """Rows start … stop − 1 of X as a dense array of the given dtype (in the leading rows of ``out``, if given).

    For CSR input the rows become a CSR array of that dtype sharing X's index
    arrays, which scipy expands in compiled code (``toarray``), about four
    times faster than a NumPy scatter; ``check_data_matrix`` has already
    summed duplicates.  Writing into a reused ``out`` also spares the cost of
    touching freshly mapped memory.
    """
    target = None if out is None else out[: stop - start]
    if not sp.issparse(X):
        if target is None:
            return X[start:stop].astype(dtype, copy=False)
        np.copyto(target, X[start:stop])
        return target
    low, high = X.indptr[start], X.indptr[stop]
    rows = sp.csr_array(
        (X.data[low:high].astype(dtype, copy=False), X.indices[low:high], X.indptr[start : stop + 1] - low),
        shape=(stop - start, X.shape[1]),
    )
    return rows.toarray(out=target)


def fix_signs(V: np.ndarray) -> np.ndarray:
    """Flip columns of ``V`` so that each column's largest-magnitude entry is positive.

    This is the sign convention of the whole book; it makes singular vectors,
    and everything computed from them, identical across machines.

    Returns
    -------
    numpy.ndarray
        A copy of ``V`` with some columns negated.
    """
    V = check_array(V, "V")
    if V.shape[0] == 0:
        return V.copy()
    return V * column_signs(V)


def column_signs(V: np.ndarray) -> np.ndarray:
    """±1 per column of ``V``: the sign of its largest-magnitude entry (+1 for a zero column).

    The flips :func:`fix_signs` applies; a pair of singular-vector matrices
    (U, V) is made canonical by multiplying both by ``column_signs(U)``.

    Returns
    -------
    numpy.ndarray
        Shape (columns of V,), entries ±1.
    """
    pivot = np.argmax(np.abs(V), axis=0)
    signs = np.sign(V[pivot, np.arange(V.shape[1])])
    signs[signs == 0] = 1.0
    return signs


def _from_eigenpairs(eigenvalues: np.ndarray, eigenvectors: np.ndarray) -> TopSingular:
    """Singular triplets from eigenpairs of XᵀX: decreasing order, noise floor, sign convention.

    Eigenvalues below p·eps·σ₁² cannot be told from zero in rounded arithmetic
    and are set to exactly 0.
    """
    p = eigenvectors.shape[0]
    order = np.argsort(eigenvalues)[::-1]
    eigenvalues = eigenvalues[order]
    noise_floor = p * np.finfo(np.float64).eps * max(float(eigenvalues[0]), 0.0)
    sigma = np.sqrt(np.where(eigenvalues > noise_floor, eigenvalues, 0.0))
    return TopSingular(sigma=sigma, V=fix_signs(eigenvectors[:, order]))


def top_singular_from_gram(G: np.ndarray, k: int) -> TopSingular:
    """Top-k singular values and right singular vectors from G = XᵀX.

    Uses a symmetric eigensolver restricted to the k largest eigenvalues
    (``scipy.linalg.eigh`` with ``subset_by_index``), so the cost falls when
    k is much smaller than p.

    Rounding in G leaves an absolute error of about p·eps·σ₁² on every
    eigenvalue, so eigenvalues below that level cannot be told from zero:
    they are set to exactly 0 (the tolerance of ``numpy.linalg.matrix_rank``,
    applied to G).  Their singular vectors are still an orthonormal basis of
    the numerical null space, but any one of them is arbitrary.

    Parameters
    ----------
    G
        A symmetric positive semi-definite p × p matrix, normally XᵀX.
    k
        Number of singular triplets, 1 ≤ k ≤ p.

    Returns
    -------
    TopSingular
        ``sigma`` (k,) in decreasing order and ``V`` (p, k).
    """
    G = check_array(G, "G", square=True, what="matrix")
    return _top_singular_from_gram(G, check_rank(k, G.shape[0]))


def _top_singular_from_gram(G: np.ndarray, k: int) -> TopSingular:
    p = G.shape[0]
    eigenvalues, eigenvectors = scipy.linalg.eigh(
        G, subset_by_index=[p - k, p - 1], driver="evx"
    )
    return _from_eigenpairs(eigenvalues, eigenvectors)


#: Above this many items, ``top_singular(method="auto")`` avoids the dense p × p Gram matrix.
DENSE_GRAM_MAX_ITEMS = 4000


def top_singular_lanczos(X: np.ndarray | sp.sparray | sp.spmatrix, k: int) -> TopSingular:
    """Top-k singular triplets by Lanczos iteration on the implicit operator v ↦ Xᵀ(Xv).

    For many items the dense Gram matrix (p² numbers) and its eigendecomposition
    (O(p³)) become the bottleneck.  This path never forms XᵀX: each Lanczos step
    costs two sparse products, O(nnz(X)), and memory stays O(nnz + pk).  The
    start vector is fixed (all ones), so the result is deterministic.  Requires
    k < p.

    Returns
    -------
    TopSingular
        ``sigma`` (k,) in decreasing order and ``V`` (p, k).
    """
    X = check_data_matrix(X)
    p = X.shape[1]
    return _top_singular_lanczos(X, check_rank(k, p - 1, label=f"p − 1 = {p - 1} (use method='gram' for k = p)"))


def _top_singular_lanczos(X: np.ndarray | sp.csr_array, k: int) -> TopSingular:
    p = X.shape[1]
    XT = X.T.tocsr() if sp.issparse(X) else X.T
    gram = scipy.sparse.linalg.LinearOperator((p, p), matvec=lambda v: XT @ (X @ v), dtype=np.float64)
    eigenvalues, eigenvectors = scipy.sparse.linalg.eigsh(gram, k=k, which="LM", v0=np.ones(p), tol=0)
    return _from_eigenpairs(eigenvalues, eigenvectors)


Method = Literal["auto", "gram", "lanczos"]


def top_singular(X: np.ndarray | sp.sparray | sp.spmatrix, k: int, *, method: Method = "auto") -> TopSingular:
    """Top-k singular values σ and right singular vectors V_k of the data X.

    This is the truncated SVD X ≈ U_k Σ_k V_kᵀ of the book's chapter
    :ref:`ch-linear-models`.

    Parameters
    ----------
    X
        Data matrix, n users × p items, dense or scipy.sparse.
    k
        Number of singular triplets, 1 ≤ k ≤ p (k < p for ``"lanczos"``).
    method
        ``"gram"``: eigendecomposition of the dense Gram matrix XᵀX
        (:func:`top_singular_from_gram`), fast while p is moderate.
        ``"lanczos"``: Lanczos iteration on v ↦ Xᵀ(Xv)
        (:func:`top_singular_lanczos`), which never forms XᵀX and is accurate
        on small singular values.  ``"auto"`` (default): ``"gram"`` up to
        ``DENSE_GRAM_MAX_ITEMS`` items or when k = p, ``"lanczos"`` beyond.

    Returns
    -------
    TopSingular
        ``sigma`` (k,) in decreasing order and ``V`` (p, k).
    """
    X = check_data_matrix(X)
    p = X.shape[1]
    check_scalar(method, "method", choices=("auto", "gram", "lanczos"))
    if method == "auto":
        method = "lanczos" if p > DENSE_GRAM_MAX_ITEMS and check_rank(k, p) < p else "gram"
    if method == "lanczos":
        return _top_singular_lanczos(X, check_rank(k, p - 1, label=f"p − 1 = {p - 1} (use method='gram' for k = p)"))
    return _top_singular_from_gram(_gram_matrix(X), check_rank(k, p))


def left_singular_vectors(X: np.ndarray | sp.sparray | sp.spmatrix, svd: TopSingular) -> np.ndarray:
    """The left singular vectors U_k = X V_k Σ_k⁻¹ that match ``svd``.

    Columns whose singular value is zero have no defined left vector; they
    are returned as zeros.

    Returns
    -------
    numpy.ndarray
        U_k, n × k.
    """
    X = check_data_matrix(X)
    if svd.V.shape[0] != X.shape[1]:
        check_array(svd.V, "svd.V", shape=(X.shape[1], None), dims=("p", "k"))
    XV = np.asarray(X @ svd.V)
    inverse = np.divide(1.0, svd.sigma, out=np.zeros_like(svd.sigma), where=svd.sigma > 0)
    return XV * inverse
