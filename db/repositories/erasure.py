"""/forget and /mydata: everything the bot keeps about one person, erased or gathered in one place.

What is about the person goes: their user row, subscriptions, answers, acknowledgements, notices, deliveries
(outbox rows to their chat), the approval cards sent to them, drafts, digests, roles and open invites, their
staff profile. What must stay for the record (a post a staff member sent, an event they organised, a measure
update, an audit entry) stays with the id replaced by a pseudonym: a random number drawn once per erasure,
below every Telegram id, kept nowhere, so nothing links it back to the person; the rows of one erasure still
share it.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Column, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Acknowledgement,
    ApprovalCard,
    AuditRecord,
    Channel,
    DigestRun,
    Event,
    EventAnswer,
    EventNotice,
    FsmRecord,
    Invite,
    Material,
    MeasureUpdate,
    Organisation,
    OutboxEntry,
    Post,
    StaffProfile,
    StaffRole,
    Subscription,
    User,
)
from db.repositories.rows import affected

# Telegram ids (users, groups, channels) stay within 52 bits; a pseudonym lies below -2**53, so it is never
# anyone's id and never mistaken for one.
PSEUDONYM_FLOOR = 2**53


def new_pseudonym(replacing: int) -> int:
    """A number for the record in place of `replacing`, whose digits never hold that id: a search of the
    audit for the id must find nothing after the erasure (about 1 draw in 600 would, for a 4-digit id)."""
    while True:
        pseudonym = -(PSEUDONYM_FLOOR + secrets.randbelow(2**61))
        if str(abs(replacing)) not in str(pseudonym):
            return pseudonym


# Columns that name a person and must keep a value for the record: (model, column).
KEPT_FOR_THE_RECORD: tuple[tuple[Any, str], ...] = (
    (Post, "author_id"),
    (Post, "approved_by"),
    (Post, "sent_by"),
    (Event, "organiser_id"),
    (MeasureUpdate, "author_id"),
    (Material, "proposed_by"),
    (Material, "reviewed_by"),
    (Channel, "linked_by"),
    (StaffRole, "granted_by"),
    (Invite, "created_by"),
    (Invite, "used_by"),
    (AuditRecord, "actor_id"),
)


@dataclass(frozen=True, slots=True)
class Erased:
    roles: int
    invites: int
    pseudonymised: int


class ErasureRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def erase(self, user_id: int, now: datetime) -> Erased:
        """Everything about `user_id`, in the caller's transaction."""
        s = self._session
        pseudonym = new_pseudonym(user_id)
        roles = affected(await s.execute(delete(StaffRole).where(StaffRole.user_id == user_id)))
        # Invites not yet used would make someone staff in this person's name: they go. Used ones stay.
        open_invites = delete(Invite).where(
            Invite.created_by == user_id, Invite.used_by.is_(None), Invite.expires_at > now
        )
        invites = affected(await s.execute(open_invites))
        for model in (Subscription, Acknowledgement, EventAnswer, EventNotice, DigestRun, StaffProfile):
            await s.execute(delete(model).where(model.user_id == user_id))
        await s.execute(delete(OutboxEntry).where(OutboxEntry.chat_id == user_id))
        await s.execute(delete(ApprovalCard).where(ApprovalCard.chat_id == user_id))
        await s.execute(
            delete(FsmRecord).where(or_(FsmRecord.user_id == user_id, FsmRecord.chat_id == user_id))
        )
        await s.execute(
            update(Post)
            .where(Post.progress_chat_id == user_id)
            .values(progress_chat_id=None, progress_message_id=None)
        )
        pseudonymised = 0
        for model, name in KEPT_FOR_THE_RECORD:
            column: Column[Any] = getattr(model, name)
            result = await s.execute(update(model).where(column == user_id).values({name: pseudonym}))
            pseudonymised += affected(result)
        pseudonymised += await self._audit_details(user_id, pseudonym)
        await s.execute(delete(User).where(User.id == user_id))
        return Erased(roles, invites, pseudonymised)

    async def _audit_details(self, user_id: int, pseudonym: int) -> int:
        """Audit details that name the person (a role granted to them, an invite they used)."""
        mention = re.compile(rf"(?<!\d){user_id}(?!\d)")
        rows = await self._session.execute(
            select(AuditRecord.id, AuditRecord.detail).where(AuditRecord.detail.contains(str(user_id)))
        )
        changed = 0
        for record_id, detail in rows:
            if detail and mention.search(detail):
                new = mention.sub(str(pseudonym), detail)
                await self._session.execute(
                    update(AuditRecord).where(AuditRecord.id == record_id).values(detail=new)
                )
                changed += 1
        return changed

    async def prune_outbox(self, finished_before: datetime) -> int:
        """Delivery rows of posts finished before this moment: who got which post is kept only so long."""
        old = select(Post.id).where(Post.finished_at.is_not(None), Post.finished_at < finished_before)
        result = await self._session.execute(delete(OutboxEntry).where(OutboxEntry.post_id.in_(old)))
        return affected(result)

    async def gather(self, user_id: int) -> dict[str, Any]:
        """What the bot keeps about this person, as plain data for /mydata."""
        s = self._session
        user = await s.get(User, user_id)

        def when(value: datetime | None) -> str | None:
            return value.isoformat() if value else None

        subs = await s.execute(
            select(Subscription, Organisation.name_kk, Organisation.name_ru)
            .join(Organisation, Organisation.code == Subscription.org_code)
            .where(Subscription.user_id == user_id)
            .order_by(Subscription.id)
        )
        answers = await s.execute(
            select(EventAnswer, Event.topic_kk, Event.topic_ru, Event.starts_at)
            .join(Event, Event.id == EventAnswer.event_id)
            .where(EventAnswer.user_id == user_id)
            .order_by(EventAnswer.id)
        )
        acks = await s.scalars(select(Acknowledgement).where(Acknowledgement.user_id == user_id))
        notices = await s.scalars(select(EventNotice).where(EventNotice.user_id == user_id))
        outbox = await s.scalars(select(OutboxEntry).where(OutboxEntry.chat_id == user_id))
        roles = await s.scalars(select(StaffRole).where(StaffRole.user_id == user_id))
        invites = await s.scalars(select(Invite).where(Invite.created_by == user_id))
        drafts = await s.scalars(
            select(FsmRecord).where(or_(FsmRecord.user_id == user_id, FsmRecord.chat_id == user_id))
        )
        audit = await s.scalars(
            select(AuditRecord).where(AuditRecord.actor_id == user_id).order_by(AuditRecord.id)
        )
        profile = await s.get(StaffProfile, user_id)
        posts = await s.scalars(select(Post.id).where(Post.author_id == user_id).order_by(Post.id))
        return {
            "user": {
                "id": user_id,
                "language": user.language if user else None,
                "telegram_language": user.telegram_language if user else None,
                "first_seen": when(user.first_seen) if user else None,
                "last_seen": when(user.last_seen) if user else None,
                "reachable": user.active if user else None,
            },
            "subscriptions": [
                {
                    "organisation": sub.org_code,
                    "name_kk": kk,
                    "name_ru": ru,
                    "grade": sub.grade,
                    "since": when(sub.created_at),
                }
                for sub, kk, ru in subs
            ],
            "event_answers": [
                {
                    "event": a.event_id,
                    "topic_kk": kk,
                    "topic_ru": ru,
                    "starts_at": when(starts),
                    "answer": a.answer,
                    "answered_at": when(a.answered_at),
                }
                for a, kk, ru, starts in answers
            ],
            "acknowledgements": [{"post": a.post_id, "at": when(a.at)} for a in acks],
            "event_notices": [
                {"event": n.event_id, "kind": n.kind, "status": n.status, "sent_at": when(n.sent_at)}
                for n in notices
            ],
            "deliveries": [
                {"post": o.post_id, "status": o.status, "sent_at": when(o.sent_at)} for o in outbox
            ],
            "staff_roles": [
                {
                    "role": r.role,
                    "scope": r.scope_code,
                    "granted_at": when(r.granted_at),
                    "revoked_at": when(r.revoked_at),
                }
                for r in roles
            ],
            "staff_profile": (
                {
                    "first_name": profile.first_name,
                    "last_name": profile.last_name,
                    "username": profile.username,
                }
                if profile
                else None
            ),
            "invites_created": [
                {
                    "role": i.role,
                    "scope": i.scope_code,
                    "created_at": when(i.created_at),
                    "used": i.used_by is not None,
                }
                for i in invites
            ],
            "posts_written": list(posts),
            "drafts": [{"state": d.state, "data": d.data} for d in drafts],
            "audit": [
                {"action": a.action, "at": when(a.at), "post": a.post_id, "detail": a.detail} for a in audit
            ],
        }
