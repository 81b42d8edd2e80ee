"""The buttons of /materials: the sections, a section's pack and removal, the removal list and its Yes."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.flows.buttons import button
from bot.views.materials import Section, removal_label
from bot.views.paging import page_arrows, paginate
from bot.views.rows import column
from db.models import Material

REMOVAL_PAGE = 8


class MatAction(StrEnum):
    overview = "o"
    section = "s"
    pack = "p"
    removal_list = "l"
    ask_remove = "r"
    remove = "y"


class MaterialsCb(CallbackData, prefix="mats"):
    action: MatAction
    section: str = ""
    material: int = 0
    page: int = 0


def overview_keyboard(parts: Sequence[Section]) -> InlineKeyboardMarkup:
    buttons = [button(part.title, MaterialsCb(action=MatAction.section, section=part.key)) for part in parts]
    return InlineKeyboardMarkup(inline_keyboard=[buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def section_keyboard(part: Section, can_remove: bool, locale: str) -> InlineKeyboardMarkup:
    buttons = []
    if part.is_age_group:
        pack = MaterialsCb(action=MatAction.pack, section=part.key)
        buttons.append(button(_("📦 Pack of all files", locale=locale), pack))
    if can_remove:
        listing = MaterialsCb(action=MatAction.removal_list, section=part.key)
        buttons.append(button(_("🗑 Remove a material", locale=locale), listing))
    return column([*buttons, back_to_overview(locale)])


def back_to_overview(locale: str) -> InlineKeyboardButton:
    return button(_("⬅️ All sections", locale=locale), MaterialsCb(action=MatAction.overview))


def removal_keyboard(
    part: Section, materials: list[Material], page_number: int, locale: str
) -> InlineKeyboardMarkup:
    page = paginate(materials, page_number, REMOVAL_PAGE)
    ask = (
        button(removal_label(m, locale), MaterialsCb(action=MatAction.ask_remove, material=m.id))
        for m in page.items
    )
    arrows = page_arrows(page, lambda n: MaterialsCb(action=MatAction.removal_list, section=part.key, page=n))
    back = MaterialsCb(action=MatAction.section, section=part.key)
    return column(ask, arrows, [button(_("⬅️ Back", locale=locale), back)])


def confirm_keyboard(part: Section, material: Material, locale: str) -> InlineKeyboardMarkup:
    remove = MaterialsCb(action=MatAction.remove, material=material.id)
    keep = MaterialsCb(action=MatAction.removal_list, section=part.key)
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(_("🗑 Yes, remove", locale=locale), remove), button(_("Cancel", locale=locale), keep)]
        ]
    )
