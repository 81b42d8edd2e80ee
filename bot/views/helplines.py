"""Helplines as Telegram HTML, in one message per language."""

from __future__ import annotations

from html import escape

from aiogram.utils.i18n import gettext as _

from bot.content import Helpline


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


def helplines_message(helplines: tuple[Helpline, ...] | list[Helpline], locale: str) -> str:
    head = _(
        "<b>Where to get help</b>\nYou can call or write even if you are not sure it is serious enough.",
        locale=locale,
    )
    cards = "\n\n".join(helpline_card(h, locale) for h in helplines)
    tail = _("If someone's life is in danger right now, call <b>112</b>.", locale=locale)
    return f"{head}\n\n{cards}\n\n{tail}"
