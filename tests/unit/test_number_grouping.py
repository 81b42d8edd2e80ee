"""Counts of a thousand and more are grouped as each language writes them («1 000», Babel), not «1000»:
/event's answers and places, the delivery report, /stats and every counted phrase."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from bot.i18n import compile_catalogs, create_i18n
from bot.views.delivery import report_text
from bot.views.event_manage import counts_line
from bot.views.phrases import __
from bot.views.stats import subscribers_block
from db.repositories.event_changes import Counts
from db.repositories.posts import DeliveryCounts

pytestmark = pytest.mark.no_database

THOUSAND = "1\xa0000"  # Babel groups with a no-break space in kk and ru alike


@pytest.fixture(autouse=True)
def _i18n() -> Iterator[None]:
    compile_catalogs()
    with create_i18n("kk").context():
        yield


@pytest.mark.parametrize(("locale", "coming"), [("kk", "Келеді: 1 / "), ("ru", "Придут: 1 / ")])
def test_event_places_of_a_thousand(locale: str, coming: str) -> None:
    event = SimpleNamespace(capacity=1000)
    line = counts_line(event, Counts(going=1, waiting=1200, not_going=0), locale)  # type: ignore[arg-type]
    assert coming + THOUSAND in line and "1\xa0200" in line and "1000" not in line


def test_the_delivery_report_groups_its_counts() -> None:
    counts = DeliveryCounts(sent=1200, blocked=1000, failed=0, acknowledged=1000)
    kk = report_text(7, counts, "kk")
    assert "Жеткізілді: 1\xa0200 / 2\xa0200." in kk and "1000" not in kk
    assert "Доставлено: 1\xa0200 из 2\xa0200." in report_text(7, counts, "ru")


def test_stats_and_counted_phrases_group_their_number() -> None:
    assert subscribers_block(1000, [], {}, "ru")[1] == f"{THOUSAND} родителей на вашей территории"
    assert __("{n} row", "{n} rows")(12500, "ru") == "12\xa0500 rows"
