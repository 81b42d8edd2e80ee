"""/invite and /staff: staff bring in colleagues within their own scope and take roles away."""

from __future__ import annotations

import secrets
from datetime import timedelta

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import BaseStorage
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.access import Access
from bot.clock import Clock
from bot.commands import CommandsPublisher
from bot.flows.org_picker import tree_level
from bot.flows.role_revoked import end_staff_draft, revoked_role, tell_role_revoked
from bot.settings import Settings
from bot.views.invite_picker import InviteNav, InviteNavCb, cancelled_text
from bot.views.invites import cannot_invite_text
from bot.views.orgs import org_html, org_name
from bot.views.staff import (
    InviteAction,
    InviteCb,
    StaffAction,
    StaffCb,
    StaffListAct,
    StaffListCb,
    invite_created_text,
    invite_place_prompt,
    invite_role_prompt,
    not_allowed_text,
    person_html,
    place_fits,
    places_keyboard,
    revoke_confirm_text,
    revoke_keyboard,
    revoked_text,
    role_kept_text,
    roles_keyboard,
    staff_empty_text,
    staff_lines,
    staff_list_view,
    staff_places_view,
)
from db.models import Organisation
from db.repositories import Repositories
from db.repositories.staff import RoleRow
from domain.enums import Role
from handlers import open_screens as screens
from handlers.access import refuse_forged
from handlers.invites import grantable_roles
from handlers.post_approval import expire_stale, tell_expired
from handlers.report import ReportAuthoring

INVITE_VALID = timedelta(days=7)


async def start_invite(
    message: Message, access: Access, repo: Repositories, state: FSMContext, locale: str
) -> None:
    roles = await grantable_roles(access, repo)
    if not roles:
        await message.answer(cannot_invite_text(locale))
        return
    shown = await message.answer(invite_role_prompt(locale), reply_markup=roles_keyboard(roles, locale))
    await screens.opened(state, screens.OpenScreen.invite, shown.message_id)


async def on_invite(
    query: CallbackQuery,
    callback_data: InviteCb,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    state: FSMContext,
    locale: str,
) -> None:
    # The button came from the client: the role and the place are checked again against today's rights.
    role, code = callback_data.role, callback_data.code
    if role not in await grantable_roles(access, repo) or (code and not access.covers(code)):
        await refuse_forged(query, repo, clock, "invite.forged", not_allowed_text(locale))
        return
    if not isinstance(query.message, Message):
        await query.answer()
        return
    if callback_data.action is InviteAction.pick:
        place = await repo.orgs.get(code)
        if place is None or not place_fits(role, place):
            await query.answer(not_allowed_text(locale), show_alert=True)
            return
        if not access.may_grant(role, [o.code for o in await repo.orgs.path(code)]):
            # Covered, yet not below their own rank there (a coordinator for their own area).
            await refuse_forged(query, repo, clock, "invite.forged", not_allowed_text(locale))
            return
        await screens.closed(state, screens.OpenScreen.invite)
        await _create_invite(query, query.message, role, place, repo, clock, bot, locale)
        return
    level = await tree_level(code, access, repo)
    if level is None:
        await query.answer(not_allowed_text(locale), show_alert=True)
        return
    chain = await repo.orgs.path(level.area.code) if level.area else []
    path = " › ".join(org_html(o, locale) for o in chain)
    here = access.may_grant(role, [o.code for o in chain])
    await query.answer()
    await query.message.edit_text(
        invite_place_prompt(role, path, locale),
        reply_markup=places_keyboard(role, level, callback_data.page, locale, here),
    )


async def on_invite_nav(
    query: CallbackQuery,
    callback_data: InviteNavCb,
    access: Access,
    repo: Repositories,
    state: FSMContext,
    locale: str,
) -> None:
    await query.answer()
    if not isinstance(query.message, Message):
        return
    if callback_data.nav is InviteNav.cancel:
        await screens.closed(state, screens.OpenScreen.invite)
        await query.message.edit_text(cancelled_text(locale))
        return
    roles = await grantable_roles(access, repo)
    await query.message.edit_text(invite_role_prompt(locale), reply_markup=roles_keyboard(roles, locale))


async def _create_invite(
    query: CallbackQuery,
    message: Message,
    role: Role,
    place: Organisation,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    locale: str,
) -> None:
    now = clock.now()
    token = secrets.token_urlsafe(12)
    expires = now + INVITE_VALID
    await repo.staff.create_invite(token, role.value, place.code, query.from_user.id, now, expires)
    await repo.audit.record(query.from_user.id, "invite.created", now, detail=f"{role.value}@{place.code}")
    me = await bot.me()
    link = f"https://t.me/{me.username}?start=staff_{token}"
    await query.answer()
    await message.edit_text(invite_created_text(role, org_html(place, locale), link, expires, locale))


async def _person(repo: Repositories, user_id: int) -> str:
    return person_html(user_id, (await repo.staff.profiles_of({user_id})).get(user_id))


def may_revoke(access: Access, role: Role, scope_code: str, user_id: int) -> bool:
    return user_id != access.user_id and access.may_take_away(role, scope_code)


async def _staff_screen(
    access: Access, repo: Repositories, code: str, page: int, locale: str
) -> tuple[str, InlineKeyboardMarkup] | None:
    """The /staff list of everyone the viewer manages, or of one place (`code`); None if there is nobody."""
    codes = None if access.codes is None else set(access.codes)
    rows = await repo.staff.active_in(codes if not code else {code} & (codes or {code}))
    if not rows:
        return None
    places = {o.code: org_name(o, locale) for o in await repo.orgs.many({r.scope_code for r in rows})}
    profiles = await repo.staff.profiles_of({r.user_id for r in rows})
    lines = staff_lines(rows, profiles, places, locale)

    def revoke(row: RoleRow) -> StaffCb | None:
        allowed = may_revoke(access, Role(row.role), row.scope_code, row.user_id)
        return StaffCb(action=StaffAction.revoke, role_id=row.id) if allowed else None

    place = places.get(code, code) if code else None
    filterable = len(places) > 1
    return staff_list_view(lines, place, filterable, code, page, profiles, revoke, locale)


async def list_staff(message: Message, access: Access, repo: Repositories, locale: str) -> None:
    screen = await _staff_screen(access, repo, "", 0, locale)
    if screen is None:
        await message.answer(staff_empty_text(locale))
        return
    await message.answer(screen[0], reply_markup=screen[1])


async def on_staff_list(
    query: CallbackQuery,
    callback_data: StaffListCb,
    access: Access,
    repo: Repositories,
    clock: Clock,
    locale: str,
) -> None:
    """The list's pages, the place filter and its picker; a place outside the viewer's scope shows nothing."""
    code = callback_data.code
    if code and not access.covers(code):
        await refuse_forged(query, repo, clock, "role.forged", not_allowed_text(locale))
        return
    if not isinstance(query.message, Message):
        await query.answer(not_allowed_text(locale), show_alert=True)
        return
    if callback_data.act is StaffListAct.places:
        codes = None if access.codes is None else set(access.codes)
        found = await repo.orgs.many({r.scope_code for r in await repo.staff.active_in(codes)})
        places = [(o.code, org_name(o, locale)) for o in sorted(found, key=lambda o: o.code)]
        screen: tuple[str, InlineKeyboardMarkup] | None = staff_places_view(
            places, callback_data.page, locale
        )
    else:
        screen = await _staff_screen(access, repo, code, callback_data.page, locale)
    await query.answer()
    if screen is None:
        await query.message.edit_text(staff_empty_text(locale))
        return
    await query.message.edit_text(screen[0], reply_markup=screen[1])


async def on_staff(
    query: CallbackQuery,
    callback_data: StaffCb,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    commands: CommandsPublisher,
    settings: Settings,
    fsm_storage: BaseStorage,
    locale: str,
) -> None:
    row = await repo.staff.get_role(callback_data.role_id)
    if row is None or not may_revoke(access, Role(row.role), row.scope_code, row.user_id):
        await refuse_forged(query, repo, clock, "role.forged", not_allowed_text(locale))
        return
    if not isinstance(query.message, Message):
        await query.answer()
        return
    org = await repo.orgs.get(row.scope_code)
    place = org_html(org, locale) if org else row.scope_code
    if callback_data.action is StaffAction.keep:
        await query.answer()
        await query.message.edit_text(role_kept_text(locale))
        return
    if callback_data.action is StaffAction.revoke:
        await query.answer()
        await query.message.edit_text(
            revoke_confirm_text(Role(row.role), place, await _person(repo, row.user_id), locale),
            reply_markup=revoke_keyboard(row.id, locale),
        )
        return
    now = clock.now()
    revoked = await revoked_role(repo, row, query.from_user, now)
    await repo.staff.revoke(row.id, now)
    await repo.audit.record(
        query.from_user.id, "role.revoked", now, detail=f"{row.role}@{row.scope_code} of {row.user_id}"
    )
    # Their posts waiting for approval that the roles left no longer cover are cancelled now, as /approvals
    # would when someone next looked: till then the author would think them on their way.
    waiting = await repo.staff.awaiting_approval_of(row.user_id)
    _, expired = await expire_stale(repo, waiting, query.from_user.id, now, settings.admin_ids)
    await query.answer(revoked_text(locale))
    await query.message.edit_text(revoked_text(locale))
    await tell_expired(bot, repo, expired, settings.default_locale)
    keeps_roles = await tell_role_revoked(bot, repo, revoked, settings.admin_ids, settings.default_locale)
    if not keeps_roles and row.user_id not in settings.admin_ids:
        await end_staff_draft(fsm_storage, bot, row.user_id)
    language = await repo.users.language_of(row.user_id)
    await commands.publish_for_user(bot, repo, row.user_id, language)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(start_invite, Command("invite"))
    # /cancel under /invite's or /report's screen (ahead of /post's general /cancel, which comes later).
    router.message.register(screens.cancel_screen, *screens.cancel_filter(*ReportAuthoring.__states__))
    router.message.register(list_staff, Command("staff"))
    router.callback_query.register(on_invite, InviteCb.filter())
    router.callback_query.register(on_invite_nav, InviteNavCb.filter())
    router.callback_query.register(on_staff, StaffCb.filter())
    router.callback_query.register(on_staff_list, StaffListCb.filter())
    return router
