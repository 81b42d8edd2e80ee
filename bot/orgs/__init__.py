"""Organisations: region -> district or city -> school, kindergarten or college; from content/ and CSV."""

from bot.orgs.content import ORGS_DIR, load_org_tree
from bot.orgs.csv_import import ImportReport, import_csv
from bot.orgs.sync import OrgChanges, sync_organisations
from bot.orgs.tree import KINDS, OrgNode, OrgTreeError, tree_problems

__all__ = [
    "KINDS",
    "ORGS_DIR",
    "ImportReport",
    "OrgChanges",
    "OrgNode",
    "OrgTreeError",
    "import_csv",
    "load_org_tree",
    "sync_organisations",
    "tree_problems",
]
