"""A hand-made toy catalogue for the first chapter.

Six films in two genres and three users, embedded in k = 2 latent dimensions
that we can read: dimension 1 is "science fiction", dimension 2 is "romance".
The length of a film's vector plays the role of its popularity.  The numbers
are invented for teaching; nothing is fitted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ToyCatalogue:
    """Item and user embeddings with names.

    Attributes
    ----------
    item_names
        Names of the p = 6 films.
    item_genres
        Their genres.
    items
        Item embeddings, 6 × 2 (rows are films).
    user_names
        Names of the 3 users.
    users
        User embeddings, 3 × 2 (rows are users).
    """

    item_names: tuple[str, ...]
    item_genres: tuple[str, ...]
    items: np.ndarray
    user_names: tuple[str, ...]
    users: np.ndarray


def toy_films() -> ToyCatalogue:
    """The toy catalogue of chapter :ref:`ch-embeddings`: three sci-fi films, three romances, three users.

    Within each genre the films go from popular (long vector) to niche
    (short vector).
    """
    return ToyCatalogue(
        item_names=("Space Saga", "Robot Dawn", "Quiet Orbit", "Paris Letters", "Summer Vows", "Rainy Café"),
        item_genres=("sci-fi", "sci-fi", "sci-fi", "romance", "romance", "romance"),
        items=np.array([[3.0, 0.4], [1.6, 0.3], [0.7, 0.2], [0.5, 2.8], [0.3, 1.5], [0.2, 0.6]]),
        user_names=("Ana", "Ben", "Chloé"),
        users=np.array([[1.0, 0.1], [0.1, 1.0], [0.6, 0.5]]),
    )
