"""/materials for staff: which lesson topics and memos have approved files in Kazakh and in Russian."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from aiogram.utils.i18n import gettext as _

from bot.content import Content
from bot.views.lessons import in_reader_language, language_mark
from bot.views.paging import short
from bot.views.phrases import __
from bot.views.stats import fit
from db.models import Material
from db.repositories.material_catalogue import Coverage
from domain.enums import MaterialTarget

# The memos are one more section beside the age groups; no age-group slug is this.
MEMOS = "memos"


@dataclass(frozen=True, slots=True)
class Section:
    key: str  # an age group's slug, or MEMOS
    target: str  # lesson, memo
    title: str
    topics: tuple[tuple[str, str], ...]  # (slug, title in the viewer's language)

    @property
    def is_age_group(self) -> bool:
        return self.target == MaterialTarget.LESSON


def sections(content: Content, locale: str) -> list[Section]:
    groups = [
        Section(
            key=group.slug,
            target=MaterialTarget.LESSON,
            title=group.get(locale).title,
            topics=tuple((t.slug, t.get(locale).title) for t in group.topics),
        )
        for group in content.lessons.groups
    ]
    memos = Section(
        key=MEMOS,
        target=MaterialTarget.MEMO,
        title=_("Memos", locale=locale),
        topics=tuple((m.slug, m.get(locale).title) for m in content.memos.memos),
    )
    return [*groups, memos]


def section(content: Content, key: str, locale: str) -> Section | None:
    return next((s for s in sections(content, locale) if s.key == key), None)


def section_of(content: Content, material: Material, locale: str) -> Section | None:
    """The section a material belongs to, found from its topic or memo slug."""
    return next(
        (
            s
            for s in sections(content, locale)
            if s.target == material.target and any(slug == material.slug for slug, _title in s.topics)
        ),
        None,
    )


def topic_title(content: Content, material: Material, locale: str) -> str:
    found = section_of(content, material, locale)
    titles = dict(found.topics) if found else {}
    return titles.get(material.slug, material.slug)


def counts_text(kk: int, ru: int, locale: str) -> str:
    return _("kk {kk} · ru {ru}", locale=locale).format(kk=kk, ru=ru)


_PROPOSALS = __("{n} proposal waits for review.", "{n} proposals wait for review.")


def overview_text(parts: list[tuple[Section, Mapping[str, Coverage]]], pending: int, locale: str) -> str:
    lines = [
        _("<b>Lesson and memo materials</b>", locale=locale),
        _("How many topics have approved files or links in Kazakh and in Russian:", locale=locale),
        "",
    ]
    for part, coverage in parts:
        total = len(part.topics)
        kk = sum(1 for slug, _title in part.topics if coverage.get(slug, Coverage()).kk)
        ru = sum(1 for slug, _title in part.topics if coverage.get(slug, Coverage()).ru)
        covered = _("kk {kk} of {total} · ru {ru} of {total}", locale=locale).format(
            kk=kk, ru=ru, total=total
        )
        lines.append(f"• <b>{escape(part.title)}</b>: {covered}")
    lines.append("")
    lines.append(
        _PROPOSALS(pending, locale) if pending else _("No proposals wait for review.", locale=locale)
    )
    lines.append(_("Choose a section to see each topic, the gaps and the 📦 pack:", locale=locale))
    return fit(lines, locale)


def section_text(part: Section, coverage: Mapping[str, Coverage], locale: str) -> str:
    lines = [
        _("<b>{title}</b> · materials", locale=locale).format(title=escape(part.title)),
        _("Approved files and links per topic (one in both languages counts for each):", locale=locale),
    ]
    no_kk: list[str] = []
    no_ru: list[str] = []
    none: list[str] = []
    for slug, title in part.topics:
        c = coverage.get(slug, Coverage())
        mark = "✅" if c.kk and c.ru else "⚠️"
        lines.append(f"{mark} {escape(title)} — {counts_text(c.kk, c.ru, locale)}")
        if c.none:
            none.append(title)
        elif not c.kk:
            no_kk.append(title)
        elif not c.ru:
            no_ru.append(title)
    lines.append("")
    gaps = (
        (_("<b>Only in Russian, no Kazakh yet:</b>", locale=locale), no_kk),
        (_("<b>Only in Kazakh, no Russian yet:</b>", locale=locale), no_ru),
        (_("<b>No materials at all:</b>", locale=locale), none),
    )
    for heading, titles in gaps:
        if titles:
            lines.append(f"{heading} " + "; ".join(escape(t) for t in titles))
    if not (no_kk or no_ru or none):
        lines.append(_("Every topic has materials in both languages.", locale=locale))
    return fit(lines, locale)


def any_language_mark(language: str, locale: str) -> str:
    return _("(in both languages)", locale=locale) if language == "both" else language_mark(language, locale)


def removal_label(material: Material, locale: str) -> str:
    mark = language_mark(material.language, locale) if material.language != "both" else ""
    return f"🗑 {short(material.title_in(locale), 44)} {mark}".rstrip()


def removal_list_text(part: Section, count: int, locale: str) -> str:
    if not count:
        return _("<b>{title}</b>: nothing here that you can remove.", locale=locale).format(
            title=escape(part.title)
        )
    return _(
        "<b>{title}</b>: choose the material to remove. Readers will no longer see it.", locale=locale
    ).format(title=escape(part.title))


def removal_confirm_text(material: Material, topic: str, locale: str) -> str:
    return _(
        "Remove «{title}» {language} from «{topic}»?\nParents and students will no longer see it.",
        locale=locale,
    ).format(
        title=escape(material.title_in(locale)),
        language=any_language_mark(material.language, locale),
        topic=escape(topic),
    )


def removed_text(material: Material, locale: str) -> str:
    return _("✅ Removed: «{title}».", locale=locale).format(title=escape(material.title_in(locale)))


removed_toast = __("Removed.")
material_gone_staff_text = __("This material has already been removed or is no longer approved.")
removal_refused_text = __("Only a coordinator of the area it came from or an administrator can remove it.")


_FILES = __("{n} file", "{n} files")
_LINKS = __("{n} link", "{n} links")


def pack_intro_text(part: Section, files: int, links: int, locale: str) -> str:
    head = _("📦 <b>{title}</b>: the materials for the lessons.", locale=locale).format(
        title=escape(part.title)
    )
    counted = _FILES(files, locale) + (", " + _LINKS(links, locale) if links else "")
    language = _(
        "In your language; where a topic has files only in the other language, those come instead.",
        locale=locale,
    )
    pace = _("Files come in albums of up to ten; it takes a little while.", locale=locale)
    return f"{head}\n{counted}. {language}\n{pace}"


def pack_empty_text(part: Section, locale: str) -> str:
    return _("📦 <b>{title}</b>: no approved materials yet.", locale=locale).format(title=escape(part.title))


pack_busy_text = __("A pack is already on its way to you. Please wait for it.")


def pack_links_text(links: list[tuple[Material, str]], locale: str) -> str:
    lines = [_("🔗 <b>Links</b>", locale=locale)]
    for material, topic in links:
        url = escape(material.url or "", quote=True)
        mark = "" if in_reader_language(material, locale) else f" {language_mark(material.language, locale)}"
        lines.append(f'• <a href="{url}">{escape(material.title_in(locale))}</a>{mark} — {escape(topic)}')
    return fit(lines, locale)


def pack_failed_text(failed: list[Material], locale: str) -> str:
    titles = "; ".join(f"«{escape(m.title_in(locale))}»" for m in failed)
    return fit(
        [_("⚠️ Telegram did not accept these files; upload them again:", locale=locale), titles], locale
    )
