"""Helplines as Telegram HTML: the short /sos screen, and the whole list in one message per language."""

from __future__ import annotations

from html import escape

from aiogram.utils.i18n import gettext as _

from bot.content import Helpline
from bot.views.phrases import __


def helpline_facts(h: Helpline, locale: str) -> str:
    facts = []
    if h.around_the_clock:
        facts.append(_("round the clock", locale=locale))
    if h.free:
        facts.append(_("free", locale=locale))
    if h.anonymous:
        facts.append(_("anonymous", locale=locale))
    return ", ".join(facts)


def helpline_card(h: Helpline, locale: str) -> str:
    t = h.text(locale)
    title = f"☎️ <b>{escape(h.phone)}</b> — <b>{escape(t.name)}</b>" if h.phone else f"<b>{escape(t.name)}</b>"
    lines = [title, escape(t.purpose)]
    facts = helpline_facts(h, locale)
    # "Round the clock" already says when; the hours text would only repeat it.
    when = facts if h.around_the_clock else " · ".join(filter(None, (t.hours, facts)))
    lines.append(f"<i>{escape(when)}</i>")
    if h.url:
        lines.append(f'<a href="{escape(h.url, quote=True)}">{escape(h.url)}</a>')
    return "\n".join(lines)


# The list is read by parents and by children alike: no «ты», no «вы» in what the code adds to the cards.
def helplines_message(helplines: tuple[Helpline, ...] | list[Helpline], locale: str) -> str:
    head = _(
        "<b>All helplines</b>\nYou can call or write even if it seems a small thing.",
        locale=locale,
    )
    cards = "\n\n".join(helpline_card(h, locale) for h in helplines)
    tail = _("If someone's life is in danger right now: <b>112</b>, from any phone.", locale=locale)
    return f"{head}\n\n{cards}\n\n{tail}"


# /sos: the first screen of whoever needs help now, perhaps a child at night. Three numbers, each with when
# to call it, in words that fit a child and do not sound odd to a parent (impersonal: neither «ты» nor «вы»);
# the whole list is one button away.
SOS_LINES = (
    __("<b>If you need help right now</b>"),
    __(
        "☎️ <b>111</b> — if it is hard or scary, or someone hurts you. They will listen and advise. "
        "Free, anonymous, round the clock."
    ),
    __("🚨 <b>112</b> — if life or health is in danger right now. Any phone can call it."),
    __("👮 <b>102</b> — police: if someone hits or threatens."),
    __("You can call even if it seems a small thing."),
)


def sos_message(locale: str) -> str:
    head, *lines, tail = (line(locale) for line in SOS_LINES)
    return f"{head}\n\n" + "\n".join(lines) + f"\n\n{tail}"
