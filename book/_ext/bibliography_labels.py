"""Sphinx extension: bibliography labels that read like the citations in the text.

The book cites author–year (``bibtex_reference_style: author_year``), so the
text says "Steck et al., 2024", but pybtex's ``plain`` style labels the entries
of the bibliography [1], [2], …, and a reader cannot match the two.  This
registers the pybtex style ``plain_author_year``: ``plain`` formatting with
labels built as sphinxcontrib-bibtex builds author–year citations (one author:
"Steck, 2020"; two: "Levy and Goldberg, 2014"; more: "Steck et al., 2024").
Two works with the same label are told apart by a letter, 2013a and 2013b,
in the order of the bibliography.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pybtex.database import Entry
from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from sphinx.application import Sphinx


def author_year_label(entry: Entry) -> str:
    """The author–year label of one entry: surnames (or "et al.") and the year."""
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    surnames = [" ".join(person.last_names).replace("{", "").replace("}", "") for person in persons]
    if not surnames:
        who = entry.key
    elif len(surnames) == 1:
        who = surnames[0]
    elif len(surnames) == 2:
        who = f"{surnames[0]} and {surnames[1]}"
    else:
        who = f"{surnames[0]} et al."
    return f"{who}, {entry.fields.get('year', 'n.d.')}"


class AuthorYearLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        """Author–year labels; works that share one get a, b, … ("Mikolov et al., 2013a")."""
        entries = list(sorted_entries)
        labels = [author_year_label(entry) for entry in entries]
        seen: dict[str, int] = {}
        for label in labels:
            if labels.count(label) > 1:
                seen[label] = seen.get(label, 0) + 1
                yield label + "abcdefghijklmnopqrstuvwxyz"[seen[label] - 1]
            else:
                yield label


class PlainAuthorYear(PlainStyle):
    default_label_style = AuthorYearLabels


def setup(app: Sphinx) -> dict[str, object]:
    register_plugin("pybtex.style.formatting", "plain_author_year", PlainAuthorYear)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
