"""Parents' subscriptions: /subscribe (region -> district -> organisation -> grades), the poster deep link
`/start school_<code>`, /mysubscriptions and /unsubscribe.

Every screen edits one message. Callback data carry organisation codes and grades, never names. The ticks
of the grade step are kept on the server (FSM data, in the database, so a half-ticked screen survives a
restart); a grade button carries the state it asks for, so a press means the same however often it comes,
and two quick taps on an old keyboard both count. Codes are looked up again on every press because the
client can send anything.
"""

from __future__ import annotations

from collections.abc import Sequence

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.clock import Clock
from bot.commands import CommandsPublisher
from bot.filters import OnMessage
from bot.flows import org_picker
from bot.flows.buttons import button
from bot.flows.grades import GRADES_BY_KIND, grade_button, keep_ticks, kept_ticks
from bot.flows.org_picker import Level, OrgAct
from bot.flows.screen import redraw
from bot.i18n import LANGUAGE_NAMES
from bot.qr import DEEP_LINK_PREFIX
from bot.views.menu import stale_button_text
from bot.views.navigation import MenuCb, Screen, menu_button
from bot.views.paging import Page, paginate
from bot.views.rows import column
from bot.views.subscriptions import (
    SubAction,
    SubCb,
    UnsubAction,
    UnsubCb,
    choose_in_area_text,
    choose_region_text,
    empty_area_text,
    grade_step_text,
    my_subscriptions_text,
    no_orgs_text,
    pick_a_grade_text,
    subscribed_text,
    subscription_label,
    unknown_code_text,
    unsubscribe_all_question,
    unsubscribe_text,
    unsubscribed_all_text,
    unsubscribed_one_text,
)
from db.models import Organisation, User
from db.repositories import Repositories
from db.repositories.subscriptions import SubscriptionView
from domain.enums import AREA_KINDS, INSTITUTION_KINDS

TICK = "✅ "


# Keyboards ------------------------------------------------------------------------------------------------


def back_button(callback: CallbackData, locale: str) -> InlineKeyboardButton:
    return button(_("⬅️ Back", locale=locale), callback)


def _org(act: OrgAct, code: str) -> SubCb:
    return SubCb(action=SubAction.org if act is OrgAct.pick else SubAction.browse, code=code)


def browse_keyboard(level: Level, shown: Page[Organisation], locale: str) -> InlineKeyboardMarkup:
    back = [org_picker.back_button(_org, level.back_to, locale)] if level.back_to is not None else []
    code = level.area.code if level.area is not None else ""

    def to_page(number: int) -> SubCb:
        return SubCb(action=SubAction.browse, code=code, page=number)

    return org_picker.tree_keyboard(_org, to_page, shown, locale, [*back, menu_button(locale)], folder="")


def grade_keyboard(org: Organisation, ticked: set[str], switch: bool, locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    grades = GRADES_BY_KIND[org.kind]
    done = SubCb(action=SubAction.done, code=org.code, switch=switch)
    if len(grades) == 1:
        kb.button(text=_("✅ Subscribe", locale=locale), callback_data=done)
    else:
        for grade in grades:
            label = grade_button(grade, locale)
            kb.button(
                text=TICK + label if grade in ticked else label,
                callback_data=SubCb(
                    action=SubAction.toggle, code=org.code, grade=grade, switch=switch, on=grade not in ticked
                ),
            )
        kb.button(text=_("Done", locale=locale), callback_data=done)
        # The preschool class on a row of its own, the grades four to a row, Done below them.
        kb.adjust(1, 4, 4, 3, 1)
    if switch:
        other = "ru" if locale == "kk" else "kk"
        kb.row(
            button(f"🌐 {LANGUAGE_NAMES[other]}", SubCb(action=SubAction.lang, code=org.code, switch=True))
        )
    back = SubCb(action=SubAction.browse, code=org.parent_code or "")
    kb.row(back_button(back, locale), menu_button(locale))
    return kb.as_markup()


def subscribed_keyboard(org_code: str, locale: str) -> InlineKeyboardMarkup:
    return column(
        [
            button(
                _("➕ Another child at this school", locale=locale),
                SubCb(action=SubAction.org, code=org_code),
            ),
            button(_("➕ Another school or kindergarten", locale=locale), SubCb(action=SubAction.browse)),
            button(_("📋 My subscriptions", locale=locale), UnsubCb(action=UnsubAction.mine)),
        ],
        [menu_button(locale)],
    )


def my_subscriptions_keyboard(has_any: bool, locale: str) -> InlineKeyboardMarkup:
    add = _("➕ Add a school or child", locale=locale) if has_any else _("➕ Subscribe", locale=locale)
    unsubscribe = button(_("➖ Unsubscribe", locale=locale), UnsubCb(action=UnsubAction.list))
    return column(
        [button(add, SubCb(action=SubAction.browse)), *([unsubscribe] if has_any else [])],
        [menu_button(locale)],
    )


def unsubscribe_keyboard(subscriptions: Sequence[SubscriptionView], locale: str) -> InlineKeyboardMarkup:
    items = [
        button(
            f"❌ {subscription_label(sub, locale)}",
            UnsubCb(action=UnsubAction.one, code=sub.org_code, grade=sub.grade),
        )
        for sub in subscriptions
    ]
    if len(subscriptions) > 1:
        items.append(button(_("Unsubscribe from all", locale=locale), UnsubCb(action=UnsubAction.ask_all)))
    mine = button(_("📋 My subscriptions", locale=locale), UnsubCb(action=UnsubAction.mine))
    return column(items, [mine, menu_button(locale)])


def unsubscribe_all_keyboard(locale: str) -> InlineKeyboardMarkup:
    yes = button(_("Yes, unsubscribe from all", locale=locale), UnsubCb(action=UnsubAction.all))
    return column([yes], [back_button(UnsubCb(action=UnsubAction.list), locale)])


def after_unsubscribe_all_keyboard(locale: str) -> InlineKeyboardMarkup:
    return column(
        [button(_("➕ Subscribe", locale=locale), SubCb(action=SubAction.browse))], [menu_button(locale)]
    )


# Screens: (text, keyboard) from the database, shared by commands and button presses -------------------------

ScreenView = tuple[str, InlineKeyboardMarkup]


async def browse_screen(repo: Repositories, code: str, page: int, locale: str) -> ScreenView | None:
    """The regions ("" with one region: inside it), or one area's organisations; None if `code` is no area."""
    level = await org_picker.tree_level(code, None, repo)
    if level is None:
        return None
    shown = paginate(level.items, page)
    if level.area is None:
        if not level.items:
            return no_orgs_text(locale), InlineKeyboardMarkup(inline_keyboard=[[menu_button(locale)]])
        return choose_region_text(locale), browse_keyboard(level, shown, locale)
    if not level.items:
        return empty_area_text(level.area, locale), browse_keyboard(level, shown, locale)
    has_areas = any(c.kind in AREA_KINDS for c in level.items)
    text = choose_in_area_text(level.area, has_areas, shown.number, shown.count, locale)
    return text, browse_keyboard(level, shown, locale)


async def top_screen(repo: Repositories, locale: str) -> ScreenView:
    screen = await browse_screen(repo, "", 0, locale)
    assert screen is not None  # "" always makes a screen
    return screen


async def grade_screen(
    repo: Repositories, org: Organisation, ticked: set[str] | None, switch: bool, user_id: int, locale: str
) -> ScreenView:
    """The grade step; with nothing ticked yet, the grades the parent already follows there are ticked."""
    if ticked is None:
        ticked = await repo.subscriptions.grades_at(user_id, org.code)
    ticked &= set(GRADES_BY_KIND[org.kind])
    return grade_step_text(org, locale), grade_keyboard(org, ticked, switch, locale)


# The grade step's ticks, kept in FSM data until «Done».
TICKS = "subscribe_ticks"


async def my_subscriptions_screen(repo: Repositories, user_id: int, locale: str) -> ScreenView:
    subs = await repo.subscriptions.of_user(user_id)
    return my_subscriptions_text(subs, locale), my_subscriptions_keyboard(bool(subs), locale)


async def unsubscribe_screen(repo: Repositories, user_id: int, locale: str) -> ScreenView:
    subs = await repo.subscriptions.of_user(user_id)
    if not subs:
        return my_subscriptions_text(subs, locale), my_subscriptions_keyboard(False, locale)
    return unsubscribe_text(locale), unsubscribe_keyboard(subs, locale)


# Handlers ---------------------------------------------------------------------------------------------------


async def subscribe_command(message: Message, repo: Repositories, locale: str) -> None:
    text, markup = await top_screen(repo, locale)
    await message.answer(text, reply_markup=markup)


async def subscribe_from_menu(
    query: CallbackQuery, message: Message, repo: Repositories, locale: str
) -> None:
    await query.answer()
    await redraw(message, *await top_screen(repo, locale))


async def deep_link(
    message: Message,
    command: CommandObject,
    repo: Repositories,
    db_user: User,
    state: FSMContext,
    locale: str,
) -> None:
    """`/start school_<code>` from a poster: straight to the grades of that organisation."""
    newcomer = db_user.language is None
    if newcomer:
        # They have not chosen a language: the one Telegram reports becomes their choice (kk unless ru),
        # and the grade step offers the other one, so the link itself is not lost to a language picker.
        await repo.users.choose_language(db_user.id, locale)
    code = (command.args or "")[len(DEEP_LINK_PREFIX) :]
    org = await repo.orgs.get(code) if code else None
    if org is not None and org.kind in INSTITUTION_KINDS:
        await state.update_data({TICKS: None})
        text, markup = await grade_screen(repo, org, None, newcomer, db_user.id, locale)
    elif org is not None:
        text, markup = await browse_screen(repo, code, 0, locale) or await top_screen(repo, locale)
    else:
        await message.answer(unknown_code_text(locale))
        text, markup = await top_screen(repo, locale)
    await message.answer(text, reply_markup=markup)


async def on_subscribe_button(
    query: CallbackQuery,
    message: Message,
    callback_data: SubCb,
    repo: Repositories,
    locale: str,
    clock: Clock,
    bot: Bot,
    commands: CommandsPublisher,
    state: FSMContext,
) -> None:
    data = callback_data
    if data.action is SubAction.browse:
        screen = await browse_screen(repo, data.code, data.page, locale)
        if screen is None:  # an organisation removed since the button was drawn, or made-up data
            await query.answer(stale_button_text(locale), show_alert=True)
            return
        await query.answer()
        await redraw(message, *screen)
        return
    org = await repo.orgs.get(data.code)
    known_grade = org is not None and data.grade in GRADES_BY_KIND.get(org.kind, ())
    if (
        org is None
        or org.kind not in INSTITUTION_KINDS
        or (data.action is SubAction.toggle and not known_grade)
    ):
        # An organisation removed since the button was drawn, or data the client made up.
        await query.answer(stale_button_text(locale), show_alert=True)
        return
    # Two quick taps on one old keyboard both count: the second waits for the first (bot/turns.py).
    screen = await _grade_step_press(query, data, org, state, repo, locale, clock, bot, commands)
    if screen is None:
        return
    await query.answer()
    await redraw(message, *screen)


async def _grade_step_press(
    query: CallbackQuery,
    data: SubCb,
    org: Organisation,
    state: FSMContext,
    repo: Repositories,
    locale: str,
    clock: Clock,
    bot: Bot,
    commands: CommandsPublisher,
) -> ScreenView | None:
    """A press on (or into) an organisation's grade step; None once it has answered by itself."""
    user_id = query.from_user.id
    if data.action is SubAction.org:
        await state.update_data({TICKS: None})  # a fresh grade step starts from what is followed there
        return await grade_screen(repo, org, None, data.switch, user_id, locale)
    ticked = await kept_ticks(state, TICKS, org.code)
    if ticked is None:
        ticked = await repo.subscriptions.grades_at(user_id, org.code)
    if data.action is SubAction.toggle:
        ticked = ticked | {data.grade} if data.on else ticked - {data.grade}
        await keep_ticks(state, TICKS, org.code, ticked)
        return await grade_screen(repo, org, ticked, data.switch, user_id, locale)
    if data.action is SubAction.lang:
        locale = "ru" if locale == "kk" else "kk"
        await repo.users.choose_language(user_id, locale)
        await commands.publish_for_user(bot, repo, user_id, locale)
        return await grade_screen(repo, org, ticked, data.switch, user_id, locale)
    only = GRADES_BY_KIND[org.kind]
    grades = set(only) if len(only) == 1 else ticked & set(only)
    if not grades:
        await query.answer(pick_a_grade_text(locale), show_alert=True)
        return None
    await repo.subscriptions.set_grades(user_id, org.code, grades, clock.now())
    await state.update_data({TICKS: None})
    subs = await repo.subscriptions.of_user(user_id)
    return subscribed_text(subs, locale), subscribed_keyboard(org.code, locale)


async def my_subscriptions_command(message: Message, repo: Repositories, db_user: User, locale: str) -> None:
    text, markup = await my_subscriptions_screen(repo, db_user.id, locale)
    await message.answer(text, reply_markup=markup)


async def unsubscribe_command(message: Message, repo: Repositories, db_user: User, locale: str) -> None:
    text, markup = await unsubscribe_screen(repo, db_user.id, locale)
    await message.answer(text, reply_markup=markup)


async def on_unsubscribe_button(
    query: CallbackQuery, message: Message, callback_data: UnsubCb, repo: Repositories, locale: str
) -> None:
    user_id = query.from_user.id
    action = callback_data.action
    note = None
    if action is UnsubAction.mine:
        text, markup = await my_subscriptions_screen(repo, user_id, locale)
    elif action is UnsubAction.ask_all:
        text, markup = unsubscribe_all_question(locale), unsubscribe_all_keyboard(locale)
    elif action is UnsubAction.all:
        await repo.subscriptions.remove_all(user_id)
        text, markup = unsubscribed_all_text(locale), after_unsubscribe_all_keyboard(locale)
    else:
        # Removing what is already gone removes nothing; the fresh list shows the truth.
        removed = action is UnsubAction.one and await repo.subscriptions.remove(
            user_id, callback_data.code, callback_data.grade
        )
        if removed:
            note = unsubscribed_one_text(locale)
        text, markup = await unsubscribe_screen(repo, user_id, locale)
    await query.answer(note)
    await redraw(message, text, markup)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(
        deep_link, CommandStart(deep_link=True, magic=F.args.startswith(DEEP_LINK_PREFIX)), F.from_user
    )
    router.message.register(subscribe_command, Command("subscribe"))
    router.message.register(my_subscriptions_command, Command("mysubscriptions"))
    router.message.register(unsubscribe_command, Command("unsubscribe"))
    from_menu = MenuCb.filter(F.screen == Screen.subscribe)
    router.callback_query.register(subscribe_from_menu, from_menu, OnMessage())
    router.callback_query.register(on_subscribe_button, SubCb.filter(), OnMessage())
    router.callback_query.register(on_unsubscribe_button, UnsubCb.filter(), OnMessage())
    return router
