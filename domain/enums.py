"""Every status, kind and answer the database stores, as StrEnums of the stored strings."""

from __future__ import annotations

from enum import StrEnum


class PostStatus(StrEnum):
    """posts.status: a notice from the author's preview to the end of its delivery."""

    DRAFT = "draft"  # only the author's preview; never stored
    AWAITING_APPROVAL = "awaiting_approval"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


class OutboxStatus(StrEnum):
    """outbox.status: one recipient of one post."""

    PENDING = "pending"
    SENT = "sent"
    BLOCKED = "blocked"
    FAILED = "failed"


class Urgency(StrEnum):
    """How a post goes out (posts.urgent and posts.silent)."""

    NORMAL = "normal"  # waits out quiet hours, arrives with sound
    SILENT = "silent"  # goes at once, without sound
    URGENT = "urgent"  # goes at once, with sound; coordinators and admins only


class EventKind(StrEnum):
    FAMILY_HOUR = "family_hour"
    SEMINAR = "seminar"
    PARENT_CLUB = "parent_club"


class EventStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class Answer(StrEnum):
    """event_answers.answer: a parent's answer to an event."""

    GOING = "going"
    NOT_GOING = "not_going"
    WAITING = "waiting"  # said they would come when the event was full


class NoticeKind(StrEnum):
    """event_notices.kind: a reminder before an event, or the news of a change."""

    REMIND_3D = "remind_3d"
    REMIND_2H = "remind_2h"
    CHANGED = "changed"
    CANCELLED = "cancelled"
    PROMOTED = "promoted"  # off the waiting list


REMINDERS = (NoticeKind.REMIND_3D, NoticeKind.REMIND_2H)


class NoticeStatus(StrEnum):
    """event_notices.status; a row is claimed (committed) before its message is sent."""

    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    BLOCKED = "blocked"
    FAILED = "failed"


class MaterialStatus(StrEnum):
    """materials.status: school staff's uploads wait for a coordinator; only approved ones are shown."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    REMOVED = "removed"


class MaterialTarget(StrEnum):
    """materials.target: what a material is attached to."""

    LESSON = "lesson"
    MEMO = "memo"


class OrgKind(StrEnum):
    """organisations.kind: region -> district or city -> school, kindergarten or college."""

    REGION = "region"
    DISTRICT = "district"
    CITY = "city"
    SCHOOL = "school"
    KINDERGARTEN = "kindergarten"
    COLLEGE = "college"


AREA_KINDS = frozenset({OrgKind.REGION, OrgKind.DISTRICT, OrgKind.CITY})
INSTITUTION_KINDS = frozenset({OrgKind.SCHOOL, OrgKind.KINDERGARTEN, OrgKind.COLLEGE})


class Role(StrEnum):
    """staff_roles.role and invites.role; admins come from ADMIN_IDS, never from a row."""

    ADMIN = "admin"
    COORDINATOR = "coordinator"
    PSYCHOLOGIST = "psychologist"
    SOCIAL_PEDAGOGUE = "social_pedagogue"
    DEPUTY_DIRECTOR = "deputy_director"


SCHOOL_ROLES = frozenset({Role.PSYCHOLOGIST, Role.SOCIAL_PEDAGOGUE, Role.DEPUTY_DIRECTOR})


class UpdateStatus(StrEnum):
    """measure_updates.status: what staff report of a measure."""

    IN_PROGRESS = "in_progress"
    DONE = "done"


class MeasureStatus(StrEnum):
    """A measure's state for a scope in the current period (worked out, never stored)."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    OVERDUE = "overdue"


class FinalState(StrEnum):
    """What a measure of a plan that has ended came to: nothing is owed any more, so nothing is overdue."""

    DONE = "done"  # a 'done' update in every reporting period (once: any)
    REPORTED = "reported"  # updates, but not 'done' in every period
    NOT_REPORTED = "not_reported"


__all__ = [
    "AREA_KINDS",
    "INSTITUTION_KINDS",
    "REMINDERS",
    "SCHOOL_ROLES",
    "Answer",
    "EventKind",
    "EventStatus",
    "FinalState",
    "MaterialStatus",
    "MaterialTarget",
    "MeasureStatus",
    "NoticeKind",
    "NoticeStatus",
    "OrgKind",
    "OutboxStatus",
    "PostStatus",
    "Role",
    "UpdateStatus",
    "Urgency",
]
