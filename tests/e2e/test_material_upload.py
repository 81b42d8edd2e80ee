"""/upload: staff attach lesson and memo materials; school staff propose, a coordinator reviews."""

from __future__ import annotations

import asyncio
import hashlib

from sqlalchemy import select

from bot.emulator.sample_media import PDF
from bot.materials.allowlist import MAX_BYTES
from db.models import AuditRecord, Material
from handlers.material_upload import Decision, ReviewCb
from tests.support.app import ADMIN_ID, RunningApp
from tests.support.chat import button_texts, button_with, callback_buttons, next_with, pick_language
from tests.support.lessons import lesson_readers, open_lesson_topic, upload_to_lesson_topic
from tests.support.org_tree import (
    DISTRICT,
    OTHER_DISTRICT,
    REGION,
    SCHOOL,
    SCHOOL_2,
    add_tree,
    staff_member,
)

PSY, COORD, REGION_COORD, OTHER_COORD, PSY_2, PARENT_KK, PARENT_RU = (
    8301,
    8302,
    8303,
    8304,
    8305,
    8306,
    8307,
)
BULLYING_PDF = PDF + b"% bullying lesson\n"


async def _materials(app: RunningApp) -> list[Material]:
    async with app.dp["sessionmaker"]() as session:
        return list(await session.scalars(select(Material).order_by(Material.id)))


async def _audit(app: RunningApp, action: str) -> list[AuditRecord]:
    async with app.dp["sessionmaker"]() as session:
        rows = await session.scalars(select(AuditRecord).where(AuditRecord.action == action))
        return list(rows)


async def _next_with(user, fragment: str, limit: int = 6) -> dict:
    return await next_with(user, fragment, limit)


async def _message_with_button(user, fragment: str, within: float = 3.0) -> dict:
    """The latest message (new or edited) that has a button containing `fragment`."""
    for _ in range(int(within / 0.05)):
        for message in reversed(user.messages):
            if any(fragment in text for text in button_texts(message)):
                return message
        await asyncio.sleep(0.05)
    raise AssertionError(f"no button with {fragment!r}")


async def test_proposal_is_reviewed_then_parents_get_it_in_kk_and_ru(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    coord = await staff_member(app, COORD, "coordinator", DISTRICT, "kk")
    other = await staff_member(app, OTHER_COORD, "coordinator", OTHER_DISTRICT, "ru")
    psy = await staff_member(app, PSY, "psychologist", SCHOOL, "ru")
    # Parents of a school of the district: what its coordinator approves reaches them.
    parent_kk, parent_ru = await lesson_readers(app, PARENT_KK, PARENT_RU)

    prompt = await upload_to_lesson_topic(app, psy, "ru")
    assert "урок «Буллинг»" in prompt["text"]
    assert "PDF, PPTX, DOCX" in prompt["text"] and "20 МБ" in prompt["text"]
    assert "Отмена" in " ".join(button_texts(prompt))
    await psy.send_document(file_name="Буллинг 5-9.pdf", data=BULLYING_PDF, mime_type="application/pdf")
    language = await psy.next_message()
    assert "На каком языке" in language["text"]
    await psy.press(language, button_with(language, "На обоих языках"))
    title = await psy.wait_edit(language)
    assert "«Буллинг 5-9»" in button_texts(title)
    await psy.press(title, "«Буллинг 5-9»")
    # In both languages: the Russian title follows the Kazakh one.
    title_ru = await psy.next_message()
    assert "на русском" in title_ru["text"]
    await psy.send("Буллинг 5-9 (памятка)")
    preview = await psy.next_message()
    # A lesson topic has its age group already: no question, it is simply shown.
    for part in ("Проверьте материал", "урок «Буллинг»", "5–9 классы", "казахский и русский", "КБ"):
        assert part in preview["text"], part
    assert "проверит координатор" in preview["text"]
    await psy.press(preview, button_with(preview, "Подтвердить"))
    await _next_with(psy, "Отправлено на проверку")

    # The district's coordinator gets the file itself, then the review card in Kazakh; the other
    # district's coordinator gets nothing.
    file_message = await coord.next_message()
    card = await coord.next_message()
    [material] = await _materials(app)
    assert file_message["document"]["file_id"] == material.file_id
    assert "тексеруіңізді күтіп тұр" in card["text"] and "№ 1 мектеп" in card["text"]
    assert "«Буллинг» сабағы" in card["text"] and "қазақ және орыс тілдері" in card["text"]
    await other.expect_no_message(0.3)
    assert material.status == "pending" and material.org_code == SCHOOL
    assert material.checksum == hashlib.sha256(BULLYING_PDF).hexdigest()
    assert (material.file_name, material.file_size, material.mime_type) == (
        "Буллинг 5-9.pdf",
        len(BULLYING_PDF),
        "application/pdf",
    )
    assert (material.kind, material.media_type, material.age_group) == ("pdf", "document", "grades_5_9")
    assert [r.detail for r in await _audit(app, "material.proposed")] == [f"material {material.id}"]

    # Nobody but staff sees a pending material.
    await open_lesson_topic(app, parent_ru, "ru")
    assert not any("Буллинг 5-9" in t for m in parent_ru.messages for t in button_texts(m))

    await coord.press(card, button_with(card, "Мақұлдау"))
    decided = await coord.wait_edit(card)
    assert "Мақұлданды" in decided["text"] and not button_texts(decided)
    told = await _next_with(psy, "одобрен")
    assert "«Буллинг 5-9 (памятка)»" in told["text"]  # the proposer's language
    [approved] = await _audit(app, "material.approved")
    assert (approved.actor_id, approved.detail) == (COORD, f"material {material.id}")
    # Approved for the reviewer's district, not only the proposer's school.
    [material] = await _materials(app)
    assert material.territory_code == DISTRICT

    # A parent of each language finds it under the topic and receives the very file.
    for parent, locale in ((parent_kk, "kk"), (parent_ru, "ru")):
        parent.drain()
        await open_lesson_topic(app, parent, locale)
        topic = await _message_with_button(parent, "Буллинг 5-9")
        await parent.press(topic, button_with(topic, "Буллинг 5-9"))
        sent = await _next_with(parent, "", limit=3)
        assert sent["document"]["file_id"] == material.file_id, locale
    assert app.emu.rejections == []


async def _choose_memo(staff, category: str, memo: str) -> dict:
    """/upload → memo → category → memo (Kazakh labels); returns the prompt for the file."""
    await staff.send("/upload")
    start = await staff.next_message()
    await staff.press(start, button_with(start, "Жадынама"))
    categories = await staff.wait_edit(start)
    await staff.press(categories, button_with(categories, category))
    memos = await staff.wait_edit(categories)
    await staff.press(memos, button_with(memos, memo))
    return await staff.wait_edit(memos)


async def test_refused_types_and_an_oversized_file(app: RunningApp) -> None:
    await add_tree(app.dp["sessionmaker"])
    coord = await staff_member(app, COORD, "coordinator", DISTRICT, "kk")
    prompt = await _choose_memo(coord, "Интернеттегі", "Кибербуллинг")
    assert "«Кибербуллинг" in prompt["text"] and "жадынамасы" in prompt["text"]

    await coord.send_document(file_name="setup.exe", data=b"MZ\x90\x00", mime_type="application/x-msdownload")
    refused = await coord.next_message()
    assert "тіркеуге болмайды: .exe." in refused["text"] and "application/" not in refused["text"]
    assert "PDF, PPTX, DOCX, JPG, PNG, MP4" in refused["text"]
    await coord.send_document(file_name="lessons.zip", data=b"PK\x03\x04", mime_type="application/zip")
    refused = await coord.next_message()
    assert ".zip." in refused["text"] and "application/" not in refused["text"]
    await coord.send_voice()
    assert "Дауыстық хабарламаларды тіркеуге болмайды" in (await coord.next_message())["text"]

    # Over 20 MB: refused from what Telegram says about the file, before any download.
    await coord.send_document(file_name="big.pdf", data=b"%" * (MAX_BYTES + 1), mime_type="application/pdf")
    refused = await coord.next_message()
    assert "20,1 МБ" in refused["text"] and "шегі — 20 МБ" in refused["text"]
    assert app.emu.calls_to("getFile") == []
    # /cancel ends the conversation: a file sent afterwards is not taken.
    await coord.send("/cancel")
    assert (await coord.next_message())["text"] == "Тоқтатылды. Ештеңе сақталған жоқ."
    await coord.send_document(file_name="late.pdf", data=BULLYING_PDF, mime_type="application/pdf")
    assert "Материал қай тілде" not in (await coord.next_message())["text"]
    assert await _materials(app) == []
    assert app.emu.rejections == []


async def test_a_coordinators_link_for_a_memo_is_published_at_once(app: RunningApp) -> None:
    await add_tree(app.dp["sessionmaker"])
    coord = await staff_member(app, COORD, "coordinator", DISTRICT, "kk")
    await _choose_memo(coord, "Интернеттегі", "Кибербуллинг")
    await coord.send("http://bilim.kz/cyberbullying")
    assert "Тек сайт мекенжайы бар https://" in (await coord.next_message())["text"]
    await coord.send("https://bilim.kz/cyberbullying")
    language = await coord.next_message()
    await coord.press(language, "Қазақша")
    title = await coord.wait_edit(language)
    assert all("«" not in t for t in button_texts(title))  # nothing to suggest for a link
    await coord.send("x" * 121)
    assert "121 таңба" in (await coord.next_message())["text"]
    await coord.send("Кибербуллинг: ата-аналарға <кеңес>")
    age = await coord.next_message()
    assert "қай жастағы" in age["text"]
    await coord.press(age, button_with(age, "Барлық жасқа"))
    preview = await coord.wait_edit(age)
    assert "Кибербуллинг: ата-аналарға <кеңес>" in preview["text"]  # escaped once, shown as typed
    assert "Сілтеме: https://bilim.kz/cyberbullying" in preview["text"] and "барлық жас" in preview["text"]
    assert "бірден көреді" in preview["text"]
    confirm = next(b["callback_data"] for b in callback_buttons(preview) if "Растау" in b["text"])
    await coord.press_data(preview, confirm)
    saved = await _next_with(coord, "Сақталды")
    assert "«Кибербуллинг" in saved["text"]
    [link] = await _materials(app)
    assert link.territory_code == DISTRICT  # a coordinator's own upload reaches their area
    assert (link.kind, link.url, link.file_id, link.status, link.reviewed_by) == (
        "link",
        "https://bilim.kz/cyberbullying",
        None,
        "approved",
        COORD,
    )
    assert (link.target, link.slug, link.language, link.age_group, link.title) == (
        "memo",
        "cyberbullying",
        "kk",
        None,
        "Кибербуллинг: ата-аналарға <кеңес>",
    )
    assert [r.detail for r in await _audit(app, "material.added")] == [f"material {link.id}"]
    # A second tap on Confirm adds nothing.
    answer = await coord.press_data(preview, confirm)
    assert "сақталып қойған" in answer["text"]
    assert len(await _materials(app)) == 1
    # Nobody reviews a coordinator's own material.
    assert await _audit(app, "material.proposed") == []
    assert app.emu.rejections == []


async def test_forged_presses_a_second_approval_and_a_duplicate_change_nothing(app: RunningApp) -> None:
    await add_tree(app.dp["sessionmaker"])
    coord = await staff_member(app, COORD, "coordinator", DISTRICT, "ru")
    region = await staff_member(app, REGION_COORD, "coordinator", REGION, "kk")
    other = await staff_member(app, OTHER_COORD, "coordinator", OTHER_DISTRICT, "ru")
    psy_2 = await staff_member(app, PSY_2, "psychologist", SCHOOL_2, "ru")
    psy = await staff_member(app, PSY, "psychologist", SCHOOL, "kk")
    parent = app.emu.user(PARENT_RU)
    await pick_language(parent, "ru")

    await _propose_pdf_kk(app, psy, BULLYING_PDF, "bullying.pdf")
    [material] = await _materials(app)
    await coord.next_message()
    card = await coord.next_message()
    await region.next_message()
    region_card = await region.next_message()
    forged = ReviewCb(decision=Decision.approve, material_id=material.id).pack()

    # A school psychologist (staff, not a coordinator) and a coordinator of another district: refused.
    for intruder in (psy_2, other):
        answer = await intruder.press_data(intruder.messages[-1], forged)
        assert "С вашей ролью это сделать нельзя" in answer["text"], intruder
    assert [(r.actor_id, r.detail) for r in await _audit(app, "material.forged")] == [
        (PSY_2, f"material {material.id}"),
        (OTHER_COORD, f"material {material.id}"),
    ]
    # Someone who is not staff at all: the refusal router turns them away.
    answer = await parent.press_data(parent.messages[-1], forged)
    assert "сотрудников" in answer["text"]
    assert len(await _audit(app, "refused.button")) == 1
    assert (await _materials(app))[0].status == "pending"

    # Two coordinators press Approve: the first decides, the second is told it is decided.
    await coord.press(card, button_with(card, "Одобрить"))
    await coord.wait_edit(card)
    answer = await region.press(region_card, button_with(region_card, "Мақұлдау"))
    assert "шешім қабылданып қойған" in answer["text"]
    approvals = await _audit(app, "material.approved")
    assert [r.actor_id for r in approvals] == [COORD]
    await _next_with(psy, "мақұлданды")

    # The same bytes again for the same topic: a polite no.
    await upload_to_lesson_topic(app, psy, "kk")
    await psy.send_document(file_name="copy.pdf", data=BULLYING_PDF, mime_type="application/pdf")
    duplicate = await psy.next_message()
    assert "Дәл осы файл бұрыннан тіркелген" in duplicate["text"] and "«bullying»" in duplicate["text"]
    await psy.press(duplicate, button_with(duplicate, "Болдырмау"))
    assert "Ештеңе сақталған жоқ" in (await psy.wait_edit(duplicate))["text"]
    assert len(await _materials(app)) == 1
    assert app.emu.rejections == []


async def test_a_rejection_reason_reaches_the_proposer_in_their_language(app: RunningApp) -> None:
    await add_tree(app.dp["sessionmaker"])
    coord = await staff_member(app, COORD, "coordinator", DISTRICT, "ru")
    region = await staff_member(app, REGION_COORD, "coordinator", REGION, "kk")
    psy = await staff_member(app, PSY, "psychologist", SCHOOL, "kk")

    # A picture sent as a photo: no file name, so the title is typed.
    await upload_to_lesson_topic(app, psy, "kk")
    await psy.send_photo()
    language = await psy.next_message()
    await app.idle()  # the bot has done with the photo (and keeps which message asks the language)
    await psy.send("қазақша")  # a button is expected here
    reminder = await psy.next_message()
    assert "хабарламаның астындағы батырмалардың бірін басыңыз" in reminder["text"]
    assert reminder["reply_to_message"]["message_id"] == language["message_id"]
    await psy.press(language, "Қазақша")
    await psy.wait_edit(language)
    await psy.send_sticker()  # the title is typed
    assert (await psy.next_message())["text"] == "Атауын мәтінмен жіберіңіз (не /cancel)."
    await psy.send("п" * 121)
    assert "Атауы 121 таңбадан тұрады, ал шегі — 120." in (await psy.next_message())["text"]
    await psy.send("Буллингке қарсы плакат")
    preview = await psy.next_message()
    assert "Файл: фотосурет" in preview["text"]
    await psy.press(preview, button_with(preview, "Растау"))
    await _next_with(psy, "Тексеруге жіберілді")
    [material] = await _materials(app)
    assert (material.kind, material.media_type, material.mime_type) == ("image", "photo", "image/jpeg")
    assert "photo" in (await coord.next_message())
    card = await coord.next_message()
    await region.next_message()
    region_card = await region.next_message()
    await coord.press(card, button_with(card, "Отклонить"))
    ask = await coord.next_message()
    assert "Почему материал «Буллингке қарсы плакат» отклонён" in ask["text"]
    await coord.send("я" * 301)
    assert "В причине 301 символ," in (await coord.next_message())["text"]
    await coord.send("Плакат не по теме урока")
    assert "Автору отправлена причина" in (await coord.next_message())["text"]
    closed = await coord.wait_edit(card)
    assert "Отклонено" in closed["text"] and not button_texts(closed)
    told = await _next_with(psy, "мақұлданбады")
    assert "«Буллингке қарсы плакат»" in told["text"]
    assert "Үйлестіруші көрсеткен себеп: Плакат не по теме урока" in told["text"]
    [rejected] = await _materials(app)
    assert (rejected.status, rejected.reject_reason, rejected.reviewed_by) == (
        "rejected",
        "Плакат не по теме урока",
        COORD,
    )
    assert [r.detail for r in await _audit(app, "material.rejected")] == [f"material {material.id}"]
    # The other coordinator's card, pressed after the rejection, changes nothing.
    answer = await region.press(region_card, button_with(region_card, "Мақұлдау"))
    assert "шешім қабылданып қойған" in answer["text"]
    assert (await _materials(app))[0].status == "rejected"
    assert app.emu.rejections == []


async def test_admins_review_when_no_coordinator_and_a_late_coordinator_finds_it(app: RunningApp) -> None:
    await add_tree(app.dp["sessionmaker"])
    admin = app.emu.user(ADMIN_ID)
    await pick_language(admin, "kk")
    psy = await staff_member(app, PSY, "psychologist", SCHOOL, "kk")
    await _propose_pdf_kk(app, psy, BULLYING_PDF, "bullying.pdf")
    [material] = await _materials(app)
    assert "document" in (await admin.next_message())
    admin_card = await admin.next_message()
    assert "тексеруіңізді күтіп тұр" in admin_card["text"]
    await psy.expect_no_message(0.3)  # somebody was asked, so no "nobody" note

    # A coordinator who joins later finds what waits for review under /upload.
    coord = await staff_member(app, COORD, "coordinator", DISTRICT, "ru")
    await coord.send("/upload")
    start = await coord.next_message()
    await coord.press(start, button_with(start, "Ждут проверки: 1"))
    assert "Вашей проверки ждёт 1 материал" in (await coord.wait_edit(start))["text"]
    assert (await coord.next_message())["document"]["file_id"] == material.file_id
    card = await coord.next_message()
    await coord.press(card, button_with(card, "Одобрить"))
    await _next_with(psy, "мақұлданды")
    answer = await admin.press(admin_card, button_with(admin_card, "Мақұлдау"))
    assert "шешім қабылданып қойған" in answer["text"]
    assert [r.actor_id for r in await _audit(app, "material.approved")] == [COORD]
    assert app.emu.rejections == []


async def _propose_pdf_kk(app: RunningApp, psy, data: bytes, file_name: str) -> None:
    await upload_to_lesson_topic(app, psy, "kk")
    await psy.send_document(file_name=file_name, data=data, mime_type="application/pdf")
    language = await psy.next_message()
    await psy.press(language, "Қазақша")
    title = await psy.wait_edit(language)
    await psy.press(title, button_with(title, "«"))
    preview = await psy.wait_edit(title)
    await psy.press(preview, button_with(preview, "Растау"))
    await _next_with(psy, "Тексеруге жіберілді")


async def test_a_short_video_is_kept_as_a_video_and_a_long_one_refused(app: RunningApp) -> None:
    await add_tree(app.dp["sessionmaker"])
    coord = await staff_member(app, COORD, "coordinator", DISTRICT, "kk")
    await _choose_memo(coord, "Интернеттегі", "Кибербуллинг")
    await coord.send_video(duration=12 * 60)
    refused = await coord.next_message()
    assert refused["text"].startswith("Бұл бейне 10 минуттан ұзақ.")
    assert app.emu.calls_to("getFile") == []
    await coord.send_video(duration=95, file_name="Кибербуллинг.mp4")
    language = await coord.next_message()
    await coord.press(language, "Русский")
    title = await coord.wait_edit(language)
    await coord.send("Что такое кибербуллинг: видео для родителей")
    age = await coord.next_message()
    await coord.press(age, button_with(age, "Барлық жасқа"))
    preview = await coord.wait_edit(age)
    confirm = next(b["callback_data"] for b in callback_buttons(preview) if "Растау" in b["text"])
    await coord.press_data(preview, confirm)
    await _next_with(coord, "Сақталды")
    [video] = await _materials(app)
    assert (video.kind, video.media_type, video.mime_type, video.status) == (
        "video",
        "video",
        "video/mp4",
        "approved",
    )
    assert video.file_id and video.checksum and len(video.checksum) == 64
    assert title and app.emu.rejections == []
