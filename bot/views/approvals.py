"""The approval of a post as the approver sees it (the card under the preview, /approvals) and as its author
is told the outcome. The card's Approve / Reject callback data is post_keyboards.ApprovalCb."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape, unescape
from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.views.formats import grouped
from bot.views.paging import fitted_pages, page_arrows, page_line, page_of, short
from bot.views.phrases import __
from bot.views.post_names import snippet
from bot.views.rows import button, column

# How each mode goes out, in the words the approver weighs it by: an urgent post rings even at night.
MODES = {
    "normal": __("normal — with sound, never between 22:00 and 08:00"),
    "silent": __("silent — at once, without sound"),
    "urgent": __("⚡ urgent — at once, with sound, even at night"),
}


def mode_text(urgent: bool, silent: bool, locale: str) -> str:
    return MODES["urgent" if urgent else "silent" if silent else "normal"](locale)


def person_link(user_id: int, name: str | None) -> str:
    """A person's name (escaped) linked to their profile; their id when no name is known."""
    shown = escape(name, quote=False) if name and name.strip() else str(user_id)
    return f'<a href="tg://user?id={user_id}">{shown}</a>'


def author_html(link: str, roles: Sequence[tuple[str, str]]) -> str:
    """«Name (role, place; role, place)», as /staff names a colleague; `roles` are already in words."""
    held = "; ".join(f"{role}, {escape(place, quote=False)}" for role, place in roles)
    return f"{link} ({held})" if held else link


def card_text(
    author: str, audience: str, recipients: int, when: str, mode: str, locale: str, *, event: bool = False
) -> str:
    """`event`: the post announces a Family Hour or parent meeting, which parents will answer."""
    if event:
        text = _(
            "<b>An event announcement needs your approval</b>\nFrom: {author}\nTo: {audience} ({n})\n"
            "Sending: {when}\nMode: {mode}\n"
            "The announcement itself is above; parents will answer with its buttons.",
            locale=locale,
        )
    else:
        text = _(
            "<b>A post needs your approval</b>\nFrom: {author}\nTo: {audience} ({n})\nSending: {when}\n"
            "Mode: {mode}\nThe post itself is above.",
            locale=locale,
        )
    # «(1 получатель)»: the bare number in brackets read as part of the audience's name.
    counted = ngettext("{n} recipient", "{n} recipients", recipients, locale=locale).format(
        n=grouped(recipients, locale)
    )
    return text.format(author=author, audience=audience, n=counted, when=when, mode=mode)


# What the author is told of the decision (`post`: the post as bot/views/post_names.py post_label names it, in
# the author's language: they may have several waiting), and what an approver is told of a post its author
# stopped.
def approved_text(approver: str, post: str, when: str | None, recipients: int, locale: str) -> str:
    """`when`: the moment it goes out in words, None when it goes at once."""
    if when is None:
        text = _("✅ {name} approved your post {post}; sending has begun. Recipients: {n}.", locale=locale)
    else:
        text = _(
            "✅ {name} approved your post {post}. It goes out {when} (Kazakhstan time). Recipients now: {n}.",
            locale=locale,
        )
    return text.format(name=approver, post=post, when=when, n=grouped(recipients, locale))


def author_rejected_text(approver: str, post: str, locale: str) -> str:
    return _(
        "Your post {post} was not approved: {name} rejected it. It will not be sent; talk it over together.",
        locale=locale,
    ).format(name=approver, post=post)


def author_rejected_with_reason(approver: str, post: str, reason: str, locale: str) -> str:
    """`reason`: the reviewer's words as bot/flows/reason.py quoted() gives them (escaped, in a quote)."""
    return _(
        "Your post {post} was not approved: {name} rejected it, giving this reason:\n{reason}\n"
        "It will not be sent; talk it over together.",
        locale=locale,
    ).format(name=approver, post=post, reason=reason)


def ask_reject_reason(post: str, limit: int, locale: str) -> str:
    """`post`: post_label's name of it (escaped), in the approver's language."""
    return _(
        "Why is post {post} rejected? Write the reason in one message, up to {limit} characters: the author "
        "gets it. To reject it without a reason, press the button below.",
        locale=locale,
    ).format(post=post, limit=limit)


reject_without_reason = __("Reject without a reason")
reject_cancelled = __("The rejection is cancelled: the post still waits for approval.")
rejected_with_reason = __("Rejected. The author has been told the reason.")
withdrawn_by_author = __("The author has withdrawn this post; it will not be sent.")


# What the other approvers' cards say once one of them has decided (`name`: person_link of who did).
def approved_by(name: str, locale: str) -> str:
    return _("✅ {name} approved this post.", locale=locale).format(name=name)


def rejected_by(name: str, locale: str) -> str:
    return _("{name} rejected this post; it will not be sent.", locale=locale).format(name=name)


# --- /approvals ----------------------------------------------------------------------------------------


class ApprovalOpenCb(CallbackData, prefix="apl"):
    """Opens the card of one post of the list."""

    act: Literal["o"] = "o"
    post_id: int


class ApprovalPageCb(CallbackData, prefix="apl"):
    act: Literal["p"] = "p"
    page: int


@dataclass(frozen=True, slots=True)
class Waiting:
    """One post of the list, in words."""

    post_id: int
    text: str  # the post's own text, stored HTML, in the viewer's language
    author: str  # HTML
    audience: str  # HTML
    when: str


nothing_waits = __("Nothing is waiting for your approval now.")
not_waiting_any_more = __("This post no longer waits for approval.")


# A page of the list stays well inside Telegram's 4096 characters (an audience may name many schools).
LIST_BUDGET = 3500
LIST_ROWS = 5


def _line(item: Waiting, locale: str) -> str:
    return _("<b>#{id}</b> «{text}»\nFrom: {author}\nTo: {audience}\nSending: {when}", locale=locale).format(
        id=item.post_id, text=snippet(item.text), author=item.author, audience=item.audience, when=item.when
    )


def list_view(waiting: Sequence[Waiting], page: int, locale: str) -> tuple[str, InlineKeyboardMarkup]:
    """One page of the posts waiting, oldest first, each with a button that opens its card."""
    shown = page_of(fitted_pages(waiting, lambda item: _line(item, locale), LIST_ROWS, LIST_BUDGET), page)
    head = _(
        "<b>Waiting for your approval: {n}</b>\nPress a post to see it with «Approve» and «Reject».",
        locale=locale,
    ).format(n=len(waiting))
    lines = [head + page_line(shown.number, shown.count, locale), *(_line(i, locale) for i in shown.items)]
    opens = (
        button(
            short(f"#{item.post_id} «{unescape(snippet(item.text, 40))}»"),
            ApprovalOpenCb(post_id=item.post_id),
        )
        for item in shown.items
    )
    arrows = page_arrows(shown, lambda n: ApprovalPageCb(page=n))
    return "\n\n".join(lines), column(opens, arrows)
