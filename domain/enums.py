"""Every status, kind and answer the database stores, as StrEnums of the stored strings.

A member's stored string is its name in lower case (`auto()`): renaming a member is a data migration."""

from __future__ import annotations

from enum import StrEnum, auto


class PostStatus(StrEnum):
    """posts.status: a notice from the author's preview to the end of its delivery."""

    DRAFT = auto()  # only the author's preview; never stored
    AWAITING_APPROVAL = auto()
    SCHEDULED = auto()
    SENDING = auto()
    DONE = auto()
    # Stopped with what it belonged to: its event cancelled or over, its progress update withdrawn, or its
    # author's role ended before approval.
    CANCELLED = auto()
    REJECTED = auto()  # an approver said no
    WITHDRAWN = auto()  # its author stopped it before it began to go out


class OutboxStatus(StrEnum):
    """outbox.status: one recipient of one post."""

    PENDING = auto()
    SENT = auto()
    BLOCKED = auto()
    FAILED = auto()


class Urgency(StrEnum):
    """How a post goes out (posts.urgent and posts.silent)."""

    NORMAL = auto()  # waits out quiet hours, arrives with sound
    SILENT = auto()  # goes at once, without sound
    URGENT = auto()  # goes at once, with sound; coordinators and admins only


class EventKind(StrEnum):
    FAMILY_HOUR = auto()
    SEMINAR = auto()
    PARENT_CLUB = auto()


class EventStatus(StrEnum):
    SCHEDULED = auto()
    CANCELLED = auto()


class Answer(StrEnum):
    """event_answers.answer: a parent's answer to an event."""

    GOING = auto()
    NOT_GOING = auto()
    WAITING = auto()  # said they would come when the event was full


class NoticeKind(StrEnum):
    """event_notices.kind: a reminder before an event, or the news of a change."""

    REMIND_3D = auto()
    REMIND_2H = auto()
    CHANGED = auto()
    CANCELLED = auto()
    PROMOTED = auto()  # off the waiting list


REMINDERS = (NoticeKind.REMIND_3D, NoticeKind.REMIND_2H)


class NoticeStatus(StrEnum):
    """event_notices.status; a row is claimed (committed) before its message is sent."""

    PENDING = auto()
    CLAIMED = auto()
    SENT = auto()
    BLOCKED = auto()
    FAILED = auto()


class MaterialStatus(StrEnum):
    """materials.status: school staff's uploads wait for a coordinator; only approved ones are shown."""

    PENDING = auto()
    APPROVED = auto()
    REJECTED = auto()
    REMOVED = auto()


class MaterialTarget(StrEnum):
    """materials.target: what a material is attached to."""

    LESSON = auto()
    MEMO = auto()


class OrgKind(StrEnum):
    """organisations.kind: region -> district or city -> school, kindergarten or college."""

    REGION = auto()
    DISTRICT = auto()
    CITY = auto()
    SCHOOL = auto()
    KINDERGARTEN = auto()
    COLLEGE = auto()


AREA_KINDS = frozenset({OrgKind.REGION, OrgKind.DISTRICT, OrgKind.CITY})
INSTITUTION_KINDS = frozenset({OrgKind.SCHOOL, OrgKind.KINDERGARTEN, OrgKind.COLLEGE})


class Role(StrEnum):
    """staff_roles.role and invites.role; admins come from ADMIN_IDS, never from a row."""

    ADMIN = auto()
    COORDINATOR = auto()
    PSYCHOLOGIST = auto()
    SOCIAL_PEDAGOGUE = auto()
    DEPUTY_DIRECTOR = auto()


SCHOOL_ROLES = frozenset({Role.PSYCHOLOGIST, Role.SOCIAL_PEDAGOGUE, Role.DEPUTY_DIRECTOR})


class UpdateStatus(StrEnum):
    """measure_updates.status: what staff report of a measure."""

    IN_PROGRESS = auto()
    DONE = auto()


class MeasureStatus(StrEnum):
    """A measure's state for a scope in the current period (worked out, never stored)."""

    DONE = auto()
    IN_PROGRESS = auto()
    NOT_STARTED = auto()
    OVERDUE = auto()


class FinalState(StrEnum):
    """What a measure of a plan that has ended came to: nothing is owed any more, so nothing is overdue."""

    DONE = auto()  # a 'done' update in every reporting period (once: any)
    REPORTED = auto()  # updates, but not 'done' in every period
    NOT_REPORTED = auto()
