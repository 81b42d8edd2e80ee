"""The content check passes on the real content and catches each kind of defect it promises to catch."""

import shutil
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from bot.content import CONTENT_DIR, Content
from bot.content.base import parse_yaml
from bot.content_check import Allowlist, Report, check
from bot.content_glossary import (
    GlossaryRule,
    check_button_names,
    check_glossary,
    load_glossary,
    po_texts,
    source_texts,
    yaml_texts,
)
from bot.i18n import ROOT, create_i18n

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database

I18N = create_i18n("kk")
ALLOW = Allowlist.load(CONTENT_DIR / "spelling_allowlist.yaml")
GLOSSARY = load_glossary(CONTENT_DIR / "glossary.yaml")


def test_real_content_passes_and_is_complete() -> None:
    content = Content.load()
    report = check(content, I18N, ALLOW, root=ROOT)
    assert report.errors == []
    assert len(content.memos.memos) >= 14
    assert {g.slug for g in content.lessons.groups} == {
        "preschool",
        "grades_1_4",
        "grades_5_9",
        "grades_10_11",
        "college",
    }
    assert all(len(g.topics) >= 3 for g in content.lessons.groups)
    for locale in ("kk", "ru"):
        assert report.words[locale] > 2000
        # What is left unknown are loanwords (буллинг, скриншот); `python -m bot content check` lists them.
        assert report.unknown_share(locale) < 0.05, report.unknown[locale].most_common(20)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def edit(folder: Path, name: str, change) -> None:  # type: ignore[no-untyped-def]
    path = folder / name
    data = parse_yaml(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def errors_for(folder: Path) -> list[str]:
    return check(Content.load(folder), I18N, ALLOW).errors


def test_a_missing_language_fails_at_load(content_copy: Path) -> None:
    edit(content_copy, "memos.yaml", lambda d: d["memos"][0].pop("ru"))
    with pytest.raises(ValidationError, match="ru"):
        Content.load(content_copy)


def test_overlong_memo(content_copy: Path) -> None:
    edit(
        content_copy, "memos.yaml", lambda d: d["memos"][0]["kk"].update(body="Балалар қауіпсіздігі. " * 200)
    )
    assert any(
        "Telegram would refuse it: Bad Request: message is too long" in e for e in errors_for(content_copy)
    )


def test_html_telegram_would_reject(content_copy: Path) -> None:
    edit(content_copy, "memos.yaml", lambda d: d["memos"][1]["ru"].update(body="Важно <div>знать</div>"))
    assert any("can't parse entities" in e.lower() for e in errors_for(content_copy))


def test_unverified_phone_number(content_copy: Path) -> None:
    edit(
        content_copy,
        "memos.yaml",
        lambda d: d["memos"][2]["ru"].update(body="Звоните по номеру 150 или 8 (7212) 41-00-00."),
    )
    errors = [e for e in errors_for(content_copy) if "not a verified helpline" in e]
    assert len(errors) == 2


def test_figures_are_not_phone_numbers(content_copy: Path) -> None:
    edit(
        content_copy,
        "memos.yaml",
        lambda d: d["memos"][2]["ru"].update(
            body="Охват 100 % детей, 172 154 школьника, 2024 год, звоните 111."
        ),
    )
    assert not [e for e in errors_for(content_copy) if "not a verified helpline" in e]


def test_empty_category(content_copy: Path) -> None:
    edit(
        content_copy,
        "memos.yaml",
        lambda d: d["categories"].append(
            {"slug": "empty_one", "kk": {"title": "Бос бөлім"}, "ru": {"title": "Пустой раздел"}}
        ),
    )
    assert "memo category empty_one is empty" in errors_for(content_copy)


def test_russian_in_the_kazakh_slot_and_kazakh_in_the_russian_slot(content_copy: Path) -> None:
    def swap(d):  # type: ignore[no-untyped-def]
        d["memos"][0]["kk"]["body"] = "Обычный русский текст без казахских букв."
        d["memos"][0]["kk"]["title"] = "Памятка"
        d["memos"][1]["ru"]["body"] = "Баланың қауіпсіздігі маңызды."

    edit(content_copy, "memos.yaml", swap)
    errors = errors_for(content_copy)
    assert any("[kk]: no Kazakh-specific letter" in e for e in errors)
    assert any("[ru]: Kazakh letters" in e for e in errors)


def test_misspellings_are_counted(content_copy: Path) -> None:
    before = check(Content.load(content_copy), I18N, ALLOW).unknown["ru"]
    edit(
        content_copy,
        "memos.yaml",
        lambda d: d["memos"][0]["ru"].update(body="Превет, рибёнак, мы табой гардимся."),
    )
    after = check(Content.load(content_copy), I18N, ALLOW).unknown["ru"]
    assert {"Превет", "рибёнак", "табой", "гардимся"} <= set(after) - set(before)


def test_kazakh_misspellings_survive_the_suffix_fallback(content_copy: Path) -> None:
    typos = "Баланы мектпке жібергенде оқушылрға және ата-аналрдың бәріне айтыңыз."
    edit(content_copy, "memos.yaml", lambda d: d["memos"][0]["kk"].update(body=typos))
    unknown = check(Content.load(content_copy), I18N, ALLOW).unknown["kk"]
    assert {"мектпке", "оқушылрға", "аналрдың"} <= set(unknown)
    assert "Баланы" not in unknown and "жібергенде" not in unknown


# Per glossary concept and language: a text the rule must refuse and the same text with the preferred term.
# Each pair sits where the variant really turned up, so a rule too narrow to catch it fails here.
GLOSSARY_CASES = [
    (
        "roadmap_measure",
        "kk",
        "Жол картасында {measures} шара бар.",
        "Жол картасында {measures} іс-шара бар.",
    ),
    (
        "roadmap_measure",
        "kk",
        "Жол картасының № 5 тармағы бойынша есеп",
        "Жол картасының № 5 іс-шарасы бойынша есеп",
    ),
    (
        "roadmap_measure",
        "ru",
        "Отчитаться по пункту № 5 дорожной карты",
        "Отчитаться по мероприятию № 5 дорожной карты",
    ),
    ("roadmap_measure", "ru", "Мера 10 дорожной карты", "Мероприятие № 10 дорожной карты"),
    ("gathering", "kk", "Бұл іс-шара өтіп кетті.", "Бұл кездесу өтіп кетті."),
    (
        "gathering",
        "kk",
        "Іс-шара туралы хабарлау үшін /update N",
        "№ N іс-шара туралы хабарлау үшін /update N",
    ),
    ("gathering", "ru", "Это мероприятие уже прошло.", "Эта встреча уже прошла."),
    ("gathering", "kk", "мектептегі ата-аналар жиыны", "мектептегі ата-аналар кездесулері"),
    ("family_hour", "kk", "Отбасы сағаты қыркүйекте өтеді.", "«Отбасы сағаты» қыркүйекте өтеді."),
    ("family_hour", "ru", "Следующий Отбасы сағаты — в марте.", "Следующий «Отбасы сағаты» — в марте."),
    ("family_hour", "ru", "Проект «Отбасы сағатты»", "Проект «Отбасы сағаты»"),
    ("family_hour", "ru", "Чтобы провести Семейный час", "Чтобы провести «Отбасы сағаты»"),
    ("anonymous", "kk", "111: тегін, жасырын, тәулік бойы", "111: тегін, анонимді, тәулік бойы"),
    ("thanks", "kk", "Айтқаның үшін рахмет.", "Айтқаның үшін рақмет."),
    ("button", "kk", "«Бүгін» түймесін басыңыз", "«Бүгін» батырмасын басыңыз"),
    ("shout", "kk", "қатты айғайлап, қашу", "қатты айқайлап, қашу"),
    ("password", "kk", "Күрделі құпия сөз қойыңыз.", "Күрделі құпиясөз қойыңыз."),
    ("family_code_word", "ru", "Придумайте секретное слово.", "Придумайте кодовое слово."),
    ("two_step_verification", "kk", "екі факторлы растау", "екі қадамды растау"),
    ("two_step_verification", "ru", "двухфакторное подтверждение", "двухэтапная проверка"),
    ("life_vest", "kk", "құтқару жилетін киеді", "құтқару кеудешесін киеді"),
    ("cancelled_event", "kk", "Кездесу тоқтатылды.", "Кездесу өтпейді."),
    ("cancelled_event", "kk", "тоқтатылды", "жіберілмеді"),
    ("cancelled_event", "kk", "<b>Болдырылмады.</b>", "<b>Кездесу өтпейді.</b>"),
    ("post", "ru", "Сообщение №{id} отправлено.", "Объявление № {id} отправлено."),
    ("post", "kk", "№{id} хабарлама жіберілді.", "№ {id} хабарландыру жіберілді."),
    ("telegram_id", "ru", "Ваш номер в Telegram (id)", "Ваш идентификатор в Telegram (id)"),
    ("telegram_id", "kk", "Telegram нөміріңізді (id)", "Telegram идентификаторыңызды (id)"),
    (
        "read_acknowledged",
        "ru",
        "Спасибо! Мы знаем, что вы прочитали.",
        "Спасибо! Отметили, что вы прочитали.",
    ),
    ("read_acknowledged", "kk", "Рақмет! Оқығаныңызды білдік.", "Рақмет! Оқығаныңызды белгіледік."),
    ("skip_button", "kk", "Өткізу", "Өткізіп жіберу"),
    ("no_evidence_button", "kk", "Дәлелсіз", "Фото мен құжат жоқ"),
    ("no_evidence_button", "ru", "Без подтверждения", "Нет фото и документов"),
    ("organisation_name", "kk", "№ 1 жалпы білім беретін мектеп", "№ 1 жалпы білім беретін мектебі"),
    ("yo", "ru", "Если ребенок еще не вернулся", "Если ребёнок ещё не вернулся"),
    (
        "transport_card",
        "kk",
        "• Жол картасының балансын тексеріп отырыңыз;",
        "• Көлік картасының балансын тексеріп отырыңыз;",
    ),
    (
        "roadmap_sections",
        "kk",
        "балалардың зорлық-зомбылықтан, буллингтен және қатыгездіктен қорғалу құқығын іске асыру",
        "балалардың зорлық-зомбылықтан, жәбірленуден және оларға қатыгездікпен қараудан "
        "қорғалу құқығын іске асыру",
    ),
    (
        "roadmap_sections",
        "kk",
        "суицидтік және аутоагрессивті мінез-құлқының алдын алу және оны түзету",
        "суицидтік және аутоагрессивті мінез-құлқының профилактикасы және оны түзету",
    ),
    (
        "child_wellbeing",
        "kk",
        "олардың құқықтары мен саламаттығын қамтамасыз ету",
        "олардың құқықтары мен саламаттылығын қамтамасыз ету",
    ),
    (
        "parent_education",
        "kk",
        "ата-аналар арасында жалпыға бірдей ағарту жүргізуге арналған жоба",
        "барлық ата-аналарды педагогикалық ағартуға арналған жоба",
    ),
    ("percent", "kk", "оқушылардың 100 %-ын қамту", "оқушылардың 100%-ын қамту"),
    ("percent", "ru", "охват 100% учащихся", "охват 100 % учащихся"),
    ("ministry_of_enlightenment", "kk", "ОМ-ға ақпарат", "Оқу-ағарту министрлігіне ақпарат"),
    ("ministry_of_enlightenment", "ru", "приказ МП РК", "приказ Министерства просвещения РК"),
    (
        "progress_update",
        "ru",
        "Вы ещё не публиковали обновлений.",
        "Вы ещё не отправляли отчётов о ходе работы.",
    ),
    (
        "progress_update",
        "kk",
        "Сіз әлі ешқандай жаңалық жарияламадыңыз.",
        "Сіз әлі есеп жібермегенсіз.",
        "locales/kk/LC_MESSAGES/messages.po",
    ),
    (
        "coordinator_area",
        "kk",
        "Мәртебе сіздің аймағыңыздағы ұйымдар бойынша.",
        "Орындалу күйі сіздің аумағыңыздағы ұйымдар бойынша.",
    ),
    ("coordinator_area", "ru", "{n} родитель в вашей зоне", "{n} родитель на вашей территории"),
    ("measure_status", "kk", "<b>Мәртебесі:</b> {mark} {label}", "<b>Орындалу күйі:</b> {mark} {label}"),
    ("staff_welcome", "kk", "Бот командасына қош келдіңіз.", "Бот қызметкерлерінің қатарына қош келдіңіз."),
    ("delivered_share", "kk", "Жеткізілді: {total} ішінен {sent}.", "Жеткізілді: {sent} / {total}."),
    ("grade_range", "kk", "5–9-сынып", "5–9-сыныптар"),
    ("post_mode", "ru", "Срочно", "Срочный"),
    ("post_mode", "ru", "• <b>Срочно</b>: сразу, со звуком", "• <b>Срочный</b>: сразу, со звуком"),
]


def glossary_errors(lang: str, text: str, path: str = "content/orgs/test.yaml") -> list[str]:
    report = Report()
    check_glossary(report, GLOSSARY, [yaml_text(path, lang, text)])
    return report.errors


def yaml_text(path: str, lang: str, text: str):  # type: ignore[no-untyped-def]
    from bot.content_glossary import SourceText

    return SourceText(path, 7, lang, text)


@pytest.mark.parametrize("case", GLOSSARY_CASES)
def test_glossary_refuses_the_variant_and_passes_the_term(case: tuple[str, ...]) -> None:
    # A fifth item is the file the text is in, for a rule limited to some files (`only`).
    concept, lang, bad, good, *where = case
    path = where[0] if where else "content/orgs/test.yaml"
    refused = glossary_errors(lang, bad, path)
    assert any(f"({concept})" in e for e in refused), refused
    assert glossary_errors(lang, good, path) == []


def test_every_glossary_rule_has_a_case() -> None:
    covered = {(concept, lang) for concept, lang, *_ in GLOSSARY_CASES}
    assert {(r.concept, r.lang) for r in GLOSSARY} <= covered


def test_a_rule_runs_on_its_language_only() -> None:
    # «жилет» is the Russian word; «ребенок» could only ever be Russian.
    assert glossary_errors("ru", "надевайте спасательный жилет") == []
    assert glossary_errors("kk", "ребенок") == []


def test_measure_terms_keep_their_other_meanings() -> None:
    assert glossary_errors("ru", "Примите меры безопасности.") == []
    assert glossary_errors("kk", "Жасөспірімді жасырын аңду сенімді бұзады.") == []
    assert glossary_errors("kk", "Тоқтатылды. Ештеңе сақталған жоқ.") == []
    assert glossary_errors("kk", "#{id} хабарландыруын жіберу тоқтатылды, оны ешкім алмайды.") == []
    assert glossary_errors("kk", "Ол шарасыз күйде қалды.") == []
    assert glossary_errors("ru", "«Отбасы сағаты» («Семейный час») — региональный проект") == []
    # The roadmap file quotes its source: «Спортивные мероприятия» is a measure's own title there.
    assert glossary_errors("ru", "Спортивные мероприятия", "content/measures/plan.yaml") == []
    assert glossary_errors("ru", "Спортивные мероприятия", "content/memos.yaml") != []
    # An organisation's name is checked in content/orgs only.
    assert glossary_errors("kk", "№ 1 жалпы білім беретін мектеп", "content/memos.yaml") == []
    # Staying right: the school's news, news in a lesson, a danger zone, the roadmap without a fare.
    po_kk = "locales/kk/LC_MESSAGES/messages.po"
    assert glossary_errors("kk", "📰 Мектеп жаңалықтарына жазылу", po_kk) == []
    assert glossary_errors("kk", "Алаяқтар туралы жаңалықтарды бірге оқып", "content/lessons.yaml") == []
    assert glossary_errors("ru", "Не заходите в опасную зону у воды.") == []
    assert glossary_errors("kk", "Жол картасының № 13 іс-шарасы") == []
    assert glossary_errors("kk", "Ом заңы: кернеу мен ток") == []  # the abbreviation only in capitals
    assert glossary_errors("ru", "на балконе дома") == []


def test_violation_names_file_line_and_term() -> None:
    [error] = glossary_errors("kk", "Бірінші жол.\nАйтқаның үшін рахмет.", "content/memos.yaml")
    assert error.startswith("content/memos.yaml:8 [kk]: «рахмет» (thanks)")
    assert error.endswith("glossary: рақмет")


def test_a_bad_glossary_rule_fails_at_load(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(
        "concepts:\n  x:\n    kk: a\n    ru: b\n    avoid:\n      - {lang: en, pattern: a, why: w}\n", "utf-8"
    )
    with pytest.raises(ValueError, match="lang 'en'"):
        load_glossary(path)
    assert all(isinstance(r, GlossaryRule) for r in GLOSSARY)


def test_yaml_texts_know_language_and_line(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "code: krg-kar-s001\n"
        "name_kk: № 1 мектеп\n"
        "name_ru: Школа № 1\n"
        "memo:\n"
        "  kk: |\n"
        "    Бірінші жол.\n"
        "    Екінші жол.\n"
        "phrases:\n"
        "  ru: [ребенок]\n",
        "utf-8",
    )
    texts = list(yaml_texts(path, "content/a.yaml"))
    # The code has no language; crisis phrases are what people type, not the bot's words.
    assert [(t.lang, t.line, t.text) for t in texts] == [
        ("kk", 2, "№ 1 мектеп"),
        ("ru", 3, "Школа № 1"),
        ("kk", 6, "Бірінші жол.\nЕкінші жол.\n"),
    ]
    assert texts[2].line_at(texts[2].text.index("Екінші")) == 7


def test_po_texts_are_the_msgstrs_with_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "messages.po"
    path.write_text(
        'msgid ""\n'
        'msgstr ""\n'
        '"Language: kk\\n"\n'
        "\n"
        'msgid "Thanks"\n'
        'msgstr "Рахмет"\n'
        "\n"
        'msgid "Long"\n'
        'msgstr ""\n'
        '"Бірінші жол, \\"тырнақша\\"\\n"\n'
        '"екінші жол"\n'
        "\n"
        'msgid "One"\n'
        'msgid_plural "Many"\n'
        'msgstr[0] "бір"\n'
        'msgstr[1] "көп"\n',
        "utf-8",
    )
    texts = list(po_texts(path, "messages.po", "kk"))
    assert [(t.line, t.text) for t in texts] == [
        (6, "Рахмет"),
        (9, 'Бірінші жол, "тырнақша"\nекінші жол'),
        (15, "бір"),
        (16, "көп"),
    ]
    assert texts[1].line_at(texts[1].text.index("екінші")) == 11


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of what the glossary applies to: content/ and both catalogs."""
    shutil.copytree(CONTENT_DIR, tmp_path / "content")
    for lang in ("kk", "ru"):
        target = tmp_path / "locales" / lang / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po", target)
    return tmp_path


def test_the_check_reads_content_orgs_measures_and_both_catalogs(checkout: Path) -> None:
    files = {t.path for t in source_texts(checkout)}
    assert {
        "content/memos.yaml",
        "content/crisis.yaml",
        "content/orgs/karaganda.yaml",
        "content/measures/karaganda-2023-2025.yaml",
        "locales/kk/LC_MESSAGES/messages.po",
        "locales/ru/LC_MESSAGES/messages.po",
    } <= files
    assert "content/glossary.yaml" not in files


def test_the_check_refuses_a_variant_in_a_catalog(checkout: Path) -> None:
    po = checkout / "locales" / "ru" / "LC_MESSAGES" / "messages.po"
    text = po.read_text("utf-8")
    assert 'msgstr "Спасибо! Отметили, что вы прочитали."' in text
    po.write_text(text.replace("Спасибо! Отметили,", "Спасибо, ребенок! Отметили,"), "utf-8")
    report = check(Content.load(checkout / "content"), I18N, ALLOW, root=checkout)
    [error] = [e for e in report.errors if "(yo)" in e]
    line = text.splitlines().index('msgstr "Спасибо! Отметили, что вы прочитали."') + 1
    assert error.startswith(f"locales/ru/LC_MESSAGES/messages.po:{line} [ru]: «ребенок»")


def test_the_check_refuses_a_variant_in_content(checkout: Path) -> None:
    edit(
        checkout / "content", "memos.yaml", lambda d: d["memos"][0]["kk"].update(body="Айтқаның үшін рахмет.")
    )
    report = check(Content.load(checkout / "content"), I18N, ALLOW, root=checkout)
    assert any(e.startswith("content/memos.yaml:") and "«рахмет» (thanks)" in e for e in report.errors)


def test_a_screen_must_name_a_button_the_catalog_has() -> None:
    from bot.content_glossary import SourceText

    po = "locales/kk/LC_MESSAGES/messages.po"
    label = SourceText(po, 1, "kk", "Осы күйінде қалдыру")
    emoji_label = SourceText(po, 2, "kk", "✅ Дайын")
    right = SourceText(po, 3, "kk", "Мәтінді жіберіңіз немесе «Осы күйінде қалдыру» батырмасын басыңыз.")
    ready = SourceText(po, 4, "kk", "Белгілеп, «Дайын» батырмасын басыңыз.")
    wrong = SourceText(po, 5, "kk", "Мәтінді жіберіңіз немесе «Өзгертпеу» батырмасын басыңыз.")
    report = Report()
    check_button_names(report, [label, emoji_label, right, ready, wrong])
    assert report.errors == [f"{po}:5 [kk]: names a button «Өзгертпеу» that no label of the catalog has"]
