"""Every command, who may use it and its one line: the table behind /help, the staff welcome and the menus.

A command's audience is the least role that may use it; each role sees its own lines and everything below.
Kept in step with the routers by tests/e2e/test_help_per_role.py, which asks each role's commands directly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.i18n import LOCALES
from db.repositories import Repositories
from domain.enums import Role

log = logging.getLogger(__name__)


class Audience(IntEnum):
    """Who may use a command; each level may use everything below it as well."""

    EVERYONE = 0
    STAFF = 1
    # School staff who may bring in colleagues (a deputy director); psychologists and social pedagogues don't.
    INVITER = 2
    COORDINATOR = 3
    ADMIN = 4


def audience_of(roles: Iterable[Role | str], admin: bool = False) -> Audience:
    held = {Role(r) for r in roles}
    if admin or Role.ADMIN in held:
        return Audience.ADMIN
    if Role.COORDINATOR in held:
        return Audience.COORDINATOR
    if Role.DEPUTY_DIRECTOR in held:
        return Audience.INVITER
    return Audience.STAFF if held else Audience.EVERYONE


@dataclass(frozen=True, slots=True)
class Entry:
    command: str
    audience: Audience
    line: Callable[[str], str]
    """The one line that says what it does, in a locale."""
    usage: str = ""
    """What follows the command in /help (`/measure N`), for a command that needs it; such a command is
    left out of Telegram's menu, which sends the bare command."""
    aliases: tuple[str, ...] = ()
    news: bool = False
    """A parent's subscription command: its own block in /help, right after the main menu in the menu."""


COMMANDS: tuple[Entry, ...] = (
    Entry("start", Audience.EVERYONE, lambda lc: _("Main menu", locale=lc), aliases=("menu",)),
    Entry("subscribe", Audience.EVERYONE, lambda lc: _("Get school news for parents", locale=lc), news=True),
    Entry("mysubscriptions", Audience.EVERYONE, lambda lc: _("My subscriptions", locale=lc), news=True),
    Entry("unsubscribe", Audience.EVERYONE, lambda lc: _("Stop school news", locale=lc), news=True),
    Entry("helplines", Audience.EVERYONE, lambda lc: _("Helplines: where to get help now", locale=lc)),
    Entry("sos", Audience.EVERYONE, lambda lc: _("I need help now", locale=lc)),
    Entry("memos", Audience.EVERYONE, lambda lc: _("Safety memos for parents", locale=lc)),
    Entry("lessons", Audience.EVERYONE, lambda lc: _('"Personal safety" lessons by age', locale=lc)),
    Entry("familyhour", Audience.EVERYONE, lambda lc: _("Family Hour: parent meetings at school", locale=lc)),
    Entry("about", Audience.EVERYONE, lambda lc: _("About the child-protection roadmap", locale=lc)),
    Entry("measures", Audience.EVERYONE, lambda lc: _("Roadmap progress, measure by measure", locale=lc)),
    Entry("measure", Audience.EVERYONE, lambda lc: _("One measure of the roadmap", locale=lc), usage="N"),
    Entry("language", Audience.EVERYONE, lambda lc: _("Change the language", locale=lc)),
    Entry("help", Audience.EVERYONE, lambda lc: _("What this bot can do", locale=lc)),
    Entry("privacy", Audience.EVERYONE, lambda lc: _("What the bot keeps about me and why", locale=lc)),
    Entry(
        "mydata", Audience.EVERYONE, lambda lc: _("A file of everything the bot keeps about me", locale=lc)
    ),
    Entry("forget", Audience.EVERYONE, lambda lc: _("Erase everything the bot knows about me", locale=lc)),
    Entry("post", Audience.STAFF, lambda lc: _("Write a notice to parents", locale=lc)),
    Entry("update", Audience.STAFF, lambda lc: _("Report progress on a roadmap measure", locale=lc)),
    Entry("myupdates", Audience.STAFF, lambda lc: _("My progress updates", locale=lc)),
    Entry(
        "event",
        Audience.STAFF,
        lambda lc: _(
            "Announce a Family Hour or parent meeting; /event list: change or cancel one", locale=lc
        ),
    ),
    Entry("upload", Audience.STAFF, lambda lc: _("Add a lesson or memo material", locale=lc)),
    Entry("materials", Audience.STAFF, lambda lc: _("Lesson and memo materials", locale=lc)),
    Entry("stats", Audience.STAFF, lambda lc: _("Subscribers and delivery of posts", locale=lc)),
    Entry("qr", Audience.STAFF, lambda lc: _("QR code for a school poster", locale=lc)),
    Entry("invite", Audience.INVITER, lambda lc: _("Invite a colleague", locale=lc)),
    Entry("invites", Audience.INVITER, lambda lc: _("My invitations not used yet", locale=lc)),
    Entry("staff", Audience.STAFF, lambda lc: _("Staff and their roles", locale=lc)),
    Entry("channel", Audience.STAFF, lambda lc: _("Link a Telegram channel", locale=lc)),
    Entry("cancel", Audience.STAFF, lambda lc: _("Cancel what I am doing", locale=lc)),
    Entry("report", Audience.COORDINATOR, lambda lc: _("Roadmap report: table and chart", locale=lc)),
    Entry("status", Audience.ADMIN, lambda lc: _("Bot status and user figures", locale=lc)),
)


def entries_for(audience: Audience) -> list[Entry]:
    return [e for e in COMMANDS if e.audience <= audience]


def menu_commands(audience: Audience, locale: str) -> list[BotCommand]:
    """Telegram's menu: what help lists, bar commands that need more than their name."""
    entries = [e for e in entries_for(audience) if not e.usage]
    # Subscriptions sit right after the main menu: they are what parents come for.
    ordered = [entries[0], *(e for e in entries if e.news), *(e for e in entries[1:] if not e.news)]
    return [BotCommand(command=e.command, description=e.line(locale)) for e in ordered]


def help_line(entry: Entry, locale: str) -> str:
    names = ", ".join(f"/{c}" for c in (entry.command, *entry.aliases))
    usage = f" {entry.usage}" if entry.usage else ""
    return f"{names}{usage} — {entry.line(locale)}"


def _heading(audience: Audience, news: bool, locale: str) -> str:
    if news:
        return _("School news", locale=locale)
    return {
        Audience.EVERYONE: _("What this bot can do", locale=locale),
        Audience.STAFF: _("For school staff", locale=locale),
        Audience.INVITER: _("Inviting colleagues", locale=locale),
        Audience.COORDINATOR: _("For coordinators", locale=locale),
        Audience.ADMIN: _("For administrators", locale=locale),
    }[audience]


def commands_help(audience: Audience, locale: str, own_first: bool = False) -> str:
    """Every command this audience may use, one line each, in blocks under a bold heading.

    `own_first` puts the role's own blocks before everyone's (a new colleague's welcome)."""
    levels = [level for level in Audience if level <= audience]
    if own_first:
        levels = [*levels[1:], levels[0]]
    blocks: list[str] = []
    for level in levels:
        for news in (False, True):
            lines = [help_line(e, locale) for e in COMMANDS if e.audience is level and e.news is news]
            if lines:
                blocks.append("\n".join([f"<b>{_heading(level, news, locale)}</b>", *lines]))
    return "\n\n".join(blocks)


async def audience_in(repo: Repositories, user_id: int, admin_ids: frozenset[int]) -> Audience:
    roles = [r.role for r in await repo.staff.roles_of(user_id)]
    return audience_of(roles, admin=user_id in admin_ids)


class CommandsPublisher:
    """Publishes command menus; a chat scope makes the menu follow the language chosen in the bot."""

    def __init__(self, i18n: I18n, default_locale: str, admin_ids: frozenset[int]) -> None:
        self._i18n = i18n
        self._default = default_locale
        self._admins = admin_ids

    def is_admin(self, user_id: int) -> bool:
        return user_id in self._admins

    def _commands(self, locale: str, audience: Audience) -> list[BotCommand]:
        with self._i18n.context():
            return menu_commands(audience, locale)

    @property
    def admin_ids(self) -> frozenset[int]:
        return self._admins

    async def publish_defaults(
        self,
        bot: Bot,
        known_admins: dict[int, str | None],
        known_staff: dict[int, str | None] | None = None,
        audiences: dict[int, Audience] | None = None,
    ) -> None:
        """The default menus, and the staff and admin menus in the chats of those who have already written.

        `audiences` says how far each staff member's menu goes (a coordinator's has /report); plain staff
        otherwise."""
        await bot.set_my_commands(
            self._commands(self._default, Audience.EVERYONE), scope=BotCommandScopeDefault()
        )
        for locale in LOCALES:
            await bot.set_my_commands(
                self._commands(locale, Audience.EVERYONE),
                scope=BotCommandScopeDefault(),
                language_code=locale,
            )
        for admin_id, chosen in sorted(known_admins.items()):
            await self.publish_for_chat(bot, admin_id, chosen)
        for staff_id, chosen in sorted((known_staff or {}).items()):
            if staff_id not in known_admins:
                level = (audiences or {}).get(staff_id, Audience.STAFF)
                await self.publish_for_chat(bot, staff_id, chosen, staff=level)

    async def publish_for_user(self, bot: Bot, repo: Repositories, user_id: int, locale: str | None) -> None:
        """The menu this user's roles give, read afresh: after a role comes or goes, or a new language."""
        await self.publish_for_chat(
            bot, user_id, locale, staff=await audience_in(repo, user_id, self._admins)
        )

    async def publish_for_chat(
        self, bot: Bot, chat_id: int, locale: str | None, staff: bool | Audience = False
    ) -> None:
        """A chat-scoped menu; without a chosen locale, one per Telegram language like the default.

        `staff` is an Audience, or True for a school staff member. Called again whenever the user's language
        or role changes, so the menu follows both.
        """
        if self.is_admin(chat_id):
            audience = Audience.ADMIN
        elif isinstance(staff, Audience):
            audience = staff
        else:
            audience = Audience.STAFF if staff else Audience.EVERYONE
        scope = BotCommandScopeChat(chat_id=chat_id)
        try:
            if locale:
                await bot.set_my_commands(self._commands(locale, audience), scope=scope)
                return
            await bot.set_my_commands(self._commands(self._default, audience), scope=scope)
            for code in LOCALES:
                await bot.set_my_commands(self._commands(code, audience), scope=scope, language_code=code)
        except TelegramAPIError as exc:
            # An admin who never opened the bot has no chat yet; the menu is published when they do.
            log.info("command menu for chat %s not published: %s", chat_id, exc.message)
