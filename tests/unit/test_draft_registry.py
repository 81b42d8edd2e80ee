"""Which states are a wizard's draft is known per dispatcher (`Drafts`, read off its routers), never by a
module-level registry filled as wizards register: two dispatchers built in one process keep their own."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from aiogram import Router
from aiogram.fsm.state import State, StatesGroup

import bot.flows.draft_note as draft_note
import bot.flows.wizard as wizard
from bot.flows.draft_note import Drafts
from bot.flows.wizard import Wizard, WizardTexts
from handlers import build_root_router

pytestmark = pytest.mark.no_database

TEXTS = WizardTexts(str, str, str)


class Alpha(StatesGroup):
    one = State()
    two = State()


class Beta(StatesGroup):
    three = State()


async def _ignore(*_: Any) -> None:
    return None


def _wizard(flow: str, command: str, *groups: type[StatesGroup]) -> Router:
    router = Router()
    Wizard(router, flow, flow, TEXTS, *groups).start(_ignore, command)
    return router


def _module_state() -> dict[str, Any]:
    """What the flow modules hold at module level that registering could change."""
    return {
        f"{module.__name__}.{name}": copy.deepcopy(value)
        for module in (draft_note, wizard)
        for name, value in vars(module).items()
        if isinstance(value, dict | list | set) and not name.startswith("__")
    }


def test_registering_a_wizard_changes_nothing_module_level() -> None:
    before = _module_state()
    _wizard("alpha", "alpha", Alpha)
    build_root_router(frozenset())
    assert _module_state() == before


def test_each_router_tree_has_its_own_drafts() -> None:
    first, second = _wizard("alpha", "alpha", Alpha), _wizard("beta", "beta", Beta)
    mine, theirs = Drafts.of(first), Drafts.of(second)
    assert mine.owner(Alpha.one.state) == ("alpha", "alpha") == mine.owner(Alpha.two.state)
    assert mine.owner(Beta.three.state) is None and mine.owner(None) is None
    assert theirs.owner(Beta.three.state) == ("beta", "beta") and theirs.owner(Alpha.one.state) is None
    # A tree of both: nested routers are read too.
    both = Router()
    both.include_routers(first, second)
    assert Drafts.of(both).owner(Beta.three.state) == ("beta", "beta") and len(Drafts.of(both)) == 3


def test_the_apps_routers_give_the_wizards_drafts() -> None:
    """Two root routers built in one process give the same drafts, each its own object."""
    one, two = Drafts.of(build_root_router(frozenset())), Drafts.of(build_root_router(frozenset()))
    assert one is not two
    assert one.owner("PostAuthoring:text_kk") == ("post", "post") == two.owner("PostAuthoring:text_kk")
    assert one.owner("EventAuthoring:topic_kk") == ("event", "event")
    assert one.owner("MaterialAuthoring:file") == ("material", "upload")
    # A reviewer's reason for a refusal is no draft.
    assert one.owner("MaterialReviewAuthoring:reason") is None
    assert one.owner("PostReviewAuthoring:reason") is None


def test_a_state_claimed_by_two_flows_fails_at_build() -> None:
    both = Router()
    both.include_routers(_wizard("alpha", "alpha", Alpha), _wizard("other", "other", Alpha))
    with pytest.raises(ValueError, match="Alpha:one"):
        Drafts.of(both)
