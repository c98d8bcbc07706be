"""The truncated SVD through the Gram matrix, and its sign convention."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given
from hypothesis import strategies as st

from helpers import binary_data
from cossim.spectral import fix_signs, gram_matrix, left_singular_vectors, top_singular

seeds = st.integers(0, 2**32 - 1)


@given(seed=seeds, n=st.integers(5, 60), p=st.integers(1, 12))
def test_gram_matrix_is_exact_and_identical_for_dense_and_sparse_binary_data(seed, n, p):
    rng = np.random.default_rng(seed)
    X = (rng.random((n, p)) < 0.4).astype(float)
    G_dense = gram_matrix(X)
    G_sparse = gram_matrix(sp.csr_array(X))
    # 0/1 data: co-occurrence counts are small integers, exact in float64.
    assert np.array_equal(G_dense, G_sparse)
    assert np.array_equal(G_dense, (X.astype(np.int64).T @ X.astype(np.int64)).astype(float))


@given(seed=seeds)
def test_top_singular_matches_numpy_svd(seed):
    X = binary_data(seed % 10_000, n=50, p=10)
    _, s_ref, Vt_ref = np.linalg.svd(X, full_matrices=False)
    svd = top_singular(X, 10)
    # Singular values: the Gram route squares them, so the relative error of
    # σ_i is about eps·(σ₁/σ_i)²; with σ₁/σ_min < 100 here, 1e-10 is safe.
    assert s_ref[0] / s_ref[-1] < 100
    np.testing.assert_allclose(svd.sigma, s_ref, rtol=1e-10)
    # Vectors agree once numpy's are given the same sign convention; the
    # error is about eps·σ₁²/gap, and random data has gaps ≫ 1e-3·σ₁².
    gaps = np.abs(np.diff(s_ref**2)).min() / s_ref[0] ** 2
    assert gaps > 1e-6
    np.testing.assert_allclose(svd.V, fix_signs(Vt_ref.T), atol=1e-8)


def test_singular_vectors_are_orthonormal_and_reconstruct(X_small):
    p = X_small.shape[1]
    svd = top_singular(X_small, p)
    np.testing.assert_allclose(svd.V.T @ svd.V, np.eye(p), atol=1e-13)
    U = left_singular_vectors(X_small, svd)
    np.testing.assert_allclose(U.T @ U, np.eye(p), atol=1e-10)
    np.testing.assert_allclose(U * svd.sigma @ svd.V.T, X_small, atol=1e-10)


def test_truncation_keeps_the_largest_values_in_decreasing_order(X_small):
    full = top_singular(X_small, 8)
    top3 = top_singular(X_small, 3)
    assert np.all(np.diff(full.sigma) <= 0)
    np.testing.assert_allclose(top3.sigma, full.sigma[:3], rtol=1e-12)
    np.testing.assert_allclose(top3.V, full.V[:, :3], atol=1e-10)


@given(seed=seeds, p=st.integers(1, 9), k=st.integers(1, 9))
def test_fix_signs_makes_the_largest_entry_positive_and_is_idempotent(seed, p, k):
    V = np.random.default_rng(seed).normal(size=(p, k))
    fixed = fix_signs(V)
    pivot = np.argmax(np.abs(fixed), axis=0)
    assert np.all(fixed[pivot, np.arange(k)] > 0)
    assert np.array_equal(fix_signs(fixed), fixed)
    assert np.array_equal(fix_signs(-V), fixed)


def test_sign_convention_is_independent_of_the_input_sign(X_small):
    assert np.array_equal(top_singular(X_small, 4).V, top_singular(X_small, 4).V)
    G = gram_matrix(X_small)
    w, Q = np.linalg.eigh(G)
    assert np.allclose(np.abs(fix_signs(Q[:, ::-1][:, :4])), np.abs(top_singular(X_small, 4).V), atol=1e-10)


def test_zero_singular_values_are_clipped_not_nan():
    X = np.array([[1.0, 1.0, 0.0], [1.0, 1.0, 0.0]])  # rank 1, an empty item
    svd = top_singular(X, 3)
    assert np.all(np.isfinite(svd.sigma))
    np.testing.assert_allclose(svd.sigma, [2.0, 0.0, 0.0], atol=1e-7)
    U = left_singular_vectors(X, svd)
    assert np.all(U[:, 1:] == 0)


@pytest.mark.parametrize(
    ("X", "k", "message"),
    [
        (np.ones(4), 1, r"X must be a 2-D matrix"),
        (np.ones((3, 0)), 1, r"X must have at least one row and one column"),
        (np.array([[1.0, np.nan]]), 1, r"X must hold only finite numbers"),
        (np.array([[1.0, np.inf]]), 1, r"X must hold only finite numbers"),
        (np.ones((3, 2)), 0, r"k must be an integer between 1 and p = 2; got 0"),
        (np.ones((3, 2)), 3, r"k must be an integer between 1 and p = 2; got 3"),
        (np.ones((3, 2)), 1.5, r"k must be an integer between 1 and p = 2; got 1.5"),
        (np.ones((3, 2)), True, r"k must be an integer"),
        ([["a", "b"]], 1, r"X must be a numeric matrix"),
    ],
)
def test_bad_input_names_the_argument(X, k, message):
    with pytest.raises(ValueError, match=message):
        top_singular(X, k)


@pytest.mark.parametrize("k", [1, 5, 11])
def test_lanczos_path_agrees_with_the_gram_path(k):
    from cossim.spectral import top_singular_from_gram, top_singular_lanczos

    X = binary_data(3, n=300, p=12, density=0.3)
    dense, lanczos = top_singular_from_gram(gram_matrix(X), k), top_singular_lanczos(sp.csr_array(X), k)
    # Both solve the same symmetric eigenproblem to machine precision; vectors
    # agree to eps·σ₁²/gap, and the gaps of this data exceed 1e-3·σ₁².
    np.testing.assert_allclose(lanczos.sigma, dense.sigma, rtol=1e-10)
    np.testing.assert_allclose(lanczos.V, dense.V, atol=1e-8)


def test_the_method_keyword_chooses_the_algorithm(monkeypatch):
    import cossim.spectral as spectral

    X = sp.csr_array(binary_data(4, n=200, p=30))
    reference = top_singular(X, 4)
    lanczos = top_singular(X, 4, method="lanczos")
    np.testing.assert_allclose(lanczos.sigma, reference.sigma, rtol=1e-10)
    np.testing.assert_allclose(np.abs(lanczos.V.T @ reference.V), np.eye(4), atol=1e-8)
    # "auto" takes the Gram route up to DENSE_GRAM_MAX_ITEMS items and Lanczos beyond
    calls = []
    original = spectral._top_singular_lanczos
    monkeypatch.setattr(spectral, "_top_singular_lanczos", lambda *a: calls.append(1) or original(*a))
    spectral.top_singular(X, 4)
    assert calls == []
    monkeypatch.setattr(spectral, "DENSE_GRAM_MAX_ITEMS", 10)
    switched = spectral.top_singular(X, 4)
    assert calls == [1]
    np.testing.assert_allclose(switched.sigma, reference.sigma, rtol=1e-10)
    with pytest.raises(ValueError, match=r"method must be one of 'auto', 'gram', 'lanczos'; got 'svd'"):
        top_singular(X, 4, method="svd")


def test_lanczos_rejects_full_rank():
    from cossim.spectral import top_singular_lanczos

    with pytest.raises(ValueError, match=r"k must be an integer between 1 and p − 1 = 7 \(use method='gram' for k = p\); got 8"):
        top_singular_lanczos(binary_data(0), 8)


def test_gram_matrix_sums_duplicate_sparse_entries():
    # A COO matrix may list an entry twice; it means the sum of the two values.
    rows, cols, data = [0, 0, 1], [1, 1, 0], [1.0, 2.0, 4.0]
    X = sp.coo_array((data, (rows, cols)), shape=(2, 2))
    np.testing.assert_array_equal(gram_matrix(X), gram_matrix(X.toarray()))


@given(seed=seeds, n=st.integers(1, 40), p=st.integers(1, 9))
def test_gram_matrix_of_real_data_is_close_for_dense_and_sparse(seed, n, p):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) * (rng.random((n, p)) < 0.5)
    np.testing.assert_allclose(gram_matrix(sp.csr_array(X)), X.T @ X, atol=1e-12 * max(1.0, np.abs(X).max() ** 2 * n))


def test_gram_matrix_does_not_depend_on_the_block_size(monkeypatch):
    import cossim.spectral as spectral

    X = sp.csr_array(binary_data(9, n=50, p=7))
    reference = gram_matrix(X)
    monkeypatch.setattr(spectral, "GRAM_BLOCK_ROWS", 3)
    np.testing.assert_array_equal(spectral.gram_matrix(X), reference)
