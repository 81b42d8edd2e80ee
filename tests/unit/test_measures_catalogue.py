"""The Karaganda roadmap as data: 56 measures, matching the official table; other plans are other files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from bot.content.base import parse_yaml
from bot.measures import load_catalogue
from bot.measures.catalogue import TITLE_MAX

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database

CSV = Path("/work/shared/domain/karaganda-measures.csv")
PLAN = "krg-2023-2025"
# Scan errors in the Russian table's column of bodies, put right where the Kazakh table names the body.
RU_FIXES = {
    4: [("УЖЗСП", "УКЗСП")],
    6: [("ДЦ", "ДП")],
    9: [("ДЦ", "ДП")],
    14: [("УКЗИСЦ", "УКЗСП")],
    31: [("УИПР", "УПР")],
    47: [("УІР", "УПР")],
    48: [("УІР", "УПР"), ("УІТГИАД", "УПТиАД")],
    56: [("УВМЦ", "УВМП")],
}
# The Russian roadmap's bodies; the Kazakh one names them otherwise (ББ, ДСБ, ПД, ТЖД, ЖАО...).
RUSSIAN_ONLY = {"УО", "УЗ", "ДП", "ДЧС", "УВП", "УВМП", "УКАД", "УФКис", "УПР", "МИО", "НПО", "СМИ", "ОО"}


def test_the_karaganda_plan_has_56_measures_in_three_sections() -> None:
    catalogue = load_catalogue()
    plan = catalogue.plan(PLAN)
    assert plan is not None and catalogue.plan_for_region("krg") is plan
    assert sorted(m.number for m in plan.measures) == list(range(1, 57))
    assert [len(plan.in_section(s)) for s in (1, 2, 3)] == [23, 16, 17]
    assert (plan.starts.isoformat(), plan.ends.isoformat()) == ("2023-01-01", "2025-12-31")
    assert all(len(m.title.kk) <= TITLE_MAX and len(m.title.ru) <= TITLE_MAX for m in plan.measures)
    assert all(key in plan.figure_labels for m in plan.measures for key in m.figures)


@pytest.mark.skipif(not CSV.exists(), reason="the shared domain files are not mounted")
def test_matches_the_official_table() -> None:
    plan = load_catalogue().plan(PLAN)
    assert plan is not None
    for row in csv.DictReader(CSV.open(encoding="utf-8")):
        m = plan.measure(int(row["number"]))
        assert m is not None
        assert m.section == int(row["section"])
        assert m.parent_facing is (row["parent_facing"] == "yes"), m.number
        official = row["responsible"]
        for wrong, right in RU_FIXES.get(m.number, []):
            official = official.replace(wrong, right)
        assert m.responsible.ru == official, m.number


def test_responsible_bodies_in_each_language() -> None:
    plan = load_catalogue().plan(PLAN)
    assert plan is not None and plan.abbreviations is not None
    for m in plan.measures:
        kk, ru = plan.bodies(m, "kk"), plan.bodies(m, "ru")
        assert kk and ru, m.number
        kk_names = {b.name.casefold() for b in kk}
        assert not kk_names & {w.casefold() for w in RUSSIAN_ONLY}, (m.number, m.responsible.kk)
        assert not {"отделы", "акиматы", "акимат", "согласованию"} & set(m.responsible.kk.split()), m.number
        # Every abbreviation is explained, so a parent can tell who ПД or УО is.
        assert all(b.full for b in kk + ru if b.abbreviated), m.number
    first = plan.measure(1)
    assert first is not None
    assert [b.name for b in plan.bodies(first, "kk")][:4] == ["облыс әкімдігі", "ББ", "ДСБ", "ПД"]
    police = plan.bodies(first, "kk")[3]
    assert (police.full, police.note) == ("облыстық полиция департаменті", "келісім бойынша")
    assert plan.bodies(first, "ru")[3].note == "по согласованию"
    prosecutors = plan.measure(11)
    assert prosecutors is not None
    assert [b.name for b in plan.bodies(prosecutors, "kk")] == ["ҚР БП ҚСЖАЕК ҚОД"]
    # Spelling variants of one body in the Russian table find the same expansion.
    sport = {b.full for n in (20, 42) for b in plan.bodies(plan.measure(n), "ru")}  # type: ignore[arg-type]
    assert "областное управление физической культуры и спорта" in sport


def test_every_measure_fits_one_message_with_its_bodies_spelled_out() -> None:
    from bot.i18n import create_i18n
    from bot.views.measures import measure_text
    from domain.enums import MeasureStatus

    plan = load_catalogue().plan(PLAN)
    assert plan is not None
    with create_i18n("kk").context():
        for m in plan.measures:
            for locale in ("kk", "ru"):
                text = measure_text(plan, m, MeasureStatus.OVERDUE, None, [], False, locale)
                assert len(text) < 4096
    first = plan.measure(1)
    assert first is not None
    with create_i18n("kk").context():
        kk = measure_text(plan, first, MeasureStatus.OVERDUE, None, [], False, "kk")
        ru = measure_text(plan, first, MeasureStatus.OVERDUE, None, [], False, "ru")
    assert "<b>Жауаптылар:</b>\n• облыс әкімдігі\n• ББ — облыстық білім басқармасы\n" in kk
    assert "• ПД — облыстық полиция департаменті (келісім бойынша)" in kk
    assert "УО" not in kk and "по согласованию" not in kk
    assert "• УО — областное управление образования" in ru
    assert "• ДЧС — департамент по чрезвычайным ситуациям области (по согласованию)" in ru


def test_recurring_deadlines_from_the_schedule() -> None:
    plan = load_catalogue().plan(PLAN)
    assert plan is not None
    kinds = {n: plan.measure(n).deadline for n in (10, 15, 20, 27, 46, 55)}  # type: ignore[union-attr]
    assert kinds[10].kind == "once" and kinds[10].on is not None and kinds[10].on.isoformat() == "2023-12-31"
    assert kinds[15].kind == "quarterly"
    assert kinds[20].kind == kinds[27].kind == "semiannual"
    assert kinds[46].on is not None and kinds[46].on.isoformat() == "2023-10-31"
    assert kinds[55].due_months() == (3, 6, 9, 12)


def test_another_plan_is_another_file(tmp_path: Path) -> None:
    source = parse_yaml(Path("content/measures/karaganda-2023-2025.yaml").read_text("utf-8"))
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(source, allow_unicode=True), "utf-8")
    other = {**source, "code": "kos-2026-2028", "region": "kos"}
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(other, allow_unicode=True), "utf-8")
    catalogue = load_catalogue(tmp_path)
    assert catalogue.plan_for_region("kos") is catalogue.plan("kos-2026-2028")
    assert len(catalogue.plans) == 2


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["measures"][0].update(section=9),
        lambda d: d["measures"][1].update(number=1),
        lambda d: d["measures"][2].update(figures=["unlabelled"]),
        lambda d: d["measures"][0]["title"].update(ru="Очень длинное название " * 5),
        lambda d: d["measures"][0]["title"].pop("kk"),
        lambda d: d["measures"][0].update(responsible="УО"),
        lambda d: d["measures"][0]["responsible"].pop("kk"),
        lambda d: d["measures"][0]["responsible"].update(kk=" , "),
        lambda d: d["abbreviations"].pop("ru"),
    ],
)
def test_broken_catalogues_are_refused(tmp_path: Path, change) -> None:
    source = parse_yaml(Path("content/measures/karaganda-2023-2025.yaml").read_text("utf-8"))
    change(source)
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(source, allow_unicode=True), "utf-8")
    with pytest.raises(ValidationError):
        load_catalogue(tmp_path)


def test_content_check_covers_the_catalogue(tmp_path: Path) -> None:
    from bot.content import CONTENT_DIR, Content
    from bot.content_check import Allowlist, check
    from bot.i18n import create_i18n

    allow = Allowlist.load(CONTENT_DIR / "spelling_allowlist.yaml")
    report = check(Content.load(), create_i18n("kk"), allow, catalogue=load_catalogue())
    assert report.errors == []
    source = parse_yaml(Path("content/measures/karaganda-2023-2025.yaml").read_text("utf-8"))
    source["measures"][0]["title"]["ru"] = "Утвердить, бекіту"  # Kazakh letters in the Russian text
    source["measures"][1].update(
        title={"kk": "Бағдарламаны бекіту", "ru": "Утвердить программу"},
        form={"kk": "Утвердить", "ru": "Утвердить"},
        deadline={"kind": "once", "on": "2024-01-31", "text": {"kk": "январь", "ru": "январь"}},
        responsible={"kk": "акимат", "ru": "акимат"},
    )
    source["measures"][2]["number"] = 99  # leaves a gap in 1..56
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(source, allow_unicode=True), "utf-8")
    errors = check(Content.load(), create_i18n("kk"), allow, catalogue=load_catalogue(tmp_path)).errors
    assert any("measure 1 [ru]: Kazakh letters" in e for e in errors), errors
    assert any("numbered 1..56" in e for e in errors), errors
    source["measures"][1]["title"]["kk"] = "Утвердить программу"
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(source, allow_unicode=True), "utf-8")
    errors = check(Content.load(), create_i18n("kk"), allow, catalogue=load_catalogue(tmp_path)).errors
    assert any("measure 2 [kk]: no Kazakh-specific letter" in e for e in errors), errors
    # A Russian abbreviation left in the Kazakh bodies, or a body the list does not explain.
    source["measures"][4]["responsible"] = {"kk": "УО, ББ", "ru": "УО, ЗЗЗ (по согласованию)"}
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(source, allow_unicode=True), "utf-8")
    errors = check(Content.load(), create_i18n("kk"), allow, catalogue=load_catalogue(tmp_path)).errors
    assert any("measure 5 [kk]: 'УО' is not in the abbreviations" in e for e in errors), errors
    assert any("measure 5 [ru]: 'ЗЗЗ' is not in the abbreviations" in e for e in errors), errors
    assert not any("'ББ'" in e for e in errors), errors
