"""/stats names each notice by its first words and says, in words, when a scheduled one goes out."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.support.app import RunningApp
from tests.support.chat import pick_language
from tests.support.org_tree import SCHOOL, add_tree, grant
from tests.support.posts import new_post

PSY = 8401
LONG_KK = (
    "Ертең сағат 18:00-де <b>ата-аналар жиналысы</b> мектептің акт залында өтеді, балаларыңызбен келіңіздер"
)
LONG_RU = "Завтра в 18:00 <b>родительское собрание</b> в актовом зале школы, приходите все вместе с детьми"
TAGS = "Тексеріңіз: &lt;b&gt; &amp; бәрі"  # typed tags are stored escaped and must stay literal
EXPECTED = {
    "kk": (
        "#1 «Ертең сағат 18:00-де ата-аналар жиналысы мектептің акт…»",
        "Жоспарланған, жіберілетін уақыты: 2027 жылғы 7 қаңтар, 08:00 (Қазақстан уақыты)",
        "#2 «Тексеріңіз: <b> & бәрі»",
        "Аяқталды (",
    ),
    "ru": (
        "#1 «Завтра в 18:00 родительское собрание в актовом зале школы…»",
        "Запланировано, уйдёт 7 января 2027\u202fг., 08:00 (время Казахстана)",
        "#2 «Проверьте: <b> & всё»",
        "Завершено (",
    ),
}


async def _add_posts(app: RunningApp) -> None:
    made = datetime(2026, 12, 6, 2, 34, tzinfo=UTC)
    async with app.dp["sessionmaker"]() as session:
        session.add(
            new_post(
                author_id=PSY,
                scope_code=SCHOOL,
                text={"kk": LONG_KK, "ru": LONG_RU},
                status="scheduled",
                created_at=made,
                send_at=datetime(2027, 1, 7, 3, 0, tzinfo=UTC),
            )
        )
        session.add(
            new_post(
                author_id=PSY,
                scope_code=SCHOOL,
                text={"kk": TAGS, "ru": "Проверьте: &lt;b&gt; &amp; всё"},
                status="done",
                created_at=made,
                started_at=made,
            )
        )
        await session.commit()


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_stats_shows_first_words_and_when_a_notice_goes_out(app: RunningApp, locale: str) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, PSY, "psychologist", SCHOOL)
    await _add_posts(app)
    psy = app.emu.user(PSY, language_code=locale)
    await pick_language(psy, locale)
    await psy.send("/stats")
    text = (await psy.next_message())["text"]
    for expected in EXPECTED[locale]:
        assert expected in text, (expected, text)
    assert "scheduled" not in text and "done" not in text
    assert app.emu.rejections == []
