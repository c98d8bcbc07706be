"""Sphinx extension for the student edition: delete every exercise solution.

sphinx-exercise can collapse solutions into drop-downs, but its own
``hide_solutions`` option crashes on gated solutions ({solution-start} …
{solution-end}, upstream issue executablebooks/sphinx-exercise#89) and would
leave their code cells in the page.  This transform runs right after
sphinx-exercise has merged each gated solution into one solution node
(priority 10), and removes every solution node from the document, with all its
content: text, code cells and outputs.  Nothing of a solution reaches the HTML.

It also sets the Sphinx tag ``student``, so that text which is true of one
edition only is written ``{only} student`` or ``{only} not student`` (the
student notebooks resolve the same blocks: tools/student_edition.py).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx_exercise.nodes import solution_end_node, solution_node, solution_start_node


class RemoveSolutions(SphinxTransform):
    """Remove solution nodes (plain and merged gated ones) from every document."""

    default_priority = 11  # just after sphinx_exercise.transforms.MergeGatedSolutions (10)

    def apply(self) -> None:
        for node_type in (solution_node, solution_start_node, solution_end_node):
            for node in list(self.document.findall(node_type)):
                node.parent.remove(node)


def setup(app: Sphinx) -> dict[str, object]:
    app.setup_extension("sphinx_exercise")
    app.add_transform(RemoveSolutions)
    app.tags.add("student")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
