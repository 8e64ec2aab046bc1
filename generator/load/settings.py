"""The project's settings: the ``handbook`` plugin's options in mkdocs.yml.

The core reads them as plain YAML (MkDocs is not imported), so ``handbook validate`` and the
plugin agree on one source. Unknown Python tags in mkdocs.yml are ignored here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DEFAULT_REVIEW_AFTER_DAYS = 3 * 365


@dataclass(frozen=True)
class Settings:
    # A record whose last_reviewed is older than this is flagged as due for review.
    review_after_days: int = DEFAULT_REVIEW_AFTER_DAYS


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml as data, turning tags such as !!python/name into None."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_yml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text("utf-8"), Loader=_Lenient)  # a SafeLoader subclass
    return data if isinstance(data, dict) else {}


def read_settings(mkdocs_yml: Path) -> Settings:
    for plugin in read_mkdocs_yml(mkdocs_yml).get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("handbook"), dict):
            options = plugin["handbook"]
            days = options.get("review_after_days", DEFAULT_REVIEW_AFTER_DAYS)
            if isinstance(days, int) and days > 0:
                return Settings(review_after_days=days)
    return Settings()
