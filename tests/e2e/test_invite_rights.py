"""Who may bring whom in (issue 16, items 1 and 2): an invitation lives only while its creator may still give
that role, staff see and cancel their open invitations with /invites, roles are given only below one's own,
and a post's approval counts only from someone the author did not invite (nor was invited by)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from bot.clock import KZ
from bot.views.invites import cannot_invite_text
from db.models import AuditRecord, Invite, Post, StaffRole
from tests.support.app import ADMIN_ID, RunningApp
from tests.support.chat import button_texts, button_with, pick_language
from tests.support.org_tree import DISTRICT, REGION, SCHOOL, SCHOOL_2, add_tree, grant
from tests.support.posts import DISTRICT_NOTICE, add_post

COORD, COORD_2, PSY, NEWCOMER, REGIONAL, DEPUTY = 8801, 8802, 8803, 8804, 8805, 8806
WELCOME = {"kk": "қош келдіңіз", "ru": "Добро пожаловать"}
CREATOR_GONE = {
    "kk": "Бұл шақыру енді жарамсыз: оны жасаған әріптестің бұл рөлді беруге құқығы жоқ. "
    "Үйлестірушіңізден жаңа шақыру сұраңыз.",
    "ru": "Это приглашение больше не действует: у коллеги, который его создал, больше нет права давать эту "
    "роль. Попросите новое приглашение у координатора.",
}


async def _count(app: RunningApp, stmt: Any) -> int:
    async with app.dp["sessionmaker"]() as session:
        return int(await session.scalar(stmt) or 0)


async def _audited(app: RunningApp, action: str) -> int:
    query = select(func.count()).select_from(AuditRecord).where(AuditRecord.action == action)
    return await _count(app, query)


async def _roles(app: RunningApp, user_id: int) -> list[str]:
    async with app.dp["sessionmaker"]() as session:
        rows = await session.execute(
            select(StaffRole.role, StaffRole.scope_code).where(
                StaffRole.user_id == user_id, StaffRole.revoked_at.is_(None)
            )
        )
        return [f"{role}@{scope}" for role, scope in rows]


async def _invite(app: RunningApp, token: str, role: str, scope: str, created_by: int) -> None:
    now = datetime.now(KZ)
    async with app.dp["sessionmaker"]() as session:
        session.add(
            Invite(
                token=token,
                role=role,
                scope_code=scope,
                created_by=created_by,
                created_at=now,
                expires_at=now + timedelta(days=7),
            )
        )
        await session.commit()


async def _revoke_all(app: RunningApp, user_id: int) -> None:
    async with app.dp["sessionmaker"]() as session:
        await session.execute(
            update(StaffRole).where(StaffRole.user_id == user_id).values(revoked_at=datetime.now(KZ))
        )
        await session.commit()


async def _grant_by(app: RunningApp, user_id: int, role: str, scope: str, granted_by: int) -> None:
    await grant(app.dp["sessionmaker"], user_id, role, scope)
    async with app.dp["sessionmaker"]() as session:
        await session.execute(
            update(StaffRole).where(StaffRole.user_id == user_id).values(granted_by=granted_by)
        )
        await session.commit()


async def test_an_invitation_dies_with_its_creators_role(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, COORD, "coordinator", DISTRICT)
    await grant(sm, PSY, "psychologist", SCHOOL)
    await grant(sm, COORD_2, "coordinator", DISTRICT)
    # Made while they held their roles (the coordinator one under the old, looser rule).
    await _invite(app, "self-return-0001", "coordinator", DISTRICT, COORD)
    await _invite(app, "by-psy-00000001", "social_pedagogue", SCHOOL, PSY)
    await _invite(app, "still-valid-0001", "psychologist", SCHOOL_2, COORD_2)
    await _revoke_all(app, COORD)
    await _revoke_all(app, PSY)

    for user_id, token, locale in ((COORD, "self-return-0001", "kk"), (NEWCOMER, "by-psy-00000001", "ru")):
        user = app.emu.user(user_id, language_code=locale)
        await user.send(f"/start staff_{token}")
        assert (await user.next_message())["text"] == CREATOR_GONE[locale]
        assert await _roles(app, user_id) == []
    assert await _audited(app, "invite.refused") == 2
    # Not used up: had the creator kept the role, the same link would still work.
    assert await _count(app, select(func.count()).select_from(Invite).where(Invite.used_by.is_not(None))) == 0

    newcomer = app.emu.user(NEWCOMER, language_code="ru")
    await newcomer.send("/start staff_still-valid-0001")
    assert WELCOME["ru"] in (await newcomer.next_message())["text"]
    assert await _roles(app, NEWCOMER) == [f"psychologist@{SCHOOL_2}"]
    assert app.emu.rejections == []


async def test_staff_list_and_cancel_their_open_invitations(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, COORD, "coordinator", DISTRICT)
    await grant(sm, COORD_2, "coordinator", DISTRICT)
    await _invite(app, "mine-one-000001", "psychologist", SCHOOL, COORD)
    await _invite(app, "mine-two-000002", "deputy_director", SCHOOL_2, COORD)
    await _invite(app, "theirs-0000003", "psychologist", SCHOOL_2, COORD_2)
    coord, other = app.emu.user(COORD), app.emu.user(COORD_2)
    await pick_language(coord, "ru")
    await pick_language(other, "kk")

    await coord.send("/invites")
    listing = await coord.next_message()
    assert "Школа № 1" in listing["text"] and "Школа № 2" in listing["text"]
    assert listing["text"].count("•") == 2  # not the colleague's
    assert len(button_texts(listing)) == 2
    await coord.press(listing, button_with(listing, "Школа № 1"))
    after = await coord.wait_edit(listing)
    assert "Приглашение отменено" in after["text"] and after["text"].count("•") == 1

    # The cancelled link no longer works; a colleague's button for someone else's invitation is refused.
    late = app.emu.user(NEWCOMER, language_code="ru")
    await late.send("/start staff_mine-one-000001")
    assert "не работает" in (await late.next_message())["text"]
    await other.send("/invites")
    theirs = await other.next_message()
    assert theirs["text"].count("•") == 1 and "№ 2 мектеп" in theirs["text"]
    forged = (listing["reply_markup"]["inline_keyboard"][0][0]["callback_data"]).replace(
        "mine-one-000001", "mine-two-000002"
    )
    answer = await other.press_data(theirs, forged)
    assert answer["show_alert"]
    assert await _audited(app, "invite.cancel_forged") == 1
    open_now = select(func.count()).select_from(Invite).where(Invite.token == "mine-two-000002")
    assert await _count(app, open_now.where(Invite.expires_at > datetime.now(KZ))) == 1

    # The administrator sees everyone's.
    admin = app.emu.user(ADMIN_ID)
    await pick_language(admin, "kk")
    await admin.send("/invites")
    everything = await admin.next_message()
    assert everything["text"].count("•") == 2
    assert str(COORD) in everything["text"] and str(COORD_2) in everything["text"]

    empty = app.emu.user(PSY)
    await grant(sm, PSY, "psychologist", SCHOOL)
    await pick_language(empty, "kk")
    await empty.send("/invites")
    # A psychologist brings in no one, so has no invitations to list (as /invite says too).
    with app.dp["i18n"].context():
        expected = cannot_invite_text("kk")
    assert (await empty.next_message())["text"] == expected
    assert app.emu.rejections == []


async def test_roles_are_given_only_below_ones_own(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, COORD, "coordinator", DISTRICT)
    await grant(sm, REGIONAL, "coordinator", REGION)
    await grant(sm, PSY, "psychologist", SCHOOL)
    await grant(sm, DEPUTY, "deputy_director", SCHOOL)
    coord, regional, psy, deputy = (app.emu.user(i) for i in (COORD, REGIONAL, PSY, DEPUTY))
    for user, locale in ((coord, "ru"), (regional, "ru"), (psy, "kk"), (deputy, "ru")):
        await pick_language(user, locale)

    await coord.send("/invite")
    roles = await coord.next_message()
    assert not any("оординатор" in text for text in button_texts(roles))
    # A forged press for a second coordinator of their own district, and one for their own school roles.
    await coord.press_data(roles, f"inv:p:coordinator:{DISTRICT}:0")
    await coord.press_data(roles, f"inv:o:coordinator:{DISTRICT}:0")
    assert await _audited(app, "invite.forged") == 2
    assert await _count(app, select(func.count()).select_from(Invite)) == 0

    await regional.send("/invite")
    roles = await regional.next_message()
    await regional.press(roles, button_with(roles, "Координатор"))
    await regional.wait_edit(roles)
    await regional.press_data(roles, f"inv:p:coordinator:{DISTRICT}:0")
    created = await regional.wait_edit(roles)
    assert "start=staff_" in created["text"]
    await regional.press_data(roles, f"inv:p:coordinator:{REGION}:0")  # their own level: no
    assert await _audited(app, "invite.forged") == 3

    await psy.send("/invite")
    refusal = await psy.next_message()
    assert refusal["text"] == (
        "Сіздің рөліңіз әріптестерді шақыра алмайды. "
        "Жаңа қызметкерді үйлестіруші немесе директордың орынбасары шақырады."
    )
    await deputy.send("/invite")
    roles = await deputy.next_message()
    offered = [text for text in button_texts(roles) if not text.startswith("✖️")]  # Cancel
    assert sorted(offered) == ["Социальный педагог", "Школьный психолог"]
    assert app.emu.rejections == []


async def test_peer_coordinators_cannot_remove_each_other(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, COORD, "coordinator", DISTRICT)
    await grant(sm, COORD_2, "coordinator", DISTRICT)
    await grant(sm, REGIONAL, "coordinator", REGION)
    await grant(sm, PSY, "psychologist", SCHOOL)
    coord = app.emu.user(COORD)
    await pick_language(coord, "ru")
    await coord.send("/staff")
    listing = await coord.next_message()
    assert [t for t in button_texts(listing) if str(COORD_2) in t] == []
    assert [t for t in button_texts(listing) if str(PSY) in t]
    async with sm() as session:
        peer_role = await session.scalar(select(StaffRole.id).where(StaffRole.user_id == COORD_2))
    for action in ("r", "y"):
        answer = await coord.press_data(listing, f"stf:{action}:{peer_role}")
        assert answer["show_alert"]
    assert await _roles(app, COORD_2) == [f"coordinator@{DISTRICT}"]
    assert await _audited(app, "role.forged") == 2

    regional = app.emu.user(REGIONAL)
    await pick_language(regional, "kk")
    await regional.send("/staff")
    listing = await regional.next_message()
    assert [t for t in button_texts(listing) if str(COORD_2) in t]
    assert app.emu.rejections == []


async def _district_post(app: RunningApp, author: int) -> int:
    return await add_post(
        app.dp["sessionmaker"],
        author_id=author,
        scope_code=DISTRICT,
        text=DISTRICT_NOTICE,
        status="awaiting_approval",
        created_at=datetime.now(KZ),
    )


async def test_an_approval_from_ones_own_invitee_does_not_count(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, COORD, "coordinator", DISTRICT)
    # A second account the coordinator brought in (under the old rule), and the one who brought them in.
    await _grant_by(app, COORD_2, "coordinator", DISTRICT, granted_by=COORD)
    await _grant_by(app, REGIONAL, "coordinator", REGION, granted_by=0)
    await _grant_by(app, DEPUTY, "coordinator", DISTRICT, granted_by=REGIONAL)
    author, sock, boss = app.emu.user(COORD), app.emu.user(COORD_2), app.emu.user(REGIONAL)
    await pick_language(author, "ru")  # told when the post is approved
    await pick_language(sock, "kk")
    await pick_language(boss, "ru")
    post_id = await _district_post(app, COORD)
    answer = await sock.press_data(sock.messages[-1], f"apr:a:{post_id}")
    assert answer["show_alert"] and answer["text"] == (
        "Бұл мақұлдау есептелмейді: хабарландыру авторы сізді шақырған (немесе сіз оны шақырғансыз). "
        "Хабарландыруды басқа әріптес мақұлдауы керек."
    )
    # The one who invited the author is not another pair of eyes either.
    post_2 = await _district_post(app, DEPUTY)
    answer = await boss.press_data(boss.messages[-1], f"apr:a:{post_2}")
    assert answer["text"].startswith("Это одобрение не засчитывается")
    assert await _audited(app, "approval.related") == 2
    async with sm() as session:
        statuses = set((await session.scalars(select(Post.status))).all())
    assert statuses == {"awaiting_approval"}

    # Someone unrelated approves as before.
    await boss.press_data(boss.messages[-1], f"apr:a:{post_id}")
    async with sm() as session:
        assert (await session.get(Post, post_id)).approved_by == REGIONAL
    assert app.emu.rejections == []
