"""/update's question «for which organisation»: the paged organisation tree, within the plan's region.

Where the reporter stands in the tree (`org_level`, `org_page`) is kept in the wizard's data, so a page or
Back redraws the same message; picking an organisation is /update's own step (handlers/measure_update.py).
"""

from __future__ import annotations

from aiogram import F
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery

from bot.flows import revise
from bot.flows.org_picker import Level, OrgAct, OrgCb, PageCb, tree_level
from bot.flows.wizard import Step, Wizard
from bot.measures import Catalogue, Plan
from bot.views import measure_update_keyboards as kb
from bot.views import measure_updates as v
from bot.views.measure_update_keyboards import UpdateOrgCb, UpdatePageCb
from bot.views.paging import paginate
from db.models import Organisation
from domain.enums import AREA_KINDS
from handlers.my_updates import in_plan


async def options(step: Step, plan: Plan) -> list[Organisation]:
    """What the reporter may report for under this plan: their scopes (an admin: the plan's region)."""
    codes = [plan.region] if step.access.is_admin else list(step.access.scope_codes)
    return [org for code in codes if (org := await in_plan(code, plan, step.access, step.repo))]


async def asked(step: Step, plan: Plan) -> bool:
    """Whether the question is asked: school staff report for their own organisation without it."""
    found = await options(step, plan)
    return not (len(found) == 1 and found[0].kind not in AREA_KINDS)


async def ask(step: Step, plan: Plan, level: str, *, edit: bool = False, note: str = "") -> None:
    """The question as a new message (or in place of the message pressed on), starting at the area `level`
    ("" for the reporter's own scopes); `note`: what is there now, when it is changed from the summary."""
    await step.state.update_data(org_level=level, org_page=0)
    await _show(step, plan, edit=edit, note=note)


async def _level(code: str, plan: Plan, step: Step) -> Level | None:
    """One screen of the tree; None for an area outside the reporter's scope or the plan (a forged press)."""
    level = await tree_level(code, step.access, step.repo)
    if level is None or level.area is None:
        # The top: the reporter's own scopes (an admin's regions), those under this plan only.
        tops = level.items if level is not None else []
        return Level(
            None, [org for org in tops if await in_plan(org.code, plan, step.access, step.repo)], None
        )
    return level if await in_plan(level.area.code, plan, step.access, step.repo) else None


async def _show(step: Step, plan: Plan, *, edit: bool, note: str = "") -> None:
    data = await step.data()
    level = await _level(data.get("org_level", ""), plan, step) or await _level("", plan, step)
    assert level is not None  # the top always makes a screen
    back = revise.back_for(data, "org", kb.TO_MENU, kb.BACK)
    markup = kb.org_keyboard(level, paginate(level.items, data.get("org_page", 0)), step.locale, back)
    steps = await step.counted("org", v.update_steps(data))
    body = v.ask_org(step.locale) + (f"\n{note}" if note else "")
    await step.show(v.step_text("org", steps, body, step.locale), markup, edit=edit)


async def on_level(query: CallbackQuery, callback_data: OrgCb, step: Step, catalogue: Catalogue) -> None:
    """Into an area, or Back up to the one above it ("" for the reporter's own scopes)."""
    plan = catalogue.plan((await step.data()).get("plan", ""))
    if plan is None or await _level(callback_data.code, plan, step) is None:
        await step.refuse(query)
        return
    await step.state.update_data(org_level=callback_data.code, org_page=0)
    await query.answer()
    await _show(step, plan, edit=True)


async def on_page(query: CallbackQuery, callback_data: PageCb, step: Step, catalogue: Catalogue) -> None:
    plan = catalogue.plan((await step.data()).get("plan", ""))
    if plan is None:
        await step.refuse(query)
        return
    await step.state.update_data(org_page=max(0, callback_data.page))
    await query.answer()
    await _show(step, plan, edit=True)


def register(flow: Wizard, at: State) -> None:
    """Opening an area, going up and paging, while /update asks for the organisation (`at`)."""
    flow.button(on_level, UpdateOrgCb.filter(F.act.in_({OrgAct.open, OrgAct.up})), at)
    flow.button(on_page, UpdatePageCb.filter(), at)
