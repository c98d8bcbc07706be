"""The exercises' self-checks accept right answers and explain wrong ones."""

from __future__ import annotations

import numpy as np
import pytest

from cossim import cosine_similarity, fit_objective1, top_singular
from cossim import selfcheck
from cossim.metrics import neighbour_precision, same_cluster_auc


def stub(*args):
    raise NotImplementedError


def correct_svd(X, k):
    values, vectors = np.linalg.eigh(X.T @ X)
    return np.sqrt(np.clip(values[::-1][:k], 0, None)), vectors[:, ::-1][:, :k]


def correct_word_vectors(M, k, e):
    U, s, _ = np.linalg.svd(M, full_matrices=False)
    return U[:, :k] * s[:k] ** e


def objective1_minimum(sigma, k, lam):
    return np.sum(lam * sigma[:k] ** 2 / (sigma[:k] ** 2 + lam)) + np.sum(sigma[k:] ** 2)


def pair_probability(w, i, j):
    total = w.sum()
    return w[i] / total * w[j] / (total - w[i]) + w[j] / total * w[i] / (total - w[j])


def _procrustes(E, F):
    P, _, Rt = np.linalg.svd(E.T @ F)
    return P @ Rt


CASES = {
    "check_cosine_similarity": (lambda E, F: cosine_similarity(E, F), lambda E, F: E @ F.T, "that is the dot product"),
    "check_truncated_svd": (correct_svd, lambda X, k: (correct_svd(X, k)[0] ** 2, correct_svd(X, k)[1]),
                            "take their square roots"),
    "check_objective1_minimum": (objective1_minimum, lambda s, k, lam: objective1_minimum(s[:k], k, lam),
                                 "not fitted at all"),
    "check_user_user_cosine": (lambda P, d: cosine_similarity(P * d), lambda P, d: cosine_similarity(P / d),
                               "multiply by d"),
    "check_identity_rescaling": (lambda s, lam: np.sqrt(s**2 / (s**2 + lam)), lambda s, lam: np.sqrt((s**2 + lam) / s**2),
                                 "it gives raw user–user cosine"),
    "check_objective2_rise": (lambda s, lam, d: lam * np.sum(np.clip(s - lam, 0, None) * (d**2 + d**-2 - 2)),
                              lambda s, lam, d: lam * np.sum((s - lam) * (d**2 + d**-2 - 2)), "take the positive part"),
    "check_pair_probability": (pair_probability, lambda w, i, j: w[i] / w.sum() * w[j] / (w.sum() - w[i]),
                               "j, then i"),
    "check_auc": (same_cluster_auc, lambda S, c: 0.5, "use only the pairs i < j"),
    "check_neighbour_precision": (neighbour_precision, lambda S, c, m: float(np.mean(
        c[np.argsort(-S, axis=1, kind="stable")[:, :m]] == c[:, None])), "exclude the diagonal"),
    "check_active_dimensions": (lambda s, lam: int(np.sum(s > lam)), lambda s, lam: int(np.sum(s >= lam)),
                                "it is off"),
    "check_unit_rows": (lambda B: B / np.linalg.norm(B, axis=1, keepdims=True),
                        lambda B: B / np.linalg.norm(B, axis=0, keepdims=True), "you normalised the columns"),
    "check_users_in_item_space": (lambda X, A, B: cosine_similarity(X @ A @ B.T),
                                  lambda X, A, B: cosine_similarity(X @ A), "that is cosine in the embedding space"),
    "check_column_standardise": (lambda X: (X - X.mean(axis=0)) / X.std(axis=0),
                                 lambda X: (X - X.mean(axis=0)) / X.std(axis=0, ddof=1), "ddof=0"),
    "check_least_weight_decay": (lambda A, B: 2 * np.linalg.norm(A @ B.T, "nuc"),
                                 lambda A, B: np.sum(A**2) + np.sum(B**2), "the penalty at the split you were given"),
    "check_procrustes": (lambda E, F: _procrustes(E, F), lambda E, F: _procrustes(E, F).T, "transpose"),
    "check_matching_rescaling": (lambda s, l1, l2: 3.0 * np.sqrt(s**2 / (s**2 + l1) / (s - l2)),
                                 lambda s, l1, l2: s**-0.5, "√(1/σ)"),
    "check_word_vectors": (lambda M, k, e: correct_word_vectors(M, k, e),
                           lambda M, k, e: correct_word_vectors(M, k, 1.0 - e), "U_k"),
}


@pytest.mark.parametrize("check", sorted(CASES))
def test_right_answers_pass(check, capsys):
    assert getattr(selfcheck, check)(CASES[check][0]) is None
    output = capsys.readouterr().out
    assert output.startswith("✓ ") and output.count("\n") == 1


@pytest.mark.parametrize("check", sorted(CASES))
def test_typical_mistakes_get_their_hint(check, capsys):
    assert getattr(selfcheck, check)(CASES[check][1]) is None
    output = capsys.readouterr().out
    assert output.startswith("✗ ") and CASES[check][2] in output


@pytest.mark.parametrize("check", sorted(CASES))
def test_stubs_and_crashes_are_reported_not_raised(check, capsys):
    getattr(selfcheck, check)(stub)
    output = capsys.readouterr().out
    assert output.startswith("✗ ") and "not implemented yet" in output

    def crash(*args):
        return 1 / 0

    getattr(selfcheck, check)(crash)
    output = capsys.readouterr().out
    assert output.startswith("✗ ") and "your function raised ZeroDivisionError" in output


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda A, B: np.linalg.norm(A @ B.T, "nuc"), "each contributes"),
        (lambda A, B: 2 * np.linalg.norm(A @ B.T), "not the square root"),
        (lambda A, B: 2 * np.sum(np.linalg.svd(A @ B.T, compute_uv=False) ** 2), "not Σ²"),
        (lambda A, B: 0.0, "np.linalg.svd"),
    ],
)
def test_least_weight_decay_names_each_slip(wrong, hint, capsys):
    selfcheck.check_least_weight_decay(wrong)
    output = capsys.readouterr().out
    assert output.startswith("✗ ") and hint in output
