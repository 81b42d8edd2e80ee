"""The staff router: one filter, checked on every staff message and every staff button press."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, Filter
from aiogram.filters.callback_data import CallbackData, CallbackQueryFilter
from aiogram.types import CallbackQuery, Message, TelegramObject, User

from bot.access import Access, Grant
from bot.clock import Clock
from bot.views.staff import staff_only_text
from db.repositories import Repositories
from domain.enums import Role


async def load_access(repo: Repositories, user_id: int, admin_ids: frozenset[int]) -> Access | None:
    """The user's current rights, or None when they hold no staff role at all."""
    if user_id in admin_ids:
        return Access(user_id=user_id, grants=(Grant(Role.ADMIN, ""),), codes=None)
    rows = await repo.staff.roles_of(user_id)
    if not rows:
        return None
    grants = tuple(Grant(Role(r.role), r.scope_code) for r in rows)
    codes = await repo.orgs.within(g.scope_code for g in grants)
    return Access(user_id=user_id, grants=grants, codes=frozenset(codes))


class IsStaff(Filter):
    """Passes staff through and hands the handlers their `access`; never cached between updates."""

    def __init__(self, admin_ids: frozenset[int]) -> None:
        self._admins = admin_ids

    async def __call__(
        self,
        event: TelegramObject,
        event_from_user: User | None = None,
        repo: Repositories | None = None,
        clock: Clock | None = None,
        **_: Any,
    ) -> bool | dict[str, Any]:
        if event_from_user is None or repo is None:
            return False
        access = await load_access(repo, event_from_user.id, self._admins)
        if access is None:
            return False
        if clock is not None and (
            event_from_user.id not in self._admins or await repo.staff.is_staff(access.user_id)
        ):
            await remember_name(repo, event_from_user, clock)
        return {"access": access}


async def remember_name(repo: Repositories, user: User, clock: Clock) -> None:
    """The name a role holder has in Telegram today, for the colleagues who manage them (/staff)."""
    await repo.staff.remember_profile(user.id, user.first_name, user.last_name, user.username, clock.now())


async def refuse_forged(
    query: CallbackQuery, repo: Repositories, clock: Clock, action: str, text: str
) -> None:
    """A press the presser's role does not allow (a forged, stale or forwarded button): an alert, audited."""
    await repo.audit.record(query.from_user.id, action, clock.now(), detail=(query.data or "")[:64])
    await query.answer(text, show_alert=True)


def build_staff_router(admin_ids: frozenset[int], *features: Router) -> Router:
    router = Router(name=__name__)
    staff_only = IsStaff(admin_ids)
    router.message.filter(staff_only)
    router.callback_query.filter(staff_only)
    router.include_routers(*features)
    return router


def staff_surface(router: Router) -> tuple[list[str], list[type[CallbackData]]]:
    """Every command and typed button the staff router's features handle, read from their handlers, so the
    refusal router answers (and records) each one even if a feature forgot to list it."""
    commands: set[str] = set()
    callbacks: set[type[CallbackData]] = set()
    pending = [router]
    while pending:
        current = pending.pop()
        pending.extend(current.sub_routers)
        for handler in current.message.handlers:
            for f in handler.filters or ():
                if isinstance(f.callback, Command):
                    commands.update(c for c in f.callback.commands if isinstance(c, str))
        for handler in current.callback_query.handlers:
            for f in handler.filters or ():
                if isinstance(f.callback, CallbackQueryFilter):
                    callbacks.add(f.callback.callback_data)
    return sorted(commands), sorted(callbacks, key=lambda cb: (cb.__prefix__, cb.__name__))


def build_refusal_router(commands: Iterable[str], callbacks: Iterable[type[CallbackData]]) -> Router:
    """What the staff router turned away: a polite answer, and a line in the audit record."""
    router = Router(name=f"{__name__}.refusals")

    async def refuse_command(message: Message, repo: Repositories, clock: Clock, locale: str) -> None:
        command = (message.text or "").split(maxsplit=1)[0][:40]
        if message.from_user is not None:
            await repo.audit.record(message.from_user.id, "refused.command", clock.now(), detail=command)
        await message.answer(staff_only_text(locale))

    async def refuse_press(query: CallbackQuery, repo: Repositories, clock: Clock, locale: str) -> None:
        await repo.audit.record(
            query.from_user.id, "refused.button", clock.now(), detail=(query.data or "")[:64]
        )
        await query.answer(staff_only_text(locale), show_alert=True)

    router.message.register(refuse_command, Command(*commands))
    prefixes = tuple(f"{cb.__prefix__}{cb.__separator__}" for cb in callbacks)
    if prefixes:
        router.callback_query.register(refuse_press, F.data.startswith(prefixes))
    return router
