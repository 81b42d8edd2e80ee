from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.approval_cards import ApprovalCardRepository
from db.repositories.audience import AudienceRepository
from db.repositories.audit import AuditRepository
from db.repositories.channels import ChannelRepository
from db.repositories.digests import DigestRepository
from db.repositories.drafts import DraftRepository
from db.repositories.erasure import ErasureRepository
from db.repositories.event_answers import EventAnswerRepository
from db.repositories.event_changes import EventChangeRepository
from db.repositories.event_notices import EventNoticeRepository
from db.repositories.events import EventRepository
from db.repositories.material_catalogue import MaterialCatalogueRepository
from db.repositories.materials import MaterialRepository
from db.repositories.measure_progress import MeasureProgressRepository
from db.repositories.measure_report import MeasureReportRepository
from db.repositories.measure_updates import MeasureUpdateRepository
from db.repositories.orgs import OrgRepository
from db.repositories.outbox import OutboxRepository
from db.repositories.posts import PostRepository
from db.repositories.staff import StaffRepository
from db.repositories.subscriptions import SubscriptionRepository
from db.repositories.users import UserRepository


class Repositories:
    """The repositories of one update (or one service step), sharing its session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.users = UserRepository(session)
        self.materials = MaterialRepository(session)
        self.orgs = OrgRepository(session)
        self.subscriptions = SubscriptionRepository(session)
        self.staff = StaffRepository(session)
        self.posts = PostRepository(session)
        self.outbox = OutboxRepository(session)
        self.audit = AuditRepository(session)
        self.channels = ChannelRepository(session)
        self.audience = AudienceRepository(session)
        self.drafts = DraftRepository(session)
        self.approval_cards = ApprovalCardRepository(session)
        self.progress = MeasureProgressRepository(session)
        self.measure_updates = MeasureUpdateRepository(session)
        self.report = MeasureReportRepository(session)
        self.digests = DigestRepository(session)
        self.material_catalogue = MaterialCatalogueRepository(session)
        self.event_notices = EventNoticeRepository(session)
        self.event_changes = EventChangeRepository(session)
        self.event_answers = EventAnswerRepository(session)
        self.events = EventRepository(session)
        self.erasure = ErasureRepository(session)


__all__ = ["Repositories"]
