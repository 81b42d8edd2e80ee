"""The Karaganda roadmap as data: 56 measures, matching the official table; other plans are other files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from bot.measures import load_catalogue
from bot.measures.catalogue import TITLE_MAX

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database

CSV = Path("/work/shared/domain/karaganda-measures.csv")
PLAN = "krg-2023-2025"


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
        assert m.responsible == row["responsible"]


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
    source = yaml.safe_load(Path("content/measures/karaganda-2023-2025.yaml").read_text("utf-8"))
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
    ],
)
def test_broken_catalogues_are_refused(tmp_path: Path, change) -> None:
    source = yaml.safe_load(Path("content/measures/karaganda-2023-2025.yaml").read_text("utf-8"))
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
    source = yaml.safe_load(Path("content/measures/karaganda-2023-2025.yaml").read_text("utf-8"))
    source["measures"][0]["title"]["ru"] = "Утвердить, бекіту"  # Kazakh letters in the Russian text
    source["measures"][1].update(
        title={"kk": "Бағдарламаны бекіту", "ru": "Утвердить программу"},
        form={"kk": "Утвердить", "ru": "Утвердить"},
        deadline={"kind": "once", "on": "2024-01-31", "text": {"kk": "январь", "ru": "январь"}},
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
