"""The named rescalings of objective 1."""

from __future__ import annotations

import numpy as np
import pytest

from cossim import fit_objective1, rescale
from cossim.rescalings import shrinkage_power, sigma_power


def test_square_root_of_g_turns_item_embeddings_into_v(X_small):
    model = fit_objective1(X_small, 5, 3.0)
    g = model.sigma**2 / (model.sigma**2 + 3.0)
    rescaled = rescale(model, shrinkage_power(model, 0.5))
    np.testing.assert_allclose(rescaled.B, model.V, atol=1e-14)
    np.testing.assert_allclose(rescaled.A, model.V * g, atol=1e-14)


def test_inverse_square_root_of_g_moves_g_onto_the_items(X_small):
    model = fit_objective1(X_small, 5, 3.0)
    g = model.sigma**2 / (model.sigma**2 + 3.0)
    rescaled = rescale(model, shrinkage_power(model, -0.5))
    np.testing.assert_allclose(rescaled.A, model.V, atol=1e-14)
    np.testing.assert_allclose(rescaled.B, model.V * g, atol=1e-14)


def test_sigma_power(X_small):
    model = fit_objective1(X_small, 5, 3.0)
    np.testing.assert_allclose(sigma_power(model, -0.5), 1 / np.sqrt(model.sigma))


def test_negative_powers_of_a_zero_singular_value_are_rejected_by_rescale():
    X = np.array([[1.0, 1.0, 0.0], [1.0, 1.0, 0.0]])  # σ = (2, 0, 0)
    model = fit_objective1(X, 3, 1.0)
    with pytest.raises(ValueError, match=r"d must hold only finite numbers"):
        rescale(model, sigma_power(model, -0.5))
    with pytest.raises(ValueError, match=r"alpha must be a finite real number; got nan"):
        shrinkage_power(model, float("nan"))


def test_the_book_rescalings_are_defined_once_with_keys_and_labels(X_small):
    from cossim import BOOK_RESCALINGS, RESCALING_LABELS, book_rescalings, fit_objective1, shrinkage_power, sigma_power

    model = fit_objective1(X_small, 4, 2.0)
    assert [r.key for r in BOOK_RESCALINGS] == ["g_half", "g_minus_half", "sigma_minus_half"]
    assert RESCALING_LABELS == {"g_half": "D = dMat(g)^½", "g_minus_half": "D = dMat(g)^−½",
                                "sigma_minus_half": "D = dMat(√(1/σ))"}
    rescaled = book_rescalings(model)
    expected = {"g_half": shrinkage_power(model, 0.5), "g_minus_half": shrinkage_power(model, -0.5),
                "sigma_minus_half": sigma_power(model, -0.5)}
    for key, d in expected.items():
        np.testing.assert_array_equal(rescaled[key].A, model.A * d)
        np.testing.assert_array_equal(rescaled[key].B, model.B / d)
