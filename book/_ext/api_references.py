"""Sphinx extension: accept references to NumPy and SciPy types on the API page.

The API page (book/api.md) is generated from the docstrings of `cossim`, whose
return types name `numpy.ndarray` and scipy's sparse arrays.  Those classes are
documented on NumPy's and SciPy's own sites, which intersphinx would have to
download at build time; the book builds offline, so instead these targets are
declared known here, and the nitpicky build (-n) still reports every other
broken reference.  (A YAML list in _config.yml cannot do this: Sphinx compares
`nitpick_ignore` entries as tuples.)
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

EXTERNAL_CLASSES = ("numpy.ndarray", "scipy.sparse.csr_array", "scipy.sparse._csr.csr_array")


def add_external_classes(app: Sphinx, config: Config) -> None:
    config.nitpick_ignore = list(config.nitpick_ignore) + [("py:class", name) for name in EXTERNAL_CLASSES]


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("config-inited", add_external_classes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
