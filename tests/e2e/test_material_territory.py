"""A material reaches the territory it was approved for (a region's, the whole region; an admin's, everyone),
and only coordinators over that territory (or admins) may remove it (issue 16, item 5)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.emulator import Emulator
from bot.factory import Overrides
from bot.outgoing import OutgoingLimiter
from db.models import AuditRecord, Material
from handlers.lessons import LessonAction, LessonCb
from handlers.materials import MatAction, MaterialsCb
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_texts, button_with, pick_language
from tests.support.org_tree import (
    DISTRICT,
    OTHER_DISTRICT,
    OTHER_SCHOOL,
    REGION,
    SCHOOL,
    add_parent,
    add_tree,
    grant,
)

NOW = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)
PARENT_A, PARENT_B, COORD_A, COORD_B = 7601, 7602, 7603, 7604


@pytest.fixture
async def fast_app(database_url: str) -> AsyncIterator[RunningApp]:
    emu = Emulator(chat_rate=None)
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    async with running_app(database_url, Overrides(), emulator=emu, limiter=limiter) as running:
        await add_tree(running.dp["sessionmaker"])
        yield running


async def add_material(app: RunningApp, title: str, territory: str | None, org: str | None) -> Material:
    material = Material(
        target="lesson",
        slug="water_and_ice",
        age_group="grades_1_4",
        language="ru",
        title=title,
        kind="pdf",
        media_type="document",
        file_id=app.emu.files.add("document", b"%PDF-1.4 " + title.encode(), "f.pdf").file_id,
        status="approved",
        proposed_by=1,
        org_code=org,
        territory_code=territory,
        created_at=NOW,
    )
    async with app.dp["sessionmaker"]() as session:
        session.add(material)
        await session.commit()
        await session.refresh(material)
    return material


async def open_topic(
    app: RunningApp, user_id: int, locale: str, group: str, topic: str, *, new: bool = False
):
    user = app.emu.user(user_id, language_code=locale)
    if new:  # a user the bot has not met yet picks a language first
        await pick_language(user, locale)
    await user.send("/lessons")
    groups = await user.next_message()
    await user.press(groups, button_with(groups, group))
    topics = await user.wait_edit(groups)
    await user.press(topics, button_with(topics, topic))
    return user, await user.next_message()


async def test_parents_get_their_districts_their_regions_and_national_materials_only(
    fast_app: RunningApp,
) -> None:
    app = fast_app
    sm = app.dp["sessionmaker"]
    ours = await add_material(app, "Материал района А", DISTRICT, SCHOOL)
    theirs = await add_material(app, "Материал района Б", OTHER_DISTRICT, OTHER_SCHOOL)
    region = await add_material(app, "Материал области", REGION, REGION)
    await add_material(app, "Общий материал", None, None)
    await add_parent(sm, PARENT_A, "ru", (SCHOOL, "3"))
    await add_parent(sm, PARENT_B, "kk", (OTHER_SCHOOL, "2"))

    parent_a, topic_a = await open_topic(app, PARENT_A, "ru", "1–4 классы", "Вода и лёд")
    shown_a = button_texts(topic_a)
    for title in ("Материал района А", "Материал области", "Общий материал"):
        assert any(title in t for t in shown_a), title
    assert not any("Материал района Б" in t for t in shown_a)
    # A forged press for the other district's file is answered as for a gone one, and nothing is sent.
    forged = LessonCb(action=LessonAction.material, material=theirs.id).pack()
    answer = await parent_a.press_data(topic_a, forged)
    assert answer["text"] == "Этот материал больше недоступен."
    await parent_a.expect_no_message(0.2)
    await parent_a.press(topic_a, button_with(topic_a, "Материал области"))
    got = await parent_a.next_message()
    assert got["document"]["file_id"] == region.file_id

    _parent_b, topic_b = await open_topic(app, PARENT_B, "kk", "1–4-сынып", "Су және мұз")
    shown_b = button_texts(topic_b)
    assert any("Материал района Б" in t for t in shown_b)
    assert any("Материал области" in t for t in shown_b)
    assert not any("Материал района А" in t for t in shown_b)

    # A parent with no subscription gets only what is national.
    _nobody, topic_n = await open_topic(app, 7699, "ru", "1–4 классы", "Вода и лёд", new=True)
    shown_n = button_texts(topic_n)
    assert any("Общий материал" in t for t in shown_n)
    assert not any("Материал" in t and "Общий" not in t for t in shown_n)
    assert ours.status == "approved"


async def test_only_coordinators_over_the_territory_remove_it(fast_app: RunningApp) -> None:
    app = fast_app
    sm = app.dp["sessionmaker"]
    ours = await add_material(app, "Материал района А", DISTRICT, SCHOOL)
    theirs = await add_material(app, "Материал района Б", OTHER_DISTRICT, OTHER_SCHOOL)
    national = await add_material(app, "Общий материал", None, None)
    await grant(sm, COORD_B, "coordinator", OTHER_DISTRICT)
    coord_b = app.emu.user(COORD_B, language_code="ru")
    await pick_language(coord_b, "ru")
    await coord_b.send("/materials")
    overview = await coord_b.next_message()
    await coord_b.press(overview, button_with(overview, "1–4 классы"))
    group = await coord_b.wait_edit(overview)
    await coord_b.press(group, button_with(group, "Убрать"))
    listing = await coord_b.wait_edit(group)
    # Their own district's material only: not district A's, not the national one.
    listed = button_texts(listing)
    assert any("Материал района Б" in t for t in listed)
    assert not any("Материал района А" in t or "Общий материал" in t for t in listed)

    # Forged presses for district A's and the national material: refused and audited, nothing removed.
    for material in (ours, national):
        for action in (MatAction.ask_remove, MatAction.remove):
            answer = await coord_b.press_data(
                listing, MaterialsCb(action=action, material=material.id).pack()
            )
            assert "координатор" in answer["text"]
    async with sm() as session:
        assert (await session.get(Material, ours.id)).status == "approved"
        assert (await session.get(Material, national.id)).status == "approved"
        refused = list(
            await session.scalars(select(AuditRecord).where(AuditRecord.action == "refused.button"))
        )
    assert [r.actor_id for r in refused] == [COORD_B] * 4

    # Their own: removed.
    answer = await coord_b.press_data(
        listing, MaterialsCb(action=MatAction.remove, material=theirs.id).pack()
    )
    async with sm() as session:
        assert (await session.get(Material, theirs.id)).status == "removed"
        removed = list(
            await session.scalars(select(AuditRecord).where(AuditRecord.action == "material.removed"))
        )
    assert [(r.actor_id, r.detail) for r in removed] == [(COORD_B, f"material {theirs.id}")]
    assert app.emu.rejections == []


async def test_a_district_coordinator_cannot_remove_what_was_approved_for_the_region(
    fast_app: RunningApp,
) -> None:
    # Proposed by a school of district A, approved for the whole region: the region's coordinators decide.
    app = fast_app
    sm = app.dp["sessionmaker"]
    region_wide = await add_material(app, "Материал области", REGION, SCHOOL)
    await grant(sm, COORD_A, "coordinator", DISTRICT)
    coord_a = app.emu.user(COORD_A, language_code="kk")
    await pick_language(coord_a, "kk")
    await coord_a.send("/materials")
    overview = await coord_a.next_message()
    forged = MaterialsCb(action=MatAction.remove, material=region_wide.id).pack()
    answer = await coord_a.press_data(overview, forged)
    assert "үйлестірушісі" in answer["text"]
    async with sm() as session:
        assert (await session.get(Material, region_wide.id)).status == "approved"
        refused = list(
            await session.scalars(select(AuditRecord).where(AuditRecord.action == "refused.button"))
        )
    assert [r.actor_id for r in refused] == [COORD_A]
