"""/help, the staff welcome and the command menu show each role every command it may use, and only those.

What a role may use is found without the table in bot/commands.py: every command some router registers
(the staff router's only for staff, the admin router's only for admins), less those the bot refuses
to this role when asked. Each one shown is asked, and must be answered.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiogram import Router
from aiogram.filters import Command

from bot.emulator import Emulator
from bot.factory import Overrides
from bot.middlewares.throttling import FloodControl
from bot.outgoing import OutgoingLimiter
from bot.views.invites import cannot_invite_text
from bot.views.report import coordinators_only_text
from bot.views.staff import not_allowed_text, staff_only_text
from db.repositories import Repositories
from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.chat import pick_language
from tests.support.org_tree import DISTRICT, REGION, SCHOOL, add_tree

PARENT, PSY, SOCIAL, DISTRICT_COORD, REGION_COORD, DEPUTY = 9101, 9102, 9103, 9104, 9105, 9106

# who, the role an invitation gives (None: a parent; the admin is one by ADMIN_IDS), where
ROLES = {
    "parent": (PARENT, None, None),
    "psychologist": (PSY, "psychologist", SCHOOL),
    "social_pedagogue": (SOCIAL, "social_pedagogue", SCHOOL),
    # A deputy director brings in the school's psychologists; they themselves invite no one.
    "deputy_director": (DEPUTY, "deputy_director", SCHOOL),
    "district_coordinator": (DISTRICT_COORD, "coordinator", DISTRICT),
    "region_coordinator": (REGION_COORD, "coordinator", REGION),
    "admin": (ADMIN_ID, None, None),
}


def _commands(router: Router) -> set[str]:
    found: set[str] = set()
    for handler in router.message.handlers:
        for flt in handler.filters or ():
            if isinstance(flt.callback, Command):
                found.update(c for c in flt.callback.commands if isinstance(c, str))
    return found


def registered(root: Router) -> dict[str, set[str]]:
    """The commands of the public routers, of the staff router's features and of the admin router."""
    kinds: dict[str, set[str]] = {"public": set(), "staff": set(), "admin": set()}

    def walk(router: Router, kind: str) -> None:
        if router.name == "handlers.access.refusals":
            return  # it answers staff commands only to refuse them
        if router.name == "handlers.access":
            kind = "staff"
        elif router.name == "handlers.admin":
            kind = "admin"
        kinds[kind] |= _commands(router)
        for sub in router.sub_routers:
            walk(sub, kind)

    walk(root, "public")
    return kinds


def listed(text: str) -> set[str]:
    """The commands a help text lists: each line that starts with one, aliases after a comma included."""
    names: set[str] = set()
    for line in text.splitlines():
        if not line.startswith("/"):
            continue
        head = line.split(" — ")[0]
        names.update(part.split()[0].lstrip("/") for part in head.split(", "))
    return names


def _texts(messages: list[dict[str, Any]]) -> list[str]:
    return [m.get("text") or m.get("caption") or "[file]" for m in messages]


async def ask(app: RunningApp, user: Any, command: str) -> list[str]:
    """What the bot answers to a bare command: its first message, and any that follow at once."""
    await user.send(f"/{command}")
    first = await user.next_message()
    await app.idle()
    return _texts([first, *user.drain()])


async def _invite(app: RunningApp, user: Any, role: str, scope: str) -> str:
    token = f"staff_help{user.id}"
    now = datetime.now(UTC)
    async with app.dp["sessionmaker"]() as session:
        await Repositories(session).staff.create_invite(
            token.removeprefix("staff_"), role, scope, ADMIN_ID, now, now + timedelta(days=1)
        )
        await session.commit()
    await user.send(f"/start {token}")
    return (await user.next_message())["text"]


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    # Some sixty commands one after another: Telegram's per-chat pace, at twenty times the speed, kept by the
    # emulator and (a little below it) the bot's limiter alike.
    # Flood control would take them for a flood.
    overrides = Overrides(flood=FloodControl(limit=10_000))
    limiter = OutgoingLimiter(chat_rate=16)
    async with running_app(
        database_url, overrides, emulator=Emulator(chat_rate=20), limiter=limiter
    ) as running:
        yield running


@pytest.mark.parametrize("locale", ["kk", "ru"])
@pytest.mark.parametrize("who", list(ROLES))
async def test_help_welcome_and_menu_list_every_command_of_the_role(
    app: RunningApp, who: str, locale: str
) -> None:
    user_id, role, scope = ROLES[who]
    await add_tree(app.dp["sessionmaker"])
    user = app.emu.user(user_id, language_code=locale)
    await pick_language(user, locale)
    welcome = await _invite(app, user, role, scope) if role and scope else None

    kinds = registered(app.dp)
    candidates = set(kinds["public"])
    if role or who == "admin":
        candidates |= kinds["staff"]
    if who == "admin":
        candidates |= kinds["admin"]
    with app.dp["i18n"].context():
        unknown = app.dp["i18n"].gettext("I don't know this command.", locale=locale)
        refusals = (
            staff_only_text(locale),
            coordinators_only_text(locale),
            not_allowed_text(locale),
            cannot_invite_text(locale),
            unknown,
        )
    answers: dict[str, list[str]] = {}
    for command in sorted(candidates):
        answers[command] = await ask(app, user, command)
        if role or who == "admin":
            await ask(app, user, "cancel")  # whatever flow it opened
    refused = {c for c, texts in answers.items() if any(t.startswith(refusals) for t in texts)}
    may_use = candidates - refused

    help_text, *_ = await ask(app, user, "help")
    assert listed(help_text) == may_use

    # The role's own blocks lead the welcome, in the chosen language; the whole list is the same as /help's.
    if welcome is not None:
        assert listed(welcome) == may_use
        staff_heading = "Мектеп қызметкерлеріне" if locale == "kk" else "Для сотрудников школы"
        assert welcome.index(staff_heading) < welcome.index("/helplines")
    # The menu: the same commands bar the one that needs a number (/measure N) and /menu (/start's twin).
    menu = {c["command"] for c in app.emu.visible_commands(user_id, language_code=locale)}
    assert menu == may_use - {"measure", "menu"}
    if role == "coordinator" or who == "admin":
        assert "report" in may_use
    else:
        assert "report" not in may_use
    assert ("post" in may_use) == (who != "parent")
    assert ("status" in may_use) == (who == "admin")
    assert app.emu.rejections == []
