"""The three roadmap measures events report their attendance on, numbered as in the Karaganda roadmap, for
tests that do not depend on the shipped catalogue."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from bot.measures import Catalogue, Plan
from tests.support.org_tree import REGION

# The code content/familyhour.yaml names measure 55 for: /event reads its Family Hour months from this plan.
PLAN_CODE = "krg-2023-2025"


QUARTERLY = {"kind": "quarterly", "text": {"kk": "тоқсан сайын", "ru": "ежеквартально"}}


def _measure(number: int, ru: str, figures: list[str], deadline: dict[str, Any] = QUARTERLY) -> dict:
    return {
        "number": number,
        "section": 1,
        "title": {"kk": f"Іс-шара {number}", "ru": ru},
        "form": {"kk": "ОМ-ға ақпарат", "ru": "информация в МП"},
        "deadline": deadline,
        "responsible": {"kk": "ББ", "ru": "УО"},
        "parent_facing": True,
        "figures": figures,
    }


def event_catalogue(family_hour_months: Sequence[int] = ()) -> Catalogue:
    """The three measures events report on, numbered as in the Karaganda roadmap; Family Hour (№ 55) falls
    due quarterly, or in `family_hour_months` of each year when given (a roadmap may choose one month)."""
    family_hour = QUARTERLY
    if family_hour_months:
        text = {"kk": "жыл сайын", "ru": "ежегодно"}
        family_hour = {"kind": "yearly", "months": list(family_hour_months), "text": text}
    plan = Plan.model_validate(
        {
            "code": PLAN_CODE,
            "region": REGION,
            "title": {"kk": "Сынақ жол картасы", "ru": "Тестовая дорожная карта"},
            "starts": date(2023, 1, 1),
            "ends": date(2027, 12, 31),
            "sections": [{"number": 1, "title": {"kk": "Ата-аналар", "ru": "Родители"}}],
            "figure_labels": {
                "participants": {"kk": "қатысушылар", "ru": "участников"},
                "meetings": {"kk": "кездесулер", "ru": "встреч"},
                "events": {"kk": "іс-шаралар", "ru": "мероприятий"},
                "clubs": {"kk": "клубтар", "ru": "клубов"},
            },
            "measures": [
                _measure(32, "Семинары для родителей", ["events", "participants"]),
                _measure(40, "Клубы родителей", ["clubs", "participants"]),
                _measure(55, "Семейный час", ["meetings", "participants"], family_hour),
            ],
        }
    )
    return Catalogue(plans=(plan,))
