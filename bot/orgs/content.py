"""Reads content/orgs/*.yaml: each file holds one region, its districts and cities and their organisations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from bot.content import CONTENT_DIR
from bot.content.base import Strict, read_yaml
from bot.orgs.tree import OrgNode, OrgTreeError, tree_problems

ORGS_DIR = CONTENT_DIR / "orgs"


class OrgEntry(Strict):
    """One node as written in the file; the nesting gives each child its parent."""

    code: str
    kind: str
    name_kk: str
    name_ru: str
    children: tuple[OrgEntry, ...] = ()


def _flatten(entry: OrgEntry, parent_code: str | None) -> Iterator[OrgNode]:
    # Depth-first, parent before children: the order rows must be inserted in.
    yield OrgNode(entry.code, entry.kind, parent_code, entry.name_kk.strip(), entry.name_ru.strip())
    for child in entry.children:
        yield from _flatten(child, entry.code)


def _read_file(path: Path) -> list[OrgNode]:
    try:
        entry = OrgEntry.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise OrgTreeError(
            [
                f"{path.name}: {'.'.join(str(part) for part in error['loc']) or 'top'}: {error['msg']}"
                for error in exc.errors()
            ]
        ) from None
    return list(_flatten(entry, None))


def load_org_tree(directory: Path = ORGS_DIR) -> list[OrgNode]:
    """Every organisation of every file, parents first; raises OrgTreeError naming each problem."""
    labelled: list[tuple[str, OrgNode]] = []
    problems: list[str] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            labelled += [(f"{path.name}: {node.code}", node) for node in _read_file(path)]
        except OrgTreeError as exc:
            problems += exc.problems
    problems += tree_problems(labelled)
    if problems:
        raise OrgTreeError(problems)
    return [node for _, node in labelled]
