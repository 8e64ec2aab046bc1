"""Inclusion Handbook: good-practice records in, handbook, checklists and training out.

The data flow follows the package layout::

    load -> validate -> catalog -> outputs -> site

with ``commands`` (the ``handbook`` command line) on top; ``model`` (what a record may hold),
``text`` (what record text may contain), ``addresses`` (where every page goes) and
``problems`` serve every stage.
"""

from __future__ import annotations

__version__ = "0.1.0"
