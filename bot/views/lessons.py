from __future__ import annotations

from html import escape

from aiogram.utils.i18n import gettext as _

from bot.content import AgeGroup, Content, Topic


def lessons_intro(content: Content, locale: str) -> str:
    return f"{content.lessons.intro.get(locale).strip()}\n\n" + _("Choose the age group:", locale=locale)


def group_text(group: AgeGroup, locale: str) -> str:
    return f"<b>{escape(group.get(locale).title)}</b>\n" + _("Topics of the lessons:", locale=locale)


def topic_message(group: AgeGroup, topic: Topic, locale: str) -> str:
    t = topic.get(locale)
    # Labels outside the f-string: Babel's extractor does not look inside f-strings.
    learns = _("What the child learns", locale=locale)
    at_home = _("How to reinforce it at home", locale=locale)
    return (
        f"<b>{escape(t.title)}</b> · <i>{escape(group.get(locale).title)}</i>\n\n"
        f"<b>{learns}</b>\n{t.learns.strip()}\n\n"
        f"<b>{at_home}</b>\n{t.at_home.strip()}"
    )
