"""Stored files sent again by the file_id Telegram gave them on upload, so none travels through the bot twice:
one at a time (a reader's lesson, a reviewer's file) or a whole age group's pack as albums (/materials)."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InputMediaDocument, InputMediaPhoto, InputMediaVideo, Message

from bot.views.lessons import in_reader_language, material_caption
from bot.views.materials import Section, pack_failed_text, pack_intro_text, pack_links_text
from db.models import Material

log = logging.getLogger(__name__)

# Telegram's limit of files in one album.
ALBUM_SIZE = 10


def media_type(material: Material) -> str:
    return material.media_type or {"image": "photo", "video": "video"}.get(material.kind, "document")


async def send_material(bot: Bot, chat_id: int, material: Material, caption: str | None = None) -> Message:
    """Sends a stored file by its file_id (nothing is uploaded again) with the method its type needs.

    Readers, staff taking a pack and reviewers all get files through this.
    """
    assert material.file_id is not None
    kind = media_type(material)
    if kind == "photo":
        return await bot.send_photo(chat_id, material.file_id, caption=caption)
    if kind == "video":
        return await bot.send_video(chat_id, material.file_id, caption=caption)
    return await bot.send_document(chat_id, material.file_id, caption=caption)


async def send_material_to(message: Message, material: Material, caption: str) -> Message:
    """The same, into the chat of `message` (a message the bot received or sent, so bound to it)."""
    assert message.bot is not None
    return await send_material(message.bot, message.chat.id, material, caption)


def pack_choice(materials: list[Material], part: Section, locale: str) -> list[Material]:
    """Per topic, the files in the viewer's language; the other language only where a topic has no other."""
    chosen: list[Material] = []
    for slug, _title in part.topics:
        of_topic = [m for m in materials if m.slug == slug]
        own = [m for m in of_topic if in_reader_language(m, locale)]
        chosen.extend(own or of_topic)
    return chosen


def albums(files: list[Material]) -> list[list[Material]]:
    """Documents together, photos and videos together (Telegram mixes neither), ten at most per album."""
    documents = [m for m in files if media_type(m) == "document"]
    visual = [m for m in files if media_type(m) != "document"]
    return [kind[i : i + ALBUM_SIZE] for kind in (documents, visual) for i in range(0, len(kind), ALBUM_SIZE)]


def input_media(material: Material, caption: str) -> InputMediaDocument | InputMediaPhoto | InputMediaVideo:
    assert material.file_id is not None
    album_type = {"photo": InputMediaPhoto, "video": InputMediaVideo}.get(
        media_type(material), InputMediaDocument
    )
    return album_type(media=material.file_id, caption=caption)


async def send_album(message: Message, album: list[Material], captions: list[str]) -> list[Material]:
    """Sends one album (or a lone file); returns the files Telegram refused."""
    try:
        if len(album) == 1:
            # An album needs two files at least.
            await send_material_to(message, album[0], captions[0])
        else:
            await message.answer_media_group(
                [input_media(m, c) for m, c in zip(album, captions, strict=True)]
            )
        return []
    except TelegramBadRequest as error:
        log.warning("album of materials %s refused: %s", [m.id for m in album], error.message)
        if len(album) == 1:
            return album
    # One bad file_id spoils the whole album: the rest still go, one by one.
    failed = []
    for material, caption in zip(album, captions, strict=True):
        try:
            await send_material_to(message, material, caption)
        except TelegramBadRequest:
            failed.append(material)
    return failed


async def send_pack(message: Message, part: Section, chosen: list[Material], locale: str) -> None:
    titles = dict(part.topics)
    files = [m for m in chosen if m.file_id]
    links = [(m, titles.get(m.slug, m.slug)) for m in chosen if not m.file_id and m.url]
    sent = await message.answer(pack_intro_text(part, len(files), len(links), locale))
    # The pace (about a message a second in one chat, each file of an album counted) is the shared
    # limiter's: see bot/middlewares/pacing.py.
    failed: list[Material] = []
    for album in albums(files):
        refused = await send_album(
            sent, album, [material_caption(m, locale, titles.get(m.slug)) for m in album]
        )
        failed.extend(refused)
    if links:
        await sent.answer(pack_links_text(links, locale))
    if failed:
        await sent.answer(pack_failed_text(failed, locale))
