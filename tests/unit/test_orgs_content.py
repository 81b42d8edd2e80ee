"""The shipped organisation tree (content/orgs/), its checks, and its sync into the database."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from bot.orgs import OrgTreeError, load_org_tree, sync_organisations
from bot.orgs.tree import CODE_PATTERN
from db.engine import create_engine, create_sessionmaker
from db.migrate import upgrade_to_head
from db.repositories.orgs import OrgRepository

KAZAKH_ONLY = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# Names of the kk side: Cyrillic words, numbers and a little punctuation; a Latin letter means a mistake.
KK_NAME = re.compile(r"^[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі0-9№ \-«».,]+$")
RU_NAME = re.compile(r"^[А-Яа-яЁё0-9№ \-«».,]+$")
# Official Kazakh names that happen to hold no letter only Kazakh has.
KK_WITHOUT_KAZAKH_LETTERS = {"Абай ауданы", "Осакаров ауданы", "Шет ауданы"}


def test_shipped_tree_is_karaganda_region_with_its_districts_cities_and_organisations() -> None:
    nodes = load_org_tree()
    by_code = {node.code: node for node in nodes}
    assert len(by_code) == len(nodes), "duplicate codes"
    assert by_code["krg"].kind == "region" and by_code["krg"].parent_code is None
    assert by_code["krg"].name_kk == "Қарағанды облысы"
    areas = [n for n in nodes if n.parent_code == "krg"]
    assert len(areas) >= 10 and {n.kind for n in areas} == {"district", "city"}
    # Since June 2022 these belong to Ulytau region, not here.
    names = {n.name_ru for n in areas}
    assert not names & {"Жезказган", "Сатпаев", "Каражал", "Улытауский район", "Жанааркинский район"}
    institutions = [n for n in nodes if n.kind in {"school", "kindergarten", "college"}]
    assert len(institutions) >= 40
    assert Counter(n.kind for n in institutions).keys() == {"school", "kindergarten", "college"}
    # Every district and city has its own sample, and Karaganda city the largest.
    per_area = Counter(n.parent_code for n in institutions)
    assert all(per_area[a.code] >= 3 for a in areas)
    assert per_area.most_common(1)[0][0] == "krg-kar"


def test_shipped_names_and_codes_are_well_formed_and_unique() -> None:
    nodes = load_org_tree()
    for node in nodes:
        assert CODE_PATTERN.match(node.code) and len(node.code) <= 24, node.code
        assert KK_NAME.match(node.name_kk), node.name_kk
        assert RU_NAME.match(node.name_ru), node.name_ru
        if node.name_kk not in KK_WITHOUT_KAZAKH_LETTERS:
            assert KAZAKH_ONLY & set(node.name_kk), f"no Kazakh letter in {node.name_kk!r}"
        assert node.name_kk != node.name_ru
    siblings = Counter(
        (n.parent_code, lang, getattr(n, f"name_{lang}")) for n in nodes for lang in ("kk", "ru")
    )
    assert [key for key, count in siblings.items() if count > 1] == []


def _write(directory: Path, name: str, text: str) -> None:
    (directory / name).write_text(text, encoding="utf-8")


GOOD_REGION = """
code: krg
kind: region
name_kk: Қарағанды облысы
name_ru: Карагандинская область
children:
  - {code: krg-kar, kind: city, name_kk: Қарағанды қаласы, name_ru: Караганда, children: [
      {code: krg-kar-s001, kind: school, name_kk: № 1 мектеп, name_ru: Школа № 1}]}
"""


def test_broken_trees_are_rejected_with_one_line_per_problem(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", GOOD_REGION)
    assert [n.code for n in load_org_tree(tmp_path)] == ["krg", "krg-kar", "krg-kar-s001"]

    _write(
        tmp_path,
        "b.yaml",
        """
code: ulk
kind: region
name_kk: Ұлытау облысы
name_ru: " "
children:
  - {code: krg-kar, kind: city, name_kk: Жезқазған қаласы, name_ru: Жезказган}
  - {code: ulk-Sat, kind: city, name_kk: Сәтбаев қаласы, name_ru: Сатпаев}
  - {code: ulk-s001, kind: school, name_kk: № 1 мектеп, name_ru: Школа № 1}
  - {code: ulk-zhe, kind: district, name_kk: Жаңаарқа ауданы, name_ru: Жанааркинский район, children: [
      {code: ulk-zhe-d, kind: district, name_kk: Ішкі аудан, name_ru: Внутренний район}]}
""",
    )
    with pytest.raises(OrgTreeError) as caught:
        load_org_tree(tmp_path)
    assert caught.value.problems == [
        "b.yaml: ulk: name_ru is empty",
        "b.yaml: krg-kar: code 'krg-kar' appears twice (first at a.yaml: krg-kar)",
        "b.yaml: ulk-Sat: code 'ulk-Sat' is not valid: use 1-24 lowercase latin letters, digits and '-' "
        "('-' not at either end)",
        "b.yaml: ulk-s001: a school cannot be under the region 'ulk': it belongs under a city or district",
        "b.yaml: ulk-zhe-d: a district cannot be under the district 'ulk-zhe': it belongs under a region",
    ]


def test_a_file_of_the_wrong_shape_names_the_field(tmp_path: Path) -> None:
    _write(
        tmp_path, "c.yaml", "code: krg\nkind: region\nname_kk: Қарағанды облысы\nnmae_ru: Карагандинская\n"
    )
    with pytest.raises(OrgTreeError) as caught:
        load_org_tree(tmp_path)
    text = str(caught.value)
    assert "c.yaml: name_ru: Field required" in text
    assert "c.yaml: nmae_ru: Extra inputs are not permitted" in text
    _write(
        tmp_path, "c.yaml", "code: krg\nkind: province\nname_kk: Қарағанды облысы\nname_ru: Карагандинская\n"
    )
    with pytest.raises(OrgTreeError, match=r"c\.yaml: krg: kind 'province' is unknown"):
        load_org_tree(tmp_path)


async def test_sync_is_idempotent_renames_and_refuses_a_moved_code(database_url: str, tmp_path: Path) -> None:
    engine = create_engine(database_url)
    await upgrade_to_head(engine)
    sessions = create_sessionmaker(engine)
    try:
        shipped = load_org_tree()
        async with sessions() as s:
            assert await sync_organisations(s) == len(shipped)
        async with sessions() as s:
            assert await sync_organisations(s) == 0
            repo = OrgRepository(s)
            assert await repo.count() == len(shipped)
            school = await repo.get("krg-kar-s012")
            assert school is not None and school.parent_code == "krg-kar"
            assert school.name_ru == "Общеобразовательная школа № 12"
            assert [o.code for o in await repo.path("krg-kar-s012")] == ["krg", "krg-kar", "krg-kar-s012"]

        _write(tmp_path, "k.yaml", GOOD_REGION.replace("Школа № 1", "Школа-гимназия № 1"))
        async with sessions() as s:
            assert await sync_organisations(s, tmp_path) == 1  # only the school was renamed
        async with sessions() as s:
            org = await OrgRepository(s).get("krg-kar-s001")
            assert org is not None and org.name_ru == "Школа-гимназия № 1"
            assert await OrgRepository(s).count() == len(shipped)  # nothing outside the file was deleted

        # A printed code cannot move to another parent or change kind.
        moved = GOOD_REGION.replace("code: krg-kar,", "code: krg-tem,").replace(
            "krg-kar-s001", "krg-kar-s012"
        )
        _write(tmp_path, "k.yaml", moved)
        async with sessions() as s:
            with pytest.raises(OrgTreeError) as caught:
                await sync_organisations(s, tmp_path)
        assert caught.value.problems == [
            "krg-kar-s012: code 'krg-kar-s012' already exists as a school under 'krg-kar'; "
            "its kind and parent cannot change"
        ]
        async with sessions() as s:
            org = await OrgRepository(s).get("krg-kar-s012")
            assert org is not None and org.parent_code == "krg-kar"
    finally:
        await engine.dispose()
