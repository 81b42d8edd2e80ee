"""The permission matrix (issue 16, item 15), generated from the bot itself rather than from a list.

The cells: every command of the staff router, and every typed callback class it handles, once per value of
its action field, filled with the ids of one school's real objects (a post awaiting approval, a staff role,
an event, materials, a progress update, an invitation, the school's and its district's codes). Everyone who
tries them may not act on that school:
- a parent of the school, a student (no subscription), and a coordinator whose role was revoked try every
  command and every press: each is refused politely and recorded as `refused.*`;
- a psychologist of another school and a coordinator of another district hold staff rights of their own,
  so the staff router lets them in and the handlers must refuse by the ids: they press every callback that
  names one of the school's objects or places, each is refused and recorded in the audit.
For every cell: the press is answered (no spinner), nothing new or edited appears in the presser's chat,
and none of the school's rows change. One dispatcher per kind of presser.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from aiogram import Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData, CallbackQueryFilter
from sqlalchemy import select

from bot.clock import KZ
from bot.factory import Overrides
from bot.middlewares.throttling import FloodControl
from db.models import AuditRecord, Event, Invite, Material, MeasureUpdate, Post, StaffRole
from handlers import build_root_router
from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.chat import pick_language
from tests.support.events import new_event
from tests.support.org_tree import (
    DISTRICT,
    OTHER_DISTRICT,
    SCHOOL,
    SCHOOL_2,
    add_parent,
    add_tree,
    grant,
)
from tests.support.posts import DISTRICT_NOTICE, new_post

COORD, PSY = 9101, 9102  # the school's own staff, whose objects the others try
# What only the school's objects carry: if one of these reaches a presser's chat, a press was accepted.
SCHOOL_MARKERS = (
    "Аудан бойынша хабарландыру",
    "Объявление по району",
    "Отбасы сағаты",
    "Семейный час",
    "Сабақ жоспары",
    "Өтті.",
    "Прошло.",
    "matrix-invite",
    str(COORD),
    str(PSY),
    "№ 1 мектеп",
    "Школа № 1",
)
TOKEN = "matrix-invite-0001"


def _staff_router() -> Router:
    def find(router: Router) -> Router | None:
        if router.name == "handlers.access":
            return router
        return next((found for sub in router.sub_routers if (found := find(sub)) is not None), None)

    staff = find(build_root_router(frozenset({ADMIN_ID})))
    assert staff is not None, "the staff router is gone: the matrix would test nothing"
    return staff


def _routers(router: Router) -> Iterator[Router]:
    yield router
    for sub in router.sub_routers:
        yield from _routers(sub)


def staff_commands() -> list[str]:
    found = {
        command
        for router in _routers(_staff_router())
        for handler in router.message.handlers
        for f in handler.filters or ()
        if isinstance(f.callback, Command)
        for command in f.callback.commands
        if isinstance(command, str)
    }
    return sorted(found)


def staff_callbacks() -> list[type[CallbackData]]:
    found = {
        f.callback.callback_data
        for router in _routers(_staff_router())
        for handler in router.callback_query.handlers
        for f in handler.filters or ()
        if isinstance(f.callback, CallbackQueryFilter)
    }
    return sorted(found, key=lambda cb: (cb.__prefix__, cb.__name__))


@dataclass(frozen=True)
class Target:
    """The school's objects whose ids go into the forged presses."""

    post_id: int
    role_id: int
    event_id: int
    material_id: int
    update_id: int


def _choices(annotation: Any) -> list[Any]:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return list(annotation)
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    return []


INT_FIELDS = {
    "post_id": "post_id",
    "role_id": "role_id",
    "event_id": "event_id",
    "material_id": "material_id",
    "material": "material_id",
    "update_id": "update_id",
}
STR_FIELDS = {"code": SCHOOL, "value": SCHOOL, "token": TOKEN}


def cells(cb: type[CallbackData], target: Target) -> tuple[bool, list[str]]:
    """(names one of the school's objects or places, the packed presses: one per action value)."""
    fields = cb.model_fields
    first_choice = next((name for name, f in fields.items() if _choices(f.annotation)), None)
    names_target = False
    values: dict[str, Any] = {}
    for name, field in fields.items():
        choices = _choices(field.annotation)
        if choices:
            values[name] = choices[0]
        elif field.annotation in (int, "int"):
            names_target |= name in INT_FIELDS
            values[name] = getattr(target, INT_FIELDS[name]) if name in INT_FIELDS else 0
        elif field.annotation in (str, "str"):
            names_target |= name in STR_FIELDS
            values[name] = STR_FIELDS.get(name, DISTRICT)
        else:
            values[name] = field.default
    actions = _choices(fields[first_choice].annotation) if first_choice else [None]
    packed = []
    for action in actions:
        if first_choice is not None:
            values[first_choice] = action
        data = cb(**values).pack()
        assert len(data.encode()) <= 64
        packed.append(data)
    return names_target, packed


async def _school_objects(app: RunningApp) -> Target:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, COORD, "coordinator", DISTRICT)
    await grant(sm, PSY, "psychologist", SCHOOL)
    now = datetime.now(KZ).replace(microsecond=0)
    async with sm() as s:
        post = new_post(
            author_id=COORD,
            scope_code=DISTRICT,
            text=DISTRICT_NOTICE,
            status="awaiting_approval",
            created_at=now,
        )
        event = new_event(
            organiser_id=PSY,
            scope_code=SCHOOL,
            place="Акт залы",
            starts_at=now + timedelta(days=5),
            duration_min=60,
            capacity=None,
            created_at=now,
        )
        material = Material(
            target="lesson",
            slug="body-safety",
            age_group=None,
            language="kk",
            title="Сабақ жоспары",
            kind="link",
            url="https://example.org/lesson",
            status="pending",
            proposed_by=PSY,
            org_code=SCHOOL,
            created_at=now,
        )
        update = MeasureUpdate(
            plan="krg-2023-2025",
            measure_no=1,
            org_code=SCHOOL,
            author_id=PSY,
            text_kk="Өтті.",
            text_ru="Прошло.",
            figures={},
            done_on=date.today(),
            status="done",
            public=False,
            created_at=now,
        )
        invite = Invite(
            token=TOKEN,
            role="psychologist",
            scope_code=SCHOOL,
            created_by=COORD,
            created_at=now,
            expires_at=now + timedelta(days=7),
        )
        s.add_all([post, event, material, update, invite])
        await s.flush()
        role_id = await s.scalar(select(StaffRole.id).where(StaffRole.user_id == PSY))
        assert role_id is not None
        target = Target(post.id, role_id, event.id, material.id, update.id)
        await s.commit()
    return target


async def _state(app: RunningApp) -> list[Any]:
    """Everything about the school that a press could change."""
    async with app.dp["sessionmaker"]() as s:
        return [
            (await s.execute(select(Post.id, Post.status, Post.approved_by).order_by(Post.id))).all(),
            (
                await s.execute(
                    select(StaffRole.user_id, StaffRole.role, StaffRole.scope_code, StaffRole.revoked_at)
                    .where(StaffRole.user_id.in_((COORD, PSY)))
                    .order_by(StaffRole.id)
                )
            ).all(),
            (
                await s.execute(select(Event.id, Event.status, Event.starts_at, Event.capacity, Event.place))
            ).all(),
            (await s.execute(select(Material.id, Material.status, Material.reviewed_by))).all(),
            (
                await s.execute(select(MeasureUpdate.id, MeasureUpdate.withdrawn_at, MeasureUpdate.edited_at))
            ).all(),
            (await s.execute(select(Invite.token, Invite.used_by, Invite.expires_at))).all(),
        ]


async def _audits(app: RunningApp, user_id: int) -> list[str]:
    async with app.dp["sessionmaker"]() as s:
        rows = await s.scalars(select(AuditRecord.action).where(AuditRecord.actor_id == user_id))
        return list(rows)


def _effects(app: RunningApp, user_id: int) -> list[str]:
    """Requests that put something in this person's chat (anything but a button's toast)."""
    return [
        f"{call.method} {call.params.get('text') or call.params.get('caption') or ''}"
        for call in app.emu.calls
        if str(call.params.get("chat_id")) == str(user_id) and call.method.lower() != "answercallbackquery"
    ]


PRESSERS = {
    # name: (user id, language, how they come to be)
    "parent": (9201, "kk"),
    "student": (9202, "ru"),
    "revoked_staff": (9203, "ru"),
    "staff_of_another_school": (9204, "kk"),
    "staff_of_another_district": (9205, "ru"),
}
OUTSIDERS = ("parent", "student", "revoked_staff")
STAFF_ONLY = {
    "kk": "Бұл команда мектеп қызметкерлеріне арналған. "
    "Мектепте жұмыс істесеңіз, үйлестірушіңізден шақыру сұраңыз.",
    "ru": "Эта команда для сотрудников школ. "
    "Если вы работаете в школе, попросите приглашение у своего координатора.",
}


async def _become(app: RunningApp, who: str, user_id: int, language: str) -> Any:
    sm = app.dp["sessionmaker"]
    user = app.emu.user(user_id, language_code=language)
    await pick_language(user, language)
    if who == "parent":
        await add_parent(sm, user_id, language, (SCHOOL, "5"))
    elif who == "revoked_staff":
        await grant(sm, user_id, "coordinator", DISTRICT)
        async with sm() as s:
            role = await s.scalar(select(StaffRole).where(StaffRole.user_id == user_id))
            assert role is not None
            role.revoked_at = datetime.now(KZ)
            await s.commit()
    elif who == "staff_of_another_school":
        await grant(sm, user_id, "psychologist", SCHOOL_2)
    elif who == "staff_of_another_district":
        await grant(sm, user_id, "coordinator", OTHER_DISTRICT)
    return user


def test_the_matrix_is_generated_from_the_bot() -> None:
    commands, callbacks = staff_commands(), staff_callbacks()
    # A floor, not a list: a router that lost its commands or buttons would shrink the matrix to nothing.
    assert {"post", "invite", "invites", "staff", "event", "upload", "materials", "report"} <= set(commands)
    assert len(callbacks) >= 15


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    # Flood control would drop most of a hundred quick presses before any handler saw them.
    async with running_app(database_url, Overrides(flood=FloodControl(limit=100_000))) as running:
        yield running


@pytest.mark.parametrize("who", list(PRESSERS))
async def test_nobody_outside_the_school_acts_on_it(app: RunningApp, who: str) -> None:
    target = await _school_objects(app)
    user_id, language = PRESSERS[who]
    user = await _become(app, who, user_id, language)
    base = user.messages[-1]
    before, effects = await _state(app), _effects(app, user_id)
    outsider = who in OUTSIDERS

    tried = 0
    if outsider:
        replies = set()
        # /cancel is everyone's word for "stop": it is answered as such, not as a staff command.
        for command in (c for c in staff_commands() if c != "cancel"):
            audits = len(await _audits(app, user_id))
            await user.send(f"/{command}")
            replies.add((await user.next_message())["text"])
            assert (await _audits(app, user_id))[audits:] == ["refused.command"], (who, command)
            tried += 1
        assert replies == {STAFF_ONLY[language]}
        effects = _effects(app, user_id)  # the refusals above are messages; presses must add none
    unaudited = []
    for cb in staff_callbacks():
        names_target, presses = cells(cb, target)
        if not outsider and not names_target:
            continue  # their own wizard steps and their own reports: nothing of the school's to refuse
        for data in presses:
            audits = len(await _audits(app, user_id))
            answer = await user.press_data(base, data, timeout=20)
            assert answer is not None, (who, data)
            after = await _audits(app, user_id)
            if len(after) == audits:
                unaudited.append((data, answer.get("text")))
            elif outsider:
                assert after[-1] == "refused.button", (who, data, after[-1])
            tried += 1
    print(
        f"{who}: {tried} cells, {tried - len(unaudited)} refused with an audit line, {len(unaudited)} without"
    )
    # Every refusal is audited, also a press into a step the presser is not at ("flow.stale").
    assert unaudited == [], f"{who}: refused without an audit line: {unaudited}"
    async with app.dp["sessionmaker"]() as s:
        stale = set(
            await s.scalars(
                select(AuditRecord.detail).where(
                    AuditRecord.actor_id == user_id, AuditRecord.action.endswith(".stale")
                )
            )
        )
    # A stale step's line names the wizard's prefix only, never what was pressed or typed.
    assert all(detail is not None and ":" not in detail for detail in stale), stale
    await user.expect_no_message(0.2)
    shown = _effects(app, user_id)[len(effects) :]
    if outsider:
        assert shown == [], f"{who}: a press changed their chat: {shown}"
    else:
        # Their own screens may answer (their events, their materials); nothing of the school's may show.
        leaks = [text for text in shown if any(marker in text for marker in SCHOOL_MARKERS)]
        assert leaks == [], f"{who}: the school's data shown: {leaks}"
    assert await _state(app) == before, f"{who}: a press changed the school's rows"
    assert tried >= (40 if outsider else 10)
    assert app.emu.rejections == []
