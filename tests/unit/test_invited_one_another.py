"""Who brought whom in, either way round: a role granted or an invitation used (approvals need neither)."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from db.engine import create_engine, create_sessionmaker
from db.migrate import upgrade_to_head
from db.repositories import Repositories
from tests.support.databases import fresh_database
from tests.support.org_tree import DISTRICT, add_tree

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
AUTHOR, GRANTED, INVITED, STRANGER = 101, 102, 103, 104


async def test_a_grant_or_a_used_invitation_links_two_people_both_ways(tmp_path: Path) -> None:
    engine = create_engine(await fresh_database(tmp_path))
    await upgrade_to_head(engine)
    sessions = create_sessionmaker(engine)
    await add_tree(sessions)
    async with sessions() as s:
        staff = Repositories(s).staff
        await staff.grant(GRANTED, "coordinator", DISTRICT, AUTHOR, NOW)
        await staff.create_invite("tok", "coordinator", DISTRICT, AUTHOR, NOW, NOW + timedelta(days=1))
        assert await staff.claim_invite("tok", INVITED, NOW) is not None
        # An open invitation links no one yet.
        await staff.create_invite("open", "coordinator", DISTRICT, STRANGER, NOW, NOW + timedelta(days=1))
        await s.commit()
        for other in (GRANTED, INVITED):
            assert await staff.invited_one_another(AUTHOR, other)
            assert await staff.invited_one_another(other, AUTHOR)
        assert not await staff.invited_one_another(GRANTED, INVITED)
        assert not await staff.invited_one_another(AUTHOR, STRANGER)
        assert not await staff.invited_one_another(STRANGER, AUTHOR)
    await engine.dispose()
