"""A pseudonym stands for an erased person in the record; no search for their id may find it again."""

from __future__ import annotations

import pytest

from db.repositories import erasure
from db.repositories.erasure import PSEUDONYM_FLOOR, new_pseudonym

pytestmark = pytest.mark.no_database


def test_a_pseudonym_never_holds_the_erased_id_in_its_digits(monkeypatch: pytest.MonkeyPatch) -> None:
    # The first two draws carry the id among their digits (one by chance in about 600 for a short id).
    draws = iter([47_018, 1_601_745_259_008, 5])  # -9007199254788010, -9008801000000000
    monkeypatch.setattr(erasure.secrets, "randbelow", lambda _n: next(draws))
    pseudonym = new_pseudonym(8801)
    assert "8801" not in str(pseudonym)
    assert pseudonym == -(PSEUDONYM_FLOOR + 5)


@pytest.mark.parametrize("user_id", [7, 8801, 123_456_789, 7_000_000_001])
def test_a_pseudonym_is_below_every_telegram_id(user_id: int) -> None:
    for _ in range(200):
        pseudonym = new_pseudonym(user_id)
        assert pseudonym < -(2**53) and str(user_id) not in str(pseudonym)
