"""/invites (open invitations and their cancel buttons) and the texts of the rules on who may invite whom."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.flows.buttons import button
from bot.views.formats import day_month_time
from bot.views.phrases import __
from bot.views.rows import column
from bot.views.staff import role_name

# Telegram's limit is 4096; the list stops well before, and says how many it left out.
SHOWN = 30


class InvitesAction(StrEnum):
    cancel = "c"


class InvitesCb(CallbackData, prefix="ivl"):
    action: InvitesAction
    token: str  # the invitation's own id; only its creator and the admins ever see this list


@dataclass(frozen=True, slots=True)
class OpenInvite:
    token: str
    role: str
    place: str  # the organisation's name in the reader's language, as typed (escaped here for HTML)
    expires_at: datetime
    created_by: int


def _until(moment: datetime, locale: str) -> str:
    return day_month_time(moment, locale)


def invites_text(invites: Sequence[OpenInvite], everyone: bool, locale: str, notice: str = "") -> str:
    head = notice + "\n\n" if notice else ""
    if not invites:
        return head + _("You have no open invitations.", locale=locale)
    title = _("<b>Open invitations</b>", locale=locale)
    lines = [title]
    for invite in invites[:SHOWN]:
        line = _("• {role}, {place}: until {until}", locale=locale).format(
            role=role_name(invite.role, locale),
            place=html.escape(invite.place),
            until=_until(invite.expires_at, locale),
        )
        if everyone:
            by = f'<a href="tg://user?id={invite.created_by}">{invite.created_by}</a>'
            line += " " + _("(by {user})", locale=locale).format(user=by)
        lines.append(line)
    if len(invites) > SHOWN:
        lines.append(_("…and {count} more.", locale=locale).format(count=len(invites) - SHOWN))
    return head + "\n".join(lines)


def invites_keyboard(invites: Sequence[OpenInvite], locale: str) -> InlineKeyboardMarkup:
    return column(
        button(
            "✖️ "
            + _("Cancel: {role}, {place}", locale=locale).format(
                role=role_name(invite.role, locale), place=invite.place
            ),
            InvitesCb(action=InvitesAction.cancel, token=invite.token),
        )
        for invite in invites[:SHOWN]
    )


cancelled_text = __("Invitation cancelled: its link no longer works.")
not_open_text = __("This invitation is no longer open.")
creator_lost_right_text = __(
    "This invitation no longer works: the colleague who made it may no longer give this role. "
    "Ask your coordinator for a new one."
)
cannot_invite_text = __(
    "Your role cannot invite colleagues. New staff are invited by a coordinator or a deputy director."
)
related_approval_text = __(
    "This approval does not count: the author of the post invited you (or you invited them). "
    "Another colleague must approve it."
)
