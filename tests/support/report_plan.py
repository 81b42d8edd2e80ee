"""A small plan for /report tests, until the real 56-measure catalogue is in content/measures."""

from __future__ import annotations

from datetime import date

from bot.measures import Catalogue, Plan

PLAN_CODE = "krg-test"


def small_plan(region: str = "krg") -> Plan:
    def bi(kk: str, ru: str) -> dict[str, str]:
        return {"kk": kk, "ru": ru}

    def measure(number: int, section: int, kk: str, ru: str, **extra: object) -> dict[str, object]:
        return {
            "number": number,
            "section": section,
            "title": bi(kk, ru),
            "form": bi("МП-ға ақпарат", "информация в МП"),
            "deadline": {
                "kind": "semiannual",
                "months": [6, 12],
                "text": bi("Маусым, желтоқсан", "июнь, декабрь"),
            },
            "responsible": bi("ББ", "УО"),
            **extra,
        }

    return Plan.model_validate(
        {
            "code": PLAN_CODE,
            "region": region,
            "title": bi("Сынақ жол картасы", "Тестовая дорожная карта"),
            "starts": date(2023, 1, 1),
            "ends": date(2025, 12, 31),
            "figure_labels": {
                "participants": bi("Қатысушылар", "Участники"),
                "events": bi("Іс-шаралар", "Мероприятия"),
            },
            "sections": [
                {"number": 1, "title": bi("Ұйымдастыру шаралары", "Организационные меры")},
                {"number": 2, "title": bi("Ата-аналармен жұмыс", "Работа с родителями")},
            ],
            "measures": [
                measure(1, 1, "Жол картасын бекіту", "Утверждение дорожной карты"),
                measure(
                    2,
                    1,
                    "Мамандардың біліктілігін арттыру",
                    "Повышение квалификации",
                    figures=["participants"],
                ),
                measure(
                    3,
                    2,
                    "Ата-аналар жиналысы",
                    "Родительские собрания",
                    parent_facing=True,
                    figures=["participants", "events"],
                    deadline={"kind": "once", "on": date(2025, 12, 31), "text": bi("2025 ж.", "2025 г.")},
                ),
                measure(
                    4,
                    2,
                    "Өтініш жәшіктері",
                    "Ящики доверия",
                    deadline={
                        "kind": "once",
                        "on": date(2024, 6, 30),
                        "text": bi("2024 ж. маусым", "июнь 2024 г."),
                    },
                ),
            ],
        }
    )


def small_catalogue(region: str = "krg") -> Catalogue:
    return Catalogue(plans=(small_plan(region),))
