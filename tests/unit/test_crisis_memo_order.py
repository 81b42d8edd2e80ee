"""The memo under the reply to a parent whose child was hit by a teacher, a coach or a carer
(adult_violence_staff): a crime is reported to the police at once, so 102 comes before any step that sends the
parent to the school's own staff («talk to the class teacher first» would contradict the reply above it)."""

from __future__ import annotations

import re

import pytest

from bot.content import Content

pytestmark = pytest.mark.no_database

CONTENT = Content.load()
SCHOOL_STEP = {
    "kk": re.compile(r"сынып жетекші|директор|мектеп психолог", re.IGNORECASE),
    "ru": re.compile(r"классн\w* руководител|директор|школьн\w* психолог", re.IGNORECASE),
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_police_come_before_the_school(lang: str) -> None:
    memo = CONTENT.memo(CONTENT.crisis.memos["adult_violence_staff"])
    assert memo is not None
    body = getattr(memo, lang).body
    police = body.find("<b>102</b>")
    school = SCHOOL_STEP[lang].search(body)
    assert police != -1, body
    assert school is None or police < school.start(), body[: max(police, 0) + 80]
