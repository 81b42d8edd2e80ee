"""Situations a tester found answered wrongly, through the emulator, in Kazakh and Russian (the classes and
their labelled messages: tests/unit/test_crisis_situations.py).

Each situation gets its own reply in the message's language: a parent whose child is missing (adult_missing),
a child in danger now (violence_danger), a parent whose child a stranger writes to (adult_sexual_online and
its memo), a pregnant girl (sexual_pregnancy).
7. A memo opened from a crisis reply's button came with no buttons at all (no Share, no PDF, no way back),
   while a memo opened from the menu has them: now it has the menu's keyboard and a Menu button.
"""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.views.crisis import crisis_reply
from tests.support.app import RunningApp
from tests.support.chat import button_texts, button_with, buttons
from tests.support.post_steps import t

CONTENT = Content.load()

# (language, message, the reply, the memo its button opens or None)
SITUATIONS = [
    ("kk", "балам мектептен үйге келмеді, телефонын алмайды", "adult_missing", None),
    ("ru", "сын пропал, не пришёл домой", "adult_missing", None),
    ("kk", "біреу артымнан еріп келе жатыр", "violence_danger", None),
    ("ru", "за мной идёт незнакомец", "violence_danger", None),
    ("kk", "балама бейтаныс адам жазып жүр", "adult_sexual_online", "online_grooming"),
    ("ru", "дочке пишет незнакомый взрослый", "adult_sexual_online", "online_grooming"),
    ("kk", "қызымды мұғалім ұрды", "adult_violence_staff", "where_to_turn"),
    ("ru", "ребенка бьёт воспитатель в садике", "adult_violence_staff", "where_to_turn"),
    ("kk", "әкем анамды ұрады", "violence_witness", None),
    ("ru", "папа бьёт маму", "violence_witness", None),
    ("kk", "мен жүктімін", "sexual_pregnancy", None),
    ("ru", "я беременна, мне 16, что делать", "sexual_pregnancy", None),
]
IDS = [f"{kind}-{lang}" for lang, _, kind, _ in SITUATIONS]


@pytest.mark.parametrize(("lang", "text", "kind", "memo_slug"), SITUATIONS, ids=IDS)
async def test_each_situation_gets_its_reply_in_the_message_language(
    app: RunningApp, lang: str, text: str, kind: str, memo_slug: str | None
) -> None:
    # Telegram says the user speaks the other language: the reply follows the message.
    user = app.emu.user(
        36_600 + [c[1] for c in SITUATIONS].index(text), language_code="ru" if lang == "kk" else "kk"
    )
    await user.send(text)
    reply = await user.next_message(timeout=5)
    assert reply["text"] == crisis_reply(CONTENT, lang, kind).replace("<b>", "").replace("</b>", "")
    if memo_slug is not None:
        memo = CONTENT.memo(memo_slug)
        assert memo is not None
        assert f"📄 {memo.get(lang).label}" in button_texts(reply)
    else:  # a parent whose child is missing needs the police, not a lesson on strangers
        assert not [b for b in button_texts(reply) if b.startswith("📄")], button_texts(reply)
    assert app.emu.rejections == []


# (language, a parent's message, the memo the reply's button opens)
MEMO_CASES = [
    ("kk", "ұлым өмір сүргім келмейді дейді, не істеймін?", "talk_to_child"),
    ("ru", "сына травят в школе, что делать", "bullying"),
]


@pytest.mark.parametrize(("lang", "text", "slug"), MEMO_CASES, ids=[c[0] for c in MEMO_CASES])
async def test_a_memo_opened_from_a_crisis_reply_has_the_menus_buttons(
    app: RunningApp, lang: str, text: str, slug: str
) -> None:
    user = app.emu.user(36_700 + [c[1] for c in MEMO_CASES].index(text), language_code=lang)
    await user.send(text)
    note = await user.next_message(timeout=5)
    memo = CONTENT.memo(slug)
    assert memo is not None
    await user.press(note, button_with(note, memo.get(lang).label))
    shown = await user.next_message()
    assert memo.get(lang).title in shown["text"]
    labels = button_texts(shown)
    for msgid in ("📤 Share", "🖨 PDF for printing", "⬅️ More memos", "⬅️ Menu"):
        assert t(app, msgid, lang) in labels, (msgid, labels)
    share = next(b for b in buttons(shown) if b["text"] == t(app, "📤 Share", lang))
    assert share["switch_inline_query"] == memo.get(lang).title[:200]

    await user.press(shown, t(app, "🖨 PDF for printing", lang))
    printed = await user.next_message(timeout=15)
    assert printed["document"]["file_name"] == f"{slug}_{lang}.pdf"

    await user.press(shown, t(app, "⬅️ Menu", lang))
    menu = await user.wait_edit(shown)
    assert t(app, "📋 Safety memos", lang) in button_texts(menu)
    assert app.emu.rejections == []
