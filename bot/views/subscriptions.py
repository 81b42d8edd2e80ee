"""The parents' subscription screens: callback data and texts of choosing a school and grades, and of what
they now receive."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from html import escape as _escape

from aiogram.filters.callback_data import CallbackData
from aiogram.utils.i18n import gettext as _

from bot.flows.grades import grades_phrase
from bot.views.orgs import org_html
from bot.views.paging import page_line, short
from bot.views.phrases import __
from db.models import Organisation
from db.repositories.subscriptions import SubscriptionView
from domain.enums import OrgKind


class SubAction(StrEnum):
    browse = "b"  # code "" = the top: the regions, or the one region's districts
    org = "o"  # the grade step of an organisation, with its current grades ticked
    toggle = "t"  # tick (`on`) or untick `grade` on the grade step
    done = "d"  # save the ticked grades as those followed at `code`
    lang = "l"  # switch the language from the grade step (newcomers by deep link)


class SubCb(CallbackData, prefix="sub"):
    action: SubAction
    code: str = ""
    page: int = 0
    grade: str = ""
    # Whether the grade step offers the language switch: shown to newcomers by deep link.
    switch: bool = False
    # For `toggle`: the state the press asks for, so a repeated or late press cannot undo another one.
    on: bool = False


class UnsubAction(StrEnum):
    mine = "m"  # the /mysubscriptions screen
    list = "l"  # the /unsubscribe screen
    one = "o"
    ask_all = "a"
    all = "y"


class UnsubCb(CallbackData, prefix="uns"):
    action: UnsubAction
    # The organisation and grade rather than the row id: a button stays meaningful if the parent
    # unsubscribes and subscribes again, and presses every time the same.
    code: str = ""
    grade: str = ""


def escape(text: str) -> str:
    # Quotes stay as they are, so a screen compares equal to the message Telegram echoes back.
    return _escape(text, quote=False)


_KIND_ORDER: dict[str, int] = {
    OrgKind.REGION: 0,
    OrgKind.CITY: 1,
    OrgKind.DISTRICT: 2,
    OrgKind.SCHOOL: 3,
    OrgKind.KINDERGARTEN: 4,
    OrgKind.COLLEGE: 5,
}


def display_order(orgs: Iterable[Organisation]) -> list[Organisation]:
    """Cities before districts, then schools, kindergartens and colleges; by code within a kind (the codes
    carry the numbers, so school No 3 comes before No 12)."""
    return sorted(orgs, key=lambda o: (_KIND_ORDER.get(o.kind, len(_KIND_ORDER)), o.code))


def subscription_lines(subscriptions: Sequence[SubscriptionView], locale: str, bullet: str = "• ") -> str:
    """One line per organisation, with the grades followed there."""
    by_org: dict[str, list[SubscriptionView]] = {}
    for sub in subscriptions:
        by_org.setdefault(sub.org_code, []).append(sub)
    lines = []
    for subs in by_org.values():
        name = f"<b>{escape(subs[0].org_name(locale))}</b>"
        grades = grades_phrase(subs[0].org_kind, (s.grade for s in subs), locale)
        lines.append(f"{bullet}{name} — {grades}" if grades else f"{bullet}{name}")
    return "\n".join(lines)


def subscription_label(sub: SubscriptionView, locale: str) -> str:
    """A subscription as a short button label."""
    name = short(sub.org_name(locale), 40)
    grades = grades_phrase(sub.org_kind, (sub.grade,), locale)
    return f"{name} — {grades}" if grades else name


def posts_language_line(locale: str) -> str:
    if locale == "ru":
        return _("Posts come to you in Russian. To change the language: /language", locale=locale)
    return _("Posts come to you in Kazakh. To change the language: /language", locale=locale)


choose_region_text = __("<b>Subscribe to school news</b>\nChoose your region:")
no_orgs_text = __("No schools are listed in the bot yet. Please try again later.")
unknown_code_text = __(
    "The bot does not know the school from this link or QR code. Please choose it from the list."
)
pick_a_grade_text = __("Tick at least one grade.")


def choose_in_area_text(area: Organisation, has_areas: bool, page: int, pages: int, locale: str) -> str:
    prompt = (
        _("Choose the district or city:", locale=locale)
        if has_areas
        else _("Choose the school, kindergarten or college:", locale=locale)
    )
    return f"<b>{org_html(area, locale)}</b>\n{prompt}" + page_line(page, pages, locale)


def empty_area_text(area: Organisation, locale: str) -> str:
    return "<b>{name}</b>\n{note}".format(
        name=org_html(area, locale), note=_("No schools are listed here yet.", locale=locale)
    )


def grade_step_text(org: Organisation, locale: str) -> str:
    name = f"<b>{org_html(org, locale)}</b>"
    if org.kind == OrgKind.SCHOOL:
        body = _(
            "Which grade is your child in? Tick the grade of each of your children at this school, "
            "then press «Done».",
            locale=locale,
        )
    elif org.kind == OrgKind.KINDERGARTEN:
        body = _("Receive the kindergarten's news for parents?", locale=locale)
    else:
        body = _("Receive the college's news for parents?", locale=locale)
    note = _("The bot never asks for children's names.", locale=locale)
    return f"{name}\n{body}\n\n<i>{note}</i>"


def subscribed_text(subscriptions: Sequence[SubscriptionView], locale: str) -> str:
    head = _("✅ Saved. You now receive news from:", locale=locale)
    return f"{head}\n{subscription_lines(subscriptions, locale)}\n\n{posts_language_line(locale)}"


def my_subscriptions_text(subscriptions: Sequence[SubscriptionView], locale: str) -> str:
    if not subscriptions:
        return _(
            "You have no subscriptions yet. Subscribe to your child's school to receive its news.",
            locale=locale,
        )
    head = _("<b>Your subscriptions</b>", locale=locale)
    return f"{head}\n{subscription_lines(subscriptions, locale)}\n\n{posts_language_line(locale)}"


unsubscribe_text = __("Which subscription do you want to remove? Press it:")
unsubscribe_all_question = __("Unsubscribe from all schools? Their posts will stop coming to you.")
unsubscribed_all_text = __("Done: you are unsubscribed from everything. To subscribe again: /subscribe")
unsubscribed_one_text = __("Unsubscribed")
