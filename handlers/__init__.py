"""The one place where feature routers are put together, in the order they must see updates."""

from __future__ import annotations

from aiogram import Router

from handlers import (
    about,
    acknowledge,
    admin,
    approvals,
    channels,
    crisis,
    digest,
    errors,
    event_create,
    event_manage,
    event_rsvp,
    fallback,
    familyhour,
    flood,
    groups,
    helplines,
    inline,
    invites,
    language,
    lessons,
    material_upload,
    materials,
    measure_update,
    measures,
    membership,
    memos,
    menu,
    open_invites,
    post,
    posters,
    privacy,
    report,
    start,
    stats,
    subscribe,
)
from handlers import staff as staff_handlers
from handlers.access import build_refusal_router, build_staff_router, staff_surface


def build_root_router(admin_ids: frozenset[int]) -> Router:
    staff_features = (
        staff_handlers,
        open_invites,
        # Flows with their own /cancel wording come before /post, whose /cancel ends any other flow.
        event_manage,  # `/event list` before `/event` that starts a new one
        event_create,
        material_upload,
        materials,
        post,
        approvals,
        stats,
        channels,
        posters,
        measure_update,
        report,
        digest,  # the weekly digest's full list
    )
    staff = build_staff_router(admin_ids, *(feature.build_router() for feature in staff_features))
    # Read from the handlers themselves, so a command or button no feature listed is still refused.
    commands, callbacks = staff_surface(staff)
    root = Router(name="root")
    root.include_routers(
        errors.build_router(),
        crisis.build_router(),  # before anything else: a child in crisis is answered first
        flood.build_router(),
        membership.build_router(),  # blocked / unblocked: my_chat_member updates, before the group filter
        groups.build_router(),  # swallows group traffic so the private-chat routers below never see it
        invites.build_router(),  # `/start staff_<token>`, before the plain /start
        subscribe.build_router(),  # also `/start school_<code>` from a poster
        start.build_router(),
        language.build_router(),
        helplines.build_router(),
        memos.build_router(),
        lessons.build_router(),
        familyhour.build_router(),
        about.build_router(),
        measures.build_router(),  # /measures and /measure N: everyone, with more for staff in scope
        menu.build_router(),
        privacy.build_router(),
        inline.build_router(),
        acknowledge.build_router(),
        event_rsvp.build_router(),  # parents' answers to Family Hour and parent meetings
        # One filter guards everything below it: commands and button presses alike.
        staff,
        # Everyone else who tries a staff command or a staff button gets a polite no, and it is recorded.
        # /cancel is everyone's word for "stop": the fallback answers it for people outside the staff.
        build_refusal_router([c for c in commands if c != "cancel"], callbacks),
        admin.build_router(admin_ids),
        fallback.build_router(),  # last: whatever is left
    )
    return root
