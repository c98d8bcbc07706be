"""The Figure 1 pipeline."""

from __future__ import annotations

import numpy as np
import pytest

from cossim import cosine_similarity, fit_objective1, fit_objective2, rescale
from cossim.experiment import OBJECTIVE2, PANEL_TITLES, TRUTH, figure1_panels, score_panels
from cossim.rescalings import shrinkage_power, sigma_power
from cossim.simulation import simulate


@pytest.fixture(scope="module")
def small_run():
    sim = simulate(n=1500, p=60, C=3, seed=2)
    return sim, figure1_panels(sim, k=8, lam1=500.0, lam2=20.0)


def test_panels_are_the_documented_similarities(small_run):
    sim, run = small_run
    assert tuple(run.panels) == tuple(PANEL_TITLES) == (TRUTH, "g_half", "g_minus_half", "sigma_minus_half", OBJECTIVE2)
    assert list(run.titled_panels)[1] == "objective 1, D = dMat(g)^½"
    m1 = fit_objective1(sim.X, 8, 500.0)
    expected = {
        "g_half": cosine_similarity(rescale(m1, shrinkage_power(m1, 0.5)).B),
        "g_minus_half": cosine_similarity(rescale(m1, shrinkage_power(m1, -0.5)).B),
        "sigma_minus_half": cosine_similarity(rescale(m1, sigma_power(m1, -0.5)).B),
        OBJECTIVE2: cosine_similarity(fit_objective2(sim.X, 8, 20.0).B, zero_rows="zero"),
    }
    for name, S in expected.items():
        np.testing.assert_allclose(run.panels[name], S, atol=1e-12)
    np.testing.assert_array_equal(run.panels[TRUTH], sim.same_cluster.astype(float))


def test_truth_scores_perfectly_and_scores_are_probabilities(small_run):
    sim, run = small_run
    scores = score_panels(run.panels, sim.item_cluster)
    # The truth ranks every same-cluster item first; an item in a cluster of
    # size s has only s − 1 same-cluster neighbours to fill its top 10.
    sizes = np.bincount(sim.item_cluster)[sim.item_cluster]
    assert scores[TRUTH].auc == 1.0
    assert scores[TRUTH].precision == pytest.approx(np.mean(np.minimum(sizes - 1, 10) / 10))
    for values in scores.values():
        assert 0.0 <= values.auc <= 1.0 and 0.0 <= values.precision <= 1.0


def test_bad_arguments(small_run):
    sim, _ = small_run
    with pytest.raises(ValueError, match=r"k must be an integer between 1 and p = 60; got 61"):
        figure1_panels(sim, k=61)
    with pytest.raises(ValueError, match=r"lam2 must be a finite number > 0; got 0.0"):
        figure1_panels(sim, k=5, lam2=0.0)


def test_rescaling_sensitivity_is_consistent_with_the_panels(small_run):
    from cossim.experiment import item_cosine_auc, rescaling_sensitivity
    from cossim.metrics import same_cluster_auc
    from cossim.rescalings import sigma_power

    sim, run = small_run
    result = rescaling_sensitivity(sim, alphas=(-1.0, 0.0, 1.0), k=8, lam1=500.0, lam2=20.0)
    assert result.panel_auc["g_half"] == same_cluster_auc(run.panels["g_half"], sim.item_cluster)
    model = run.objective1
    expected = [item_cosine_auc(rescale(model, sigma_power(model, a)).B, sim.item_cluster) for a in (-1, 0, 1)]
    np.testing.assert_allclose(result.family_auc, expected, atol=1e-12)
    assert result.family_range == pytest.approx(max(expected) - min(expected))
    assert result.active_dimensions == int(np.sum(run.svd.sigma > 20.0))
