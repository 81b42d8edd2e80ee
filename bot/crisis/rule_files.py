"""The crisis rules as one mapping, read from the files of content/crisis_rules/ and the fitted n-gram net.

common.yaml, ru.yaml (the ``russian`` section) and kk.yaml (``kazakh``) hold the words and the rules; a
topic's own file (situations.yaml) adds to them, so that a situation's words and rules are read in one place.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.content.base import read_yaml


def read_rule_files(folder: Path) -> dict[str, Any]:
    """Every YAML file of the folder, in name order: rules of all of them, their sections merged."""
    data: dict[str, Any] = {"rules": []}
    for path in sorted(folder.glob("*.yaml")):
        part: Any = read_yaml(path) or {}
        data["rules"].extend(part.pop("rules", None) or ())
        for name, value in part.items():
            if name == "version" or name not in data:
                data[name] = value
            else:
                _merge(data[name], value, f"{path.name}: {name}")
    ngrams = folder / "ngrams.json"
    if ngrams.exists():
        data["ngrams"] = json.loads(ngrams.read_text(encoding="utf-8"))
    return data


def _merge(into: Any, more: Any, where: str) -> None:
    """Mappings merge and a concept's words extend; any other section said again (a list of common.yaml
    such as score_vetoes or first_rules, a word for a list) is an error: no file replaces another's."""
    if not (isinstance(into, dict) and isinstance(more, dict)):
        raise ValueError(f"{where} is defined twice")
    for key, value in more.items():
        if key not in into:
            into[key] = value
        elif isinstance(into[key], list) and isinstance(value, list):
            into[key].extend(w for w in value if w not in into[key])
        else:
            _merge(into[key], value, f"{where}.{key}")
