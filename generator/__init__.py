"""Inclusion Handbook: good-practice records in, handbook, checklists and training out.

The data flow follows the package layout::

    load -> validate -> catalog -> outputs -> pages -> site
"""

from __future__ import annotations

__version__ = "0.1.0"
