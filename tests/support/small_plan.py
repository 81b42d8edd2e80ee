"""A small roadmap for the test organisation tree, so tests do not depend on the shipped catalogue."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.measures import Catalogue, Plan
from tests.support.org_tree import REGION

PLAN_CODE = "t-plan"


def _measure(number: int, section: int, kk: str, ru: str, deadline: dict[str, Any], **extra: Any) -> dict:
    return {
        "number": number,
        "section": section,
        "title": {"kk": kk, "ru": ru},
        "form": {"kk": "МП-ға ақпарат", "ru": "информация в МП"},
        "deadline": deadline,
        "responsible": {
            "kk": "ББ, ПД (келісім бойынша), білім бөлімдері",
            "ru": "УО, ДП (по согласованию), ОО",
        },
        **extra,
    }


def _once(on: date) -> dict[str, Any]:
    day = on.strftime("%d.%m.%Y")
    return {"kind": "once", "on": on, "text": {"kk": f"{day} дейін", "ru": f"до {day}"}}


def small_catalogue() -> Catalogue:
    """Four measures; seen from 7 December 2026: №1 overdue, №2 owed for the first half of 2026 (overdue)
    and due again on 31 December, №3 due on 20 December, №4 not for months."""
    yearly = {
        "kind": "semiannual",
        "text": {"kk": "жыл сайын маусым, желтоқсан", "ru": "ежегодно июнь, декабрь"},
    }
    plan = Plan.model_validate(
        {
            "code": PLAN_CODE,
            "region": REGION,
            "title": {"kk": "Сынақ жол картасы", "ru": "Тестовая дорожная карта"},
            "starts": date(2023, 1, 1),
            "ends": date(2027, 12, 31),
            "sections": [
                {"number": 1, "title": {"kk": "Ата-аналармен жұмыс", "ru": "Работа с родителями"}},
                {"number": 2, "title": {"kk": "Мамандар", "ru": "Специалисты"}},
            ],
            "figure_labels": {
                "participants": {"kk": "қатысушылар", "ru": "участников"},
                "events": {"kk": "өткен іс-шаралар", "ru": "проведено мероприятий"},
            },
            # ОО is left out on purpose: a body the list does not explain is shown as it is.
            "abbreviations": {
                "kk": {"ББ": "облыстық білім басқармасы", "ПД": "облыстық полиция департаменті"},
                "ru": {"УО": "областное управление образования", "ДП": "департамент полиции области"},
            },
            "measures": [
                _measure(1, 2, "Психологтар курсы", "Курсы для психологов", _once(date(2026, 11, 1))),
                _measure(
                    2,
                    1,
                    "Ата-аналар жиналысы",
                    "Родительские собрания",
                    yearly,
                    parent_facing=True,
                    figures=["participants", "events"],
                ),
                _measure(3, 1, "Ақпараттық стендтер", "Информационные стенды", _once(date(2026, 12, 20))),
                _measure(4, 2, "Жылдық есеп", "Годовой отчёт", _once(date(2027, 6, 1))),
            ],
        }
    )
    return Catalogue(plans=(plan,))
