"""The rules every organisation obeys, whether it comes from content/orgs/ or from an admin's CSV file."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain.enums import AREA_KINDS, INSTITUTION_KINDS, OrgKind

KINDS = tuple(OrgKind)
# The kinds a node of each kind may hold; None is the top of the tree.
CHILD_KINDS: Mapping[str | None, frozenset[str]] = {
    None: frozenset({OrgKind.REGION}),
    OrgKind.REGION: frozenset({OrgKind.DISTRICT, OrgKind.CITY}),
    OrgKind.DISTRICT: INSTITUTION_KINDS,
    OrgKind.CITY: INSTITUTION_KINDS,
}
# The code travels in `/start school_<code>` and in callback data, so it stays short and plain.
CODE_MAX = 24
CODE_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,22}[a-z0-9])?$")
NAME_MAX = 200  # the column width in db/models.py

assert frozenset(KINDS) == AREA_KINDS | INSTITUTION_KINDS


@dataclass(frozen=True, slots=True)
class OrgNode:
    code: str
    kind: str
    parent_code: str | None
    name_kk: str
    name_ru: str


@dataclass(frozen=True, slots=True)
class Placed:
    """How an organisation already stands in the database: its kind and parent cannot change."""

    kind: str
    parent_code: str | None


class OrgTreeError(ValueError):
    """The tree is invalid; each problem is one line naming where it is."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def _parents_of(kind: str) -> str:
    allowed = sorted(parent for parent, kinds in CHILD_KINDS.items() if parent and kind in kinds)
    return " or ".join(allowed)


# A tag, a lone angle bracket or an HTML entity: names are shown escaped, so these would appear literally
# (or, before escaping, broke every screen with "can't parse entities"). A bare «&» is a fine name.
MARKUP = re.compile(r"<[^<>]*>|[<>]|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def _node_problems(node: OrgNode) -> list[str]:
    problems = []
    if not CODE_PATTERN.match(node.code):
        problems.append(
            f"code {node.code!r} is not valid: use 1-{CODE_MAX} lowercase latin letters, digits and '-' "
            "('-' not at either end)"
        )
    if node.kind not in KINDS:
        problems.append(f"kind {node.kind!r} is unknown: use one of {', '.join(KINDS)}")
    for field in ("name_kk", "name_ru"):
        name = getattr(node, field)
        if not name.strip():
            problems.append(f"{field} is empty")
        elif len(name) > NAME_MAX:
            problems.append(f"{field} is longer than {NAME_MAX} characters")
        elif markup := MARKUP.search(name):
            problems.append(f"{field} has markup ({markup.group()!r}): organisation names are plain text")
    return problems


def _parent_problems(
    node: OrgNode, seen: Mapping[str, tuple[str, str]], existing: Mapping[str, Placed]
) -> list[str]:
    if node.kind not in KINDS:
        return []
    if node.kind == OrgKind.REGION:
        if node.parent_code:
            return [f"a region has no parent, but parent_code is {node.parent_code!r}"]
        return []
    if not node.parent_code:
        return [f"a {node.kind} needs a parent_code (a {_parents_of(node.kind)})"]
    if node.parent_code in seen:
        parent_kind = seen[node.parent_code][0]
    elif node.parent_code in existing:
        parent_kind = existing[node.parent_code].kind
    else:
        return [f"parent_code {node.parent_code!r} is unknown: not in the database nor earlier in the file"]
    if node.kind not in CHILD_KINDS.get(parent_kind, frozenset()):
        return [
            f"a {node.kind} cannot be under the {parent_kind} {node.parent_code!r}: "
            f"it belongs under a {_parents_of(node.kind)}"
        ]
    return []


def tree_problems(
    nodes: Sequence[tuple[str, OrgNode]], existing: Mapping[str, Placed] | None = None
) -> list[str]:
    """Every problem of an ordered list of (label, node): a parent must come before its children or already
    be in `existing` (the database), codes are unique, and a code already stored keeps its kind and parent.
    Each problem is one line per faulty node, starting with its label (a file and code, or a CSV row)."""
    existing = existing or {}
    problems: list[str] = []
    seen: dict[str, tuple[str, str]] = {}  # code -> (kind, label of its first occurrence)
    for label, node in nodes:
        own = _node_problems(node)
        if node.code in seen:
            own.append(f"code {node.code!r} appears twice (first at {seen[node.code][1]})")
        own += _parent_problems(node, seen, existing)
        stored = existing.get(node.code)
        if stored is not None and (stored.kind, stored.parent_code) != (node.kind, node.parent_code):
            where = f"under {stored.parent_code!r}" if stored.parent_code else "at the top"
            own.append(
                f"code {node.code!r} already exists as a {stored.kind} {where}; "
                "its kind and parent cannot change"
            )
        if own:
            problems.append(f"{label}: {'; '.join(own)}")
        seen.setdefault(node.code, (node.kind, label))
    return problems
