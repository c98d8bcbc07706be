"""The paper's formulas for the three cosine similarities under a rescaling D."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import binary_data
from cossim import cosine_similarity, fit_objective1, rescale
from cossim.rescaled_cosine import item_item_cosine, omega_items, user_item_cosine, user_user_cosine

magnitudes = st.floats(-1.0, 1.0).map(lambda e: 10.0**e)


@given(seed=st.integers(0, 10_000), k=st.integers(1, 8), data=st.data())
def test_formulas_equal_cosine_of_the_rescaled_embeddings(seed, k, data):
    X = binary_data(seed)
    model = fit_objective1(X, k, 2.0)
    d = np.array(data.draw(st.lists(magnitudes, min_size=k, max_size=k)))
    rescaled = rescale(model, d)
    users, items = rescaled.user_embeddings(X), rescaled.B
    # Both sides are cosines of the same vectors, computed in different orders:
    # agreement to a few ulps times the condition of d (≤ 100²), so 1e-10.
    np.testing.assert_allclose(item_item_cosine(model, d), cosine_similarity(items), atol=1e-10)
    np.testing.assert_allclose(user_user_cosine(model, X, d), cosine_similarity(users), atol=1e-10)
    np.testing.assert_allclose(user_item_cosine(model, X, d), cosine_similarity(users, items), atol=1e-10)


def test_user_item_cosine_depends_on_d_only_through_the_item_normaliser(X_small):
    model = fit_objective1(X_small, 4, 2.0)
    d = np.array([1.0, 3.0, 0.2, 5.0])
    ratio = user_item_cosine(model, X_small, d) / user_item_cosine(model, X_small, np.ones(4))
    # For each user u and item i: Ω_A(D)_u Ω_B(D)_i / (Ω_A(I)_u Ω_B(I)_i), so the
    # ratio matrix has rank one and its item factor is the ratio of item normalisers.
    item_factor = omega_items(model, d) / omega_items(model, np.ones(4))
    np.testing.assert_allclose(ratio / ratio[:, :1], np.tile(item_factor / item_factor[0], (40, 1)), rtol=1e-10)


def test_bad_d_is_rejected(X_small):
    model = fit_objective1(X_small, 3, 2.0)
    with pytest.raises(ValueError, match=r"d must have no zero entry"):
        item_item_cosine(model, np.array([1.0, 0.0, 1.0]))
    with pytest.raises(ValueError, match=r"d must be a vector \(the diagonal of D\) of length k = 3"):
        user_user_cosine(model, X_small, np.ones(2))
