from __future__ import annotations

from html import escape

from aiogram.utils.i18n import gettext as _

from bot.content import AgeGroup, Content, Topic
from bot.views.paging import short
from bot.views.phrases import __
from db.models import Material


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


# Materials --------------------------------------------------------------------------------------

# Telegram's caption limit.
CAPTION_LIMIT = 1024
# Telegram's message limit.
MESSAGE_LIMIT = 4096

KIND_ICONS = {"pdf": "📄", "docx": "📄", "pptx": "📊", "image": "🖼", "video": "🎬", "link": "🔗"}


def in_reader_language(material: Material, locale: str) -> bool:
    return material.language in (locale, "both")


def language_mark(language: str, locale: str) -> str:
    """Says which language a file is in, for a reader of the other one."""
    if language == "ru":
        return _("(in Russian)", locale=locale)
    if language == "kk":
        return _("(in Kazakh)", locale=locale)
    return ""


def material_label(material: Material, locale: str) -> str:
    icon = KIND_ICONS.get(material.kind, "📎")
    label = f"{icon} {short(material.title_in(locale), 48)}"
    if not in_reader_language(material, locale):
        label = f"{label} {language_mark(material.language, locale)}"
    return label


def only_in_note(language: str, locale: str) -> str:
    if language == "ru":
        return _("This material exists only in Russian for now.", locale=locale)
    return _("This material exists only in Kazakh for now.", locale=locale)


def material_caption(material: Material, locale: str, topic_title: str | None = None) -> str:
    """The title (and the topic, in a pack), plus a note when the file is in the other language."""
    note = ""
    if not in_reader_language(material, locale):
        note = f"\n\n<i>{only_in_note(material.language, locale)}</i>"
    topic = f"\n<i>{escape(topic_title)}</i>" if topic_title else ""
    title = material.title_in(locale)
    # Titles are short (120 characters), but escaping can grow them: trim until the caption fits.
    while True:
        caption = f"<b>{escape(title)}</b>{topic}{note}"
        if len(caption) <= CAPTION_LIMIT or not title:
            return caption
        title = title[: max(0, len(title) - 20)]


def with_materials_hint(text: str, count: int, locale: str) -> str:
    if not count:
        return text
    hint = _("📎 Files for this topic are under this message: press one to receive it.", locale=locale)
    combined = f"{text}\n\n{hint}"
    return combined if len(combined) <= MESSAGE_LIMIT else text


material_gone_text = __("This material is no longer available.")


def link_text(material: Material, locale: str) -> str:
    return f'🔗 <a href="{escape(material.url or "", quote=True)}">{escape(material.title_in(locale))}</a>'
