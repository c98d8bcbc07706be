"""Self-checks for the book's exercises: write a function, get an answer at once.

Each ``check_*`` function takes the function a student wrote in the notebook,
runs it on several inputs, compares the results with the library's reference
implementation, and prints one line: ``✓`` if it is right, or ``✗`` with a
hint that points at the most likely mistake.  No grading server is needed,
and the printed lines are deterministic.  The checks return nothing, so a
notebook cell that calls one shows only that line.

A stub that still raises ``NotImplementedError`` gets a friendly reminder
rather than a traceback, so a notebook with unsolved exercises still runs top
to bottom.

``ANSWERED_BY`` names, for every check, the library functions whose code would
answer it: a chapter must not show their listings above its self-check
(tests/test_selfcheck_listings.py), or the exercise would test copying.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .metrics import neighbour_precision, same_cluster_auc
from .models import fit_objective1, rescale, shrinkage_objective2
from .objectives import objective1
from .rescalings import shrinkage_power
from .similarity import cosine_similarity
from .simulation import simulate
from .spectral import fix_signs, top_singular

_TOLERANCE = 1e-8


def _report(ok: bool, name: str, hint: str = "") -> None:
    print(f"✓ {name}: correct." if ok else f"✗ {name}: not yet. Hint: {hint}")


def _call(name: str, candidate: Callable, *args):
    """Call the student's function; turn the usual failures into a printed hint."""
    try:
        return True, candidate(*args)
    except NotImplementedError:
        print(f"✗ {name}: not implemented yet. Replace `raise NotImplementedError` with your code and run again.")
    except Exception as error:  # the student's code may fail in any way; report it, do not crash
        print(f"✗ {name}: your function raised {type(error).__name__}: {error}")
    return False, None


def _close(result, expected, tolerance: float = _TOLERANCE) -> bool:
    try:
        result = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        return
    return result.shape == np.shape(expected) and bool(np.allclose(result, expected, atol=tolerance, rtol=0))


def _random_embeddings(seed: int, rows: int, k: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(rows, k))


def check_cosine_similarity(candidate: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> None:
    """Chapter :ref:`ch-embeddings`: ``candidate(E, F)`` must return the cosine similarities between the rows of E and F."""
    name = "cosine similarity"
    cases = [(_random_embeddings(s, 4 + s, 3), _random_embeddings(s + 10, 6, 3)) for s in range(3)]
    for E, F in cases:
        ran, result = _call(name, candidate, E, F)
        if not ran:
            return
        expected = cosine_similarity(E, F)
        if not _close(result, expected):
            if _close(result, E @ F.T):
                return _report(False, name, "that is the dot product; divide by the lengths of the two rows.")
            if _close(result, (E @ F.T) / np.linalg.norm(E) / np.linalg.norm(F)):
                return _report(False, name, "normalise each row separately (np.linalg.norm(..., axis=1)), "
                               "not the whole matrix.")
            return _report(False, name, f"expected shape {expected.shape} with entries in [−1, 1]; compare your "
                           "result with E @ F.T divided by the outer product of the row lengths.")
    return _report(True, name)


def check_truncated_svd(candidate: Callable[[np.ndarray, int], tuple[np.ndarray, np.ndarray]]) -> None:
    """Chapter :ref:`ch-linear-models`: ``candidate(X, k)`` must return (sigma, V_k) from the eigendecomposition of XᵀX."""
    name = "truncated SVD through the Gram matrix"
    X = simulate(n=300, p=12, C=3, seed=5).X.toarray()
    for k in (1, 4, 12):
        ran, result = _call(name, candidate, X, k)
        if not ran:
            return
        reference = top_singular(X, k)
        try:
            sigma, V = (np.asarray(part, dtype=float) for part in result)
        except (TypeError, ValueError):
            return _report(False, name, "return a pair (sigma, V): a vector of k values and a p × k matrix.")
        if not _close(sigma, reference.sigma, 1e-6):
            if _close(sigma, reference.sigma**2, 1e-6):
                return _report(False, name, "the eigenvalues of XᵀX are σᵢ², take their square roots.")
            if _close(sigma, np.sort(reference.sigma), 1e-6):
                return _report(False, name, "np.linalg.eigh returns eigenvalues in increasing order; reverse them.")
            return _report(False, name, f"sigma should hold the {k} largest singular values, largest first.")
        if V.shape != reference.V.shape:
            return _report(False, name, f"V should have shape {reference.V.shape} (one column per singular value).")
        if not _close(fix_signs(V), reference.V, 1e-6):
            return _report(False, name, "the columns of V should be the eigenvectors matching sigma, in the same order.")
    return _report(True, name)


def check_objective1_minimum(candidate: Callable[[np.ndarray, int, float], float]) -> None:
    """Chapter :ref:`ch-two-objectives`: ``candidate(sigma, k, lam)`` must return the minimum value of objective 1.

    ``sigma`` holds every singular value of X (largest first); the minimum is
    Σ_{i≤k} λσᵢ²/(σᵢ² + λ) + Σ_{i>k} σᵢ², checked against objective 1 evaluated
    at the fitted closed form.
    """
    name = "minimum of objective 1"
    X = simulate(n=300, p=12, C=3, seed=6).X.toarray()
    sigma = top_singular(X, 12).sigma
    for k, lam in ((3, 20.0), (12, 5.0), (5, 400.0)):
        ran, result = _call(name, candidate, sigma.copy(), k, lam)
        if not ran:
            return
        model = fit_objective1(X, k, lam)
        expected = objective1(X, model.A, model.B, lam)
        top, tail = sigma[:k] ** 2, sigma[k:] ** 2
        g = top / (top + lam)
        mistakes = [
            (np.sum(lam * top / (top + lam)), "the directions beyond k are not fitted at all: each adds its whole "
             "σᵢ² to the reconstruction error."),
            (np.sum(top * (1 - g) ** 2) + np.sum(tail), "you have the reconstruction error only; add the penalty "
             "λ‖ÂB̂ᵀ‖² = λ Σ gᵢ²."),
            (np.sum(lam * sigma[:k] / (sigma[:k] + lam)) + np.sum(tail), "gᵢ = σᵢ²/(σᵢ² + λ) uses squared "
             "singular values, and so does the minimum."),
        ]
        if not _close(result, expected, 1e-9 * expected):
            for value, hint in mistakes:
                if _close(result, value, 1e-9 * expected):
                    return _report(False, name, hint)
            return _report(False, name, "write X − XŴ and Ŵ in the basis V: direction i ≤ k contributes "
                           "σᵢ²(1 − gᵢ)² + λgᵢ², then simplify.")
    return _report(True, name)


def check_user_user_cosine(candidate: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> None:
    """Chapter :ref:`ch-hidden-d`: ``candidate(P, d)`` must return Ω_A(D) P D² Pᵀ Ω_A(D), the cosine of the rows of P D."""
    name = "user–user cosine under D"
    for seed in range(3):
        P = _random_embeddings(seed, 7, 4)
        d = np.exp(np.random.default_rng(seed + 5).normal(size=4))
        ran, result = _call(name, candidate, P, d)
        if not ran:
            return
        if not _close(result, cosine_similarity(P * d)):
            if _close(result, cosine_similarity(P / d)):
                return _report(False, name, "users are rescaled by D, items by D⁻¹: multiply by d.")
            if _close(result, (P * d**2) @ P.T):
                return _report(False, name, "P D² Pᵀ still needs the normalisers Ω_A(D) on both sides.")
            if _close(result, cosine_similarity(P)):
                return _report(False, name, "your result does not depend on d; apply the rescaling first.")
            return _report(False, name, "multiply each column j of P by d_j, then take cosine similarities of the rows.")
    return _report(True, name)


def check_identity_rescaling(candidate: Callable[[np.ndarray, float], np.ndarray]) -> None:
    """Chapter :ref:`ch-full-rank`: ``candidate(sigma, lam)`` must return a d that makes full-rank item–item cosine the identity."""
    name = "the rescaling that makes item–item cosine the identity"
    X = simulate(n=400, p=10, C=2, seed=7).X
    model = fit_objective1(X, 10, 30.0)
    ran, d = _call(name, candidate, model.sigma, 30.0)
    if not ran:
        return
    try:
        items = rescale(model, np.asarray(d, dtype=float)).B
    except ValueError as error:
        return _report(False, name, f"d must be a vector of 10 nonzero numbers ({error})")
    if _close(cosine_similarity(items), np.eye(10), 1e-8):
        return _report(True, name)
    if _close(np.abs(np.asarray(d, dtype=float)), shrinkage_power(model, -0.5), 1e-8):
        return _report(False, name, "that is D = dMat(g)^(−1/2); it gives raw user–user cosine, not identity item cosine.")
    return _report(False, name, "the item vectors are rows of V dMat(g)^(1/2) D⁻¹; choose D to cancel dMat(g)^(1/2).")


def check_objective2_rise(candidate: Callable[[np.ndarray, float, np.ndarray], float]) -> None:
    """Chapter :ref:`ch-objective2-unique`: ``candidate(sigma, lam, d)`` must return λ Σ cᵢ (dᵢ² + dᵢ⁻² − 2) with cᵢ = (σᵢ − λ)₊."""
    name = "rise of objective 2 under D"
    sigma = np.array([50.0, 20.0, 8.0, 3.0])
    for lam, d in ((5.0, np.array([2.0, 0.5, 1.0, 3.0])), (10.0, np.array([1.5, 1.5, 0.2, 0.7]))):
        ran, result = _call(name, candidate, sigma, lam, d)
        if not ran:
            return
        c = np.clip(sigma - lam, 0, None)
        expected = lam * np.sum(c * (d**2 + d**-2 - 2))
        if not _close(result, expected, 1e-8 * abs(expected)):
            if _close(result, lam * np.sum((sigma - lam) * (d**2 + d**-2 - 2)), 1e-8 * abs(expected)):
                return _report(False, name, "switched-off dimensions (σᵢ ≤ λ) have cᵢ = 0: take the positive part.")
            if _close(result, np.sum(c * (d**2 + d**-2 - 2)), 1e-8 * abs(expected)):
                return _report(False, name, "the penalty is multiplied by λ.")
            return _report(False, name, "cᵢ = (σᵢ − λ)₊ is the squared length of column i of both X Â and B̂.")
    return _report(True, name)


def _two_draw_probability(w: np.ndarray, i: int, j: int) -> float:
    """P(the first two successive draws ∝ w, without replacement, are i and j in either order), by enumeration."""
    total = w.sum()
    return sum(
        w[first] / total * w[second] / (total - w[first])
        for first in range(len(w))
        for second in range(len(w))
        if first != second and {first, second} == {i, j}
    )


def check_pair_probability(candidate: Callable[[np.ndarray, int, int], float]) -> None:
    """Chapter :ref:`ch-figure1`: ``candidate(w, i, j)`` must return the probability that a user who draws two
    items (successively ∝ w, without replacement) gets exactly the items i and j."""
    name = "probability of a pair of items"
    cases = [(np.array([1.0, 2.0, 3.0, 4.0]), 0, 3), (np.array([5.0, 1.0, 1.0]), 1, 0), (np.array([0.5, 0.2, 0.3]), 2, 1)]
    for w, i, j in cases:
        ran, result = _call(name, candidate, w.copy(), i, j)
        if not ran:
            return
        expected = _two_draw_probability(w, i, j)
        total = w.sum()
        if not _close(result, expected, 1e-12):
            if _close(result, w[i] / total * w[j] / (total - w[i]), 1e-12):
                return _report(False, name, "that is i first, then j; the pair can also be drawn as j, then i.")
            if _close(result, 2 * w[i] * w[j] / total**2, 1e-12):
                return _report(False, name, "that is drawing with replacement; after the first draw the second is "
                               "∝ w over the items left, so divide by the total weight minus the first item's.")
            return _report(False, name, "add the two orders: w_i/W · w_j/(W − w_i) for i first, and the same with i "
                           "and j swapped (W is the total weight).")
    return _report(True, name)


def check_auc(candidate: Callable[[np.ndarray, np.ndarray], float]) -> None:
    """Chapter :ref:`ch-measuring`: ``candidate(S, clusters)`` must return the same-cluster AUC (ties count one half)."""
    name = "same-cluster AUC"
    rng = np.random.default_rng(1)
    labels = np.array([0, 0, 0, 1, 1, 2, 2, 2])
    for levels in (1000, 3):
        raw = rng.integers(0, levels, size=(8, 8)).astype(float)
        S = raw + raw.T
        ran, result = _call(name, candidate, S, labels)
        if not ran:
            return
        if not _close(result, same_cluster_auc(S, labels), 1e-12):
            if levels == 3:
                return _report(False, name, "with ties, a tied positive–negative comparison counts one half.")
            return _report(False, name, "use only the pairs i < j (no diagonal, no pair twice), positive when the "
                           "labels agree, and count how often a positive pair beats a negative one.")
    return _report(True, name)


def check_neighbour_precision(candidate: Callable[[np.ndarray, np.ndarray, int], float]) -> None:
    """Chapter :ref:`ch-robustness`: ``candidate(S, clusters, m)`` must return the mean neighbour ``precision@m``."""
    name = "neighbour precision"
    rng = np.random.default_rng(2)
    labels = rng.integers(0, 3, size=15)
    S = rng.normal(size=(15, 15))
    S = S + S.T
    for m in (1, 5):
        ran, result = _call(name, candidate, S, labels, m)
        if not ran:
            return
        if not _close(result, neighbour_precision(S, labels, m), 1e-12):
            with_self = np.mean(labels[np.argsort(-S, axis=1, kind="stable")[:, :m]] == labels[:, None])
            if _close(result, with_self, 1e-12):
                return _report(False, name, "an item is not its own neighbour: exclude the diagonal.")
            return _report(False, name, "for each item take the m largest entries of its row (other items only) and "
                           "count the share in its cluster; then average over items.")
    return _report(True, name)


def check_active_dimensions(candidate: Callable[[np.ndarray, float], int]) -> None:
    """Chapter :ref:`ch-readings`: ``candidate(sigma, lam)`` must return how many dimensions objective 2 keeps."""
    name = "active dimensions of objective 2"
    sigma = np.array([120.0, 60.0, 30.0, 30.0, 10.0])
    for lam in (5.0, 30.0, 59.0, 200.0):
        ran, result = _call(name, candidate, sigma, lam)
        if not ran:
            return
        expected = int(np.sum(shrinkage_objective2(sigma, lam) > 0))
        if result != expected:
            if result == int(np.sum(sigma >= lam)):
                return _report(False, name, "a dimension with σᵢ = λ keeps (1 − λ/σᵢ)₊ = 0 of itself: it is off.")
            return _report(False, name, "dimension i survives exactly when σᵢ > λ.")
    return _report(True, name)


def check_unit_rows(candidate: Callable[[np.ndarray], np.ndarray]) -> None:
    """Chapter :ref:`ch-train-cosine`: ``candidate(B)`` must scale every row of B to unit length (the normalisation step)."""
    name = "normalising the rows"
    for seed in range(3):
        B = _random_embeddings(seed, 6, 3) * np.random.default_rng(seed).uniform(0.1, 10.0, size=(6, 1))
        ran, result = _call(name, candidate, B)
        if not ran:
            return
        expected = B / np.linalg.norm(B, axis=1, keepdims=True)
        if not _close(result, expected):
            if _close(result, B / np.linalg.norm(B, axis=0, keepdims=True)):
                return _report(False, name, "you normalised the columns; each row (embedding) needs length 1: axis=1.")
            if _close(result, B / np.linalg.norm(B)):
                return _report(False, name, "divide each row by its own length, not the whole matrix by one number.")
            return _report(False, name, "divide each row b by its Euclidean length ‖b‖.")
    return _report(True, name)


def check_users_in_item_space(candidate: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]) -> None:
    """Chapter :ref:`ch-item-space`: ``candidate(X, A, B)`` must return the cosine similarities of the rows of X A Bᵀ."""
    name = "user–user cosine in item space"
    X = simulate(n=40, p=12, C=2, seed=8).X.toarray()
    model = fit_objective1(X, 4, 10.0)
    for d in (np.ones(4), np.array([3.0, 0.5, 2.0, 0.1])):
        rescaled = rescale(model, d)
        ran, result = _call(name, candidate, X, rescaled.A, rescaled.B)
        if not ran:
            return
        if not _close(result, cosine_similarity(X @ model.A @ model.B.T)):
            if _close(result, cosine_similarity(X @ rescaled.A)):
                return _report(False, name, "that is cosine in the embedding space (rows of X A); map the users into "
                               "item space first: X A Bᵀ.")
            return _report(False, name, "compute the predictions X A Bᵀ, one row per user, then the cosines of the rows.")
    return _report(True, name)


def check_column_standardise(candidate: Callable[[np.ndarray], np.ndarray]) -> None:
    """Chapter :ref:`ch-debias`: ``candidate(X)`` must return (X − column means) / column standard deviations."""
    name = "column standardisation"
    X = simulate(n=60, p=8, C=2, seed=9).X.toarray()
    ran, result = _call(name, candidate, X)
    if not ran:
        return
    expected = (X - X.mean(axis=0)) / X.std(axis=0)
    if _close(result, expected):
        return _report(True, name)
    if _close(result, (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)):
        return _report(False, name, "use the population standard deviation (np.std with ddof=0).")
    if _close(result, X / X.std(axis=0)):
        return _report(False, name, "subtract each column's mean before dividing.")
    if _close(result, (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)):
        return _report(False, name, "standardise columns (items, axis=0), not rows (users).")
    return _report(False, name, "each column should end with mean 0 and standard deviation 1.")


def check_word_vectors(candidate: Callable[[np.ndarray, int, float], np.ndarray]) -> None:
    """Chapter :ref:`ch-beyond-linear`: ``candidate(M, k, e)`` must return the word vectors U_k Σ_k^e of the top-k SVD of M."""
    from .word_vectors import svd_word_vectors

    name = "word vectors with eigenvalue weighting"
    M = np.random.default_rng(4).random((9, 7))
    for exponent in (0.0, 0.5, 1.0):
        ran, result = _call(name, candidate, M, 3, exponent)
        if not ran:
            return
        words, _ = svd_word_vectors(M, 3, exponent)
        try:
            ok = _close(cosine_similarity(np.asarray(result, dtype=float)), cosine_similarity(words), 1e-8)
        except ValueError:
            ok = False
        if not ok:
            if exponent == 0.0:
                return _report(False, name, "with e = 0 the word vectors are the left singular vectors U_k themselves.")
            return _report(False, name, "take U_k and multiply column i by σᵢ to the power e (U_k · dMat(σ)^e).")
    return _report(True, name)


def check_matching_rescaling(candidate: Callable[[np.ndarray, float, float], np.ndarray]) -> None:
    """Chapter :ref:`ch-real-films`: ``candidate(sigma, lam1, lam2)`` must return the d with B̂₁D⁻¹ = B̂₂.

    B̂₁ = V_k dMat(g)^{1/2} is objective 1's symmetric split at λ₁ and
    B̂₂ = V_k dMat(√(σᵢ − λ₂)) objective 2's item embeddings at λ₂ (every
    σᵢ > λ₂ here), so dᵢ = √(gᵢ / (σᵢ − λ₂)).  Any common nonzero multiple of
    that d gives the same cosine similarities and is accepted.
    """
    name = "the rescaling that turns objective 1's items into objective 2's"
    sigma = np.array([40.0, 25.0, 12.0, 9.0, 6.5])
    for lam1, lam2 in ((30.0, 2.0), (200.0, 6.0)):
        ran, d = _call(name, candidate, sigma, lam1, lam2)
        if not ran:
            return
        g = sigma**2 / (sigma**2 + lam1)
        expected = np.sqrt(g / (sigma - lam2))
        try:
            ratio = np.asarray(d, dtype=float) / expected
        except (TypeError, ValueError):
            return _report(False, name, "return a vector d with one entry per latent dimension.")
        if ratio.shape != sigma.shape or not np.all(np.isfinite(ratio)) or ratio[0] == 0:
            return _report(False, name, "return a vector d with one finite nonzero entry per latent dimension.")
        if not np.allclose(ratio, ratio[0], rtol=1e-8, atol=0):
            if _close(np.asarray(d, dtype=float) / np.asarray(d, dtype=float)[0], sigma**-0.5 / sigma[0] ** -0.5):
                return _report(False, name, "D = dMat(√(1/σ)) matches the scale of objective 2 only roughly: "
                               "put in the shrinkage factors gᵢ of objective 1 and (1 − λ₂/σᵢ) of objective 2.")
            return _report(False, name, "write both item embeddings as V_k times a diagonal matrix and "
                           "solve dMat(g)^½ D⁻¹ = dMat(√(σ − λ₂)) column by column.")
    return _report(True, name)


def check_least_weight_decay(candidate: Callable[[np.ndarray, np.ndarray], float]) -> None:
    """Chapter :ref:`ch-nonlinear`: ``candidate(A, B)`` must return min over invertible M of ‖AM‖²_F + ‖BM⁻ᵀ‖²_F.

    The minimum is reached at a balanced split, (AM)ᵀ(AM) = (BM⁻ᵀ)ᵀ(BM⁻ᵀ),
    where both factors are U Σ^½ and V Σ^½ up to a rotation (A Bᵀ = U Σ Vᵀ),
    so it equals 2 Σᵢ σᵢ, twice the nuclear norm of A Bᵀ.
    """
    name = "the least weight decay over every split of A Bᵀ"
    for seed in range(3):
        rng = np.random.default_rng(seed + 20)
        A = rng.normal(size=(6, 3)) * [3.0, 1.0, 0.2]
        B = rng.normal(size=(9, 3))
        ran, result = _call(name, candidate, A, B)
        if not ran:
            return
        sigma = np.linalg.svd(A @ B.T, compute_uv=False)
        expected = 2 * np.sum(sigma)
        if not _close(result, expected, 1e-8 * expected):
            if _close(result, np.sum(A**2) + np.sum(B**2), 1e-8 * expected):
                return _report(False, name, "that is the penalty at the split you were given; the minimum over M "
                               "is at the balanced split, and depends on A Bᵀ only.")
            if _close(result, np.sum(sigma), 1e-8 * expected):
                return _report(False, name, "at the balanced split each factor carries Σ^½, so each contributes Σᵢ σᵢ.")
            if _close(result, 2 * np.sqrt(np.sum(sigma**2)), 1e-8 * expected):
                return _report(False, name, "‖U Σ^½‖²_F is the sum of the singular values, not the square root "
                               "of the sum of their squares.")
            if _close(result, 2 * np.sum(sigma**2), 1e-8 * expected):
                return _report(False, name, "‖U Σ^½‖²_F = Σᵢ σᵢ: the square of Σ^½ is Σ, not Σ².")
            return _report(False, name, "write A Bᵀ = U Σ Vᵀ (np.linalg.svd) and evaluate the penalty at "
                           "the split (U Σ^½, V Σ^½).")
    return _report(True, name)


def check_procrustes(candidate: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> None:
    """Chapter :ref:`ch-debate`: ``candidate(E, F)`` must return the orthogonal Q minimising ‖E Q − F‖_F."""
    from .alignment import procrustes_rotation

    name = "the orthogonal Procrustes rotation"
    rng = np.random.default_rng(12)
    for rows, k in ((30, 3), (12, 5)):
        E, F = rng.normal(size=(rows, k)), rng.normal(size=(rows, k))
        ran, Q = _call(name, candidate, E, F)
        if not ran:
            return
        expected = procrustes_rotation(E, F)
        if not _close(Q, expected):
            try:
                Q = np.asarray(Q, dtype=float)
                orthogonal = Q.shape == (k, k) and _close(Q.T @ Q, np.eye(k))
            except (TypeError, ValueError):
                orthogonal = False
            if not orthogonal:
                if _close(Q, np.linalg.lstsq(E, F, rcond=None)[0]):
                    return _report(False, name, "that is the least-squares map, which need not be orthogonal; "
                                   "keep only the rotation part of an SVD.")
                return _report(False, name, "Q must be orthogonal (QᵀQ = I): build it from the singular vectors of EᵀF.")
            if _close(Q, expected.T):
                return _report(False, name, "that is the transpose: with EᵀF = P Σ Rᵀ, take Q = P Rᵀ.")
            return _report(False, name, "take the SVD of EᵀF = P Σ Rᵀ and return P Rᵀ.")
    return _report(True, name)


# The library functions whose code answers each check (see the module docstring).
ANSWERED_BY: dict[str, tuple[str, ...]] = {
    "check_cosine_similarity": ("cosine_similarity",),
    "check_truncated_svd": ("top_singular", "_top_singular_from_gram"),
    "check_objective1_minimum": (),  # the library computes the value only by evaluating objective 1
    "check_user_user_cosine": ("user_user_cosine",),
    "check_identity_rescaling": ("shrinkage_power",),
    "check_objective2_rise": ("objective2_rise",),
    "check_pair_probability": (),  # a probability the library never computes
    "check_auc": ("same_cluster_auc", "_pair_auc", "related_pair_auc"),
    "check_neighbour_precision": ("neighbour_precision",),
    "check_active_dimensions": ("shrinkage_objective2", "_shrinkage_objective2"),
    "check_unit_rows": ("normalise_rows", "_normalise_rows", "normalise_embeddings"),
    "check_users_in_item_space": ("item_space_users", "item_space_cosine"),
    "check_column_standardise": ("column_standardise",),
    "check_word_vectors": ("svd_word_vectors", "_svd_word_vectors"),
    "check_matching_rescaling": (),  # no library function returns this d
    "check_procrustes": ("procrustes_rotation",),
    "check_least_weight_decay": ("balancing_map",),
}
