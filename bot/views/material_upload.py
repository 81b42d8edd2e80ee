"""Texts of /upload and of the review of proposed materials; the buttons are in upload_keyboards.py."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

from aiogram.utils.i18n import gettext as _
from babel.numbers import format_decimal

from bot.content import AgeGroup, Content, MemoCategory
from bot.flows.reason import REASON_LIMIT
from bot.flows.wizard import numbered
from bot.materials.allowlist import ALLOWED_LIST, MAX_BYTES, MAX_VIDEO_SECONDS, Refusal
from bot.views.phrases import __
from db.models import Material
from domain.enums import MaterialTarget

TITLE_LIMIT = 120
# --- small pieces -----------------------------------------------------------------------------------


def human_size(size: int | None, locale: str) -> str:
    # Rounded up, so a file just over the limit never reads as exactly the limit.
    if size is None:
        return "?"
    if size < 1024 * 1024:
        kb = format_decimal(math.ceil(size * 10 / 1024) / 10, "#,##0.#", locale=locale)
        return _("{n} KB", locale=locale).format(n=kb)
    mb = format_decimal(math.ceil(size * 10 / (1024 * 1024)) / 10, "#,##0.#", locale=locale)
    return _("{n} MB", locale=locale).format(n=mb)


def language_name(language: str, locale: str) -> str:
    names = {
        "kk": _("Kazakh", locale=locale),
        "ru": _("Russian", locale=locale),
        "both": _("Kazakh and Russian", locale=locale),
    }
    return names.get(language, language)


def target_title(content: Content, target: str, slug: str, locale: str) -> str:
    """«Topic» lesson or «Memo» memo, in the reader's language (the slug if content no longer has it)."""
    if target == MaterialTarget.LESSON:
        found = content.topic(slug)
        title = found[1].get(locale).title if found else slug
        return _("lesson «{title}»", locale=locale).format(title=escape(title))
    memo = content.memo(slug)
    title = memo.get(locale).title if memo else slug
    return _("memo «{title}»", locale=locale).format(title=escape(title))


def age_name(content: Content, age_group: str | None, locale: str) -> str:
    """The age group as it reads after the summary's label: «Возрастная группа: студенты колледжей» (the
    title is capitalised for its button)."""
    group = content.age_group(age_group) if age_group else None
    if group is None:
        return _("all ages", locale=locale)
    title = group.get(locale).title
    return escape(title[:1].lower() + title[1:])


def file_line(material: Material, locale: str) -> str:
    """The file's name and size, or the link."""
    if material.url:
        return _("Link: {url}", locale=locale).format(url=escape(material.url))
    name = material.file_name or (_("photo", locale=locale) if material.media_type == "photo" else "—")
    return _("File: {name}, {size}", locale=locale).format(
        name=escape(name), size=human_size(material.file_size, locale)
    )


def attached_name(url: str | None, file_name: str | None, media_type: str | None, locale: str) -> str:
    """The link, or the file's name, as the question of a file changed from the summary names it."""
    if url:
        return escape(url)
    return escape(file_name or (_("photo", locale=locale) if media_type == "photo" else "—"))


def summary(content: Content, material: Material, locale: str) -> str:
    """What the material is: the preview and the review card show both titles of one in both languages."""
    fields = {
        "target": target_title(content, material.target, material.slug, locale),
        "age": age_name(content, material.age_group, locale),
        "language": language_name(material.language, locale),
        "title": escape(material.title),
        "file": file_line(material, locale),
    }
    if material.title_ru:
        return _(
            "For: {target}\nAge: {age}\nLanguage: {language}\nTitle in Kazakh: <b>{title}</b>\n"
            "Title in Russian: <b>{title_ru}</b>\n{file}",
            locale=locale,
        ).format(title_ru=escape(material.title_ru), **fields)
    return _(
        "For: {target}\nAge: {age}\nLanguage: {language}\nTitle: <b>{title}</b>\n{file}", locale=locale
    ).format(**fields)


# --- the /upload conversation ---------------------------------------------------------------------


def upload_steps(data: Mapping[str, object]) -> list[str]:
    """The steps this uploader will see: a lesson topic is found by age group and topic and has its age;
    a memo by category and memo, and is asked for whom. Until the choice, the shorter (lesson) way counts.
    A material in both languages has its title asked in Kazakh, then in Russian."""
    titles = ["title", "title_ru"] if data.get("language") == "both" else ["title"]
    if data.get("way") == "memo":
        return ["target", "category", "memo", "file", "language", *titles, "age"]
    return ["target", "group", "topic", "file", "language", *titles]


def step_text(name: str, steps: Sequence[str], body: str, locale: str) -> str:
    """A question of /upload under its header: which of the counted steps (`Step.counted`) it is."""
    number, total = numbered(name, steps)
    header = _("<b>New material · step {step} of {steps}</b>", locale=locale).format(step=number, steps=total)
    return header + "\n" + body


ask_target = __(
    "What is it for: a topic of the «Personal safety» lessons or a memo?\n/cancel stops at any step."
)
ask_group = __("Choose the age group:")


def ask_topic(group: AgeGroup, locale: str) -> str:
    return _("<b>{group}</b>\nChoose the topic:", locale=locale).format(group=escape(group.get(locale).title))


ask_category = __("Choose the memo category:")


def ask_memo(category: MemoCategory, locale: str) -> str:
    return _("<b>{category}</b>\nChoose the memo:", locale=locale).format(
        category=escape(category.title(locale))
    )


def ask_file(target: str, locale: str) -> str:
    return _(
        "Material for {target}.\n"
        "Send the file: PDF, PPTX, DOCX, an image (JPG, PNG) or a short video (MP4, up to {minutes} min), "
        "at most {limit} MB. Or send a link that starts with https://",
        locale=locale,
    ).format(target=target, minutes=MAX_VIDEO_SECONDS // 60, limit=MAX_BYTES // (1024 * 1024))


def _allowed(locale: str) -> str:
    return _("Allowed: {types} up to {limit} MB, or an https:// link.", locale=locale).format(
        types=ALLOWED_LIST, limit=MAX_BYTES // (1024 * 1024)
    )


def refusal_text(reason: Refusal, what: str, size: int | None, locale: str) -> str:
    what = escape(what)
    if reason is Refusal.TOO_BIG:
        return _(
            "This file is {size}, and the limit is {limit} MB: a bot cannot receive bigger files. "
            "Please compress it or split it, or upload it to a site and send the link.",
            locale=locale,
        ).format(size=human_size(size, locale), limit=MAX_BYTES // (1024 * 1024))
    if reason is Refusal.TOO_LONG:
        return _(
            "This video is longer than {minutes} minutes. Please send a shorter clip or a link to the video.",
            locale=locale,
        ).format(minutes=MAX_VIDEO_SECONDS // 60)
    if reason is Refusal.OLD_OFFICE:
        return _(
            "{what} is an old Office format. Please save it as DOCX or PPTX (or PDF) and send it again.",
            locale=locale,
        ).format(what=what)
    if reason is Refusal.MISMATCH:
        return (
            _("The file's name and its type do not match: {what}.", locale=locale).format(what=what)
            + " "
            + _allowed(locale)
        )
    if not what:
        return _("Files of this type cannot be attached.", locale=locale) + " " + _allowed(locale)
    return (
        _("Files of this type cannot be attached: {what}.", locale=locale).format(what=what)
        + " "
        + _allowed(locale)
    )


_KIND_REFUSALS = {
    "voice": __("Voice messages cannot be attached."),
    "audio": __("Audio files cannot be attached."),
    "sticker": __("Stickers cannot be attached."),
    "video_note": __("Round video messages cannot be attached."),
    "animation": __("GIF animations cannot be attached."),
}
_OTHER_KIND_REFUSAL = __("This kind of message cannot be attached.")


def message_kind_refusal(content_type: str, locale: str) -> str:
    first = _KIND_REFUSALS.get(content_type, _OTHER_KIND_REFUSAL)(locale)
    return f"{first} {_allowed(locale)}"


bad_link_text = __(
    "Only https:// links with a site address can be attached, for example https://example.kz/lesson"
)
file_expected_text = __("Please send a file or a link that starts with https:// (or /cancel).")
download_failed_text = __("Telegram did not hand over the file. Please send it again in a minute.")


def duplicate_text(target: str, existing: Material, locale: str) -> str:
    if existing.url:
        text = _("This link is already attached to {target}: «{title}».", locale=locale)
    else:
        text = _("This very file is already attached to {target}: «{title}».", locale=locale)
    note = _("There is no need to add it twice.", locale=locale)
    return text.format(target=target, title=escape(existing.title_in(locale))) + " " + note


ask_language = __("Which language is the material in?")


_TITLE_QUESTIONS = {
    # The one title of a material in one language.
    "": __("Send a title for the material, up to {limit} characters: parents see it on the button."),
    "kk": __(
        "Send the title of the material <b>in Kazakh</b>, up to {limit} characters: parents who chose "
        "Kazakh see it on the button."
    ),
    "ru": __(
        "Now send the title <b>in Russian</b>, up to {limit} characters: parents who chose Russian see it "
        "on the button."
    ),
}


def ask_title(suggestion: str | None, locale: str, language: str = "") -> str:
    """The title step: the one title, or for a material in both languages the Kazakh (`language` kk) or the
    Russian (ru) one."""
    text = _TITLE_QUESTIONS[language](locale).format(limit=TITLE_LIMIT)
    if suggestion:
        text += "\n" + _("Or take the file name with the button below.", locale=locale)
    return text


title_too_long = __(
    "The title is {length} character long, and the limit is {limit}. Please shorten it.",
    "The title is {length} characters long, and the limit is {limit}. Please shorten it.",
).bind(number_as="length", limit=TITLE_LIMIT)
title_expected = __("Please send the title as a text message (or /cancel).")
ask_age = __("Which age is the memo material for?")


def preview_text(content: Content, draft: Material, reviewed: bool, locale: str) -> str:
    note = (
        _("After you confirm, parents see it at once.", locale=locale)
        if reviewed
        else _(
            "After you confirm, a coordinator reviews it; parents see it once it is approved.", locale=locale
        )
    )
    return (
        _("<b>Check the material</b>", locale=locale) + "\n" + summary(content, draft, locale) + f"\n\n{note}"
    )


def saved_text(target: str, locale: str) -> str:
    return _("✅ Saved. Parents see it now under {target}.", locale=locale).format(target=target)


proposed_text = __("✅ Sent for review. You will get a message when a coordinator approves or rejects it.")
no_reviewer_text = __(
    "No coordinator of your area uses the bot yet, so nobody has been told. The material waits; "
    "a coordinator finds it with /upload."
)
cancelled_text = __("Cancelled. Nothing was saved.")
already_saved_text = __("This material is already saved.")


# --- review ---------------------------------------------------------------------------------------


def review_request_text(content: Content, material: Material, org: str, locale: str) -> str:
    proposer = f'<a href="tg://user?id={material.proposed_by}">{material.proposed_by}</a>'
    head = _("<b>A material awaits your review</b>\nFrom: {org} ({proposer})", locale=locale).format(
        org=escape(org), proposer=proposer
    )
    tail = "" if material.url else "\n" + _("The file itself is above.", locale=locale)
    return f"{head}\n{summary(content, material, locale)}{tail}"


pending_intro = __("{n} material awaits your review:", "{n} materials await your review:")
approved_for_reviewer = __("✅ Approved. Parents see it now.")


def approved_for_proposer(title: str, target: str, locale: str) -> str:
    return _(
        "✅ Your material «{title}» for {target} has been approved. Parents see it now.", locale=locale
    ).format(title=escape(title), target=target)


def ask_reason(title: str, locale: str) -> str:
    return _(
        "Why is «{title}» rejected? Write the reason in one message, up to {limit} characters: "
        "the author gets it.",
        locale=locale,
    ).format(title=escape(title), limit=REASON_LIMIT)


reason_cancelled = __("The rejection is cancelled: the material still waits for review.")
rejected_for_reviewer = __("Rejected. The author has been told the reason.")


def rejected_for_proposer(title: str, target: str, reason: str, locale: str) -> str:
    return _(
        "Your material «{title}» for {target} was not approved.\nThe coordinator's reason: {reason}",
        locale=locale,
    ).format(title=escape(title), target=target, reason=escape(reason))


already_reviewed_text = __("This material has already been reviewed.")
own_material_text = __("You cannot review your own material.")
