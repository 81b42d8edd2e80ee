"""A date or time typed wrongly: bot/flows/moments.py says what does not exist (the day past the month's
length, the month, the hour, the minute) in every accepted form, and bot/views/typed_dates.py words it in kk
and ru with the month declined («ақпанда», «в феврале»); every example is one the same step takes, counted
from the clock's today."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

import pytest

from bot.clock import KZ
from bot.flows.moments import (
    Field,
    MomentError,
    Problem,
    day_in_bounds,
    example_day,
    example_moment,
    parse_moment,
    parse_typed_day,
)
from bot.i18n import create_i18n
from bot.views.typed_dates import day_example, impossible_text, moment_example, month_in, no_such_moment_text

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=KZ)
YEARS = [2000, 2024, 2025, 2026, 2027, 2028, 2100]
FORMS = ["{d}.{m}.{y} 10:00", "{d}/{m}/{y} 10:00", "{d}.{m}.{y}, 10.00", "{d:02d}.{m:02d}.{y} 10:00"]


@pytest.fixture(autouse=True)
def i18n_context():  # type: ignore[no-untyped-def]
    with create_i18n("kk").context():
        yield


def _refusal(text: str, now: datetime = NOW) -> MomentError:
    with pytest.raises(MomentError) as caught:
        parse_moment(text, now, max_ahead=timedelta(days=366 * 200))
    return caught.value


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("form", FORMS)
def test_the_day_after_each_months_last_is_no_such_day(year: int, month: int, form: str) -> None:
    last = calendar.monthrange(year, month)[1]
    error = _refusal(form.format(d=last + 1, m=month, y=year))
    assert error.problem is Problem.NO_SUCH_DAY and error.detail is not None
    assert (error.detail.field, error.detail.days, error.detail.month, error.detail.year) == (
        Field.DAY,
        last,
        month,
        year,
    )
    if year >= 2027:  # the last day itself is a moment to come, taken
        assert parse_moment(form.format(d=last, m=month, y=year), NOW, max_ahead=timedelta(days=366 * 200))


@pytest.mark.parametrize("day_text", ["{d}.{m}.{y}", "{d}/{m}/{y}", "{d:02d}.{m:02d}.{y}", " {d}.{m}.{y} "])
@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("month", range(1, 13))
def test_a_typed_day_past_the_months_end_says_so(day_text: str, year: int, month: int) -> None:
    last = calendar.monthrange(year, month)[1]
    assert parse_typed_day(day_text.format(d=last, m=month, y=year)) == date(year, month, last)
    with pytest.raises(MomentError) as caught:
        parse_typed_day(day_text.format(d=last + 1, m=month, y=year))
    assert caught.value.detail is not None and caught.value.detail.days == last


@pytest.mark.parametrize(
    ("text", "days"),
    [("29.02.2024", 29), ("29.02.2000", 29), ("29.02.2028", 29), ("29.02.2025", 28), ("29.02.2100", 28)],
)
def test_leap_years(text: str, days: int) -> None:
    if days == 29:
        assert parse_typed_day(text).day == 29
    else:
        with pytest.raises(MomentError) as caught:
            parse_typed_day(text)
        assert caught.value.detail is not None and caught.value.detail.days == 28


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("01.13.2027 10:00", Field.MONTH),
        ("01.00.2027 10:00", Field.MONTH),
        ("00.03.2027 10:00", Field.DAY),
        ("10.03.2027 24:00", Field.HOUR),
        ("10.03.2027 24:60", Field.HOUR),
        ("10.03.2027 23:60", Field.MINUTE),
        ("10.03.2027 99.99", Field.HOUR),
        ("31.02.2027 25:61", Field.DAY),  # the date is told first
        ("10.13 10:00", Field.MONTH),
        ("31.04 10:00", Field.DAY),
        ("15.06 10:75", Field.MINUTE),
        ("31/06 10:00", Field.DAY),
    ],
)
def test_each_field_out_of_range_is_named(text: str, field: Field) -> None:
    error = _refusal(text)
    assert error.problem is Problem.NO_SUCH_DAY and error.detail is not None and error.detail.field is field


def test_a_day_alone_with_a_month_13_or_a_zero_day() -> None:
    for text, field in [("01.13.2026", Field.MONTH), ("00.12.2026", Field.DAY), ("31.09.2026", Field.DAY)]:
        with pytest.raises(MomentError) as caught:
            parse_typed_day(text)
        assert caught.value.detail is not None and caught.value.detail.field is field
    for text in ["", "завтра", "1.1", "2026-12-01", "01.12.26"]:
        with pytest.raises(MomentError) as caught:
            parse_typed_day(text)
        assert caught.value.problem is Problem.UNREADABLE and caught.value.detail is None


def test_without_a_year_february_is_the_next_one() -> None:
    # In December 2026 «29.02» is February 2027, which has 28 days; in January 2028 it is February 2028.
    error = _refusal("29.02 10:00")
    assert error.detail is not None and (error.detail.year, error.detail.days) == (2027, 28)
    assert parse_moment("29.02 10:00", datetime(2028, 1, 10, tzinfo=KZ)) == datetime(
        2028, 2, 29, 10, tzinfo=KZ
    )
    # 29.02.2028 gone: the next February (2029) has 28 days.
    late = _refusal("29.02 10:00", datetime(2028, 3, 1, tzinfo=KZ))
    assert late.detail is not None and (late.detail.year, late.detail.days) == (2029, 28)


def test_readable_dates_keep_their_old_reading() -> None:
    assert parse_moment("05.01 10:00", NOW) == datetime(2027, 1, 5, 10, tzinfo=KZ)
    assert parse_moment("08.12 10:00", NOW) == datetime(2026, 12, 8, 10, tzinfo=KZ)
    assert parse_moment("07.12 09:00", NOW) > NOW  # today's passed hour: next year, too far
    for text, problem in [("06.12.2026 10:00", Problem.PAST), ("hello", Problem.UNREADABLE)]:
        assert _refusal(text).problem is problem


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("ru", "30.02.2027 10:00", "В феврале 2027 года 28 дней: даты 30.02.2027 нет."),
        ("kk", "30.02.2027 10:00", "2027 жылғы ақпанда 28 күн бар: 30.02.2027 деген күн жоқ."),
        ("ru", "29.02 10:00", "В феврале 2027 года 28 дней: даты 29.02.2027 нет."),
        ("kk", "29.02 10:00", "2027 жылғы ақпанда 28 күн бар: 29.02.2027 деген күн жоқ."),
        ("ru", "31.04.2027 10:00", "В апреле 30 дней: даты 31.04.2027 нет."),
        ("kk", "31.04.2027 10:00", "Сәуірде 30 күн бар: 31.04.2027 деген күн жоқ."),
        ("ru", "32.01.2027 10:00", "В январе 31 день: даты 32.01.2027 нет."),
        ("kk", "32.01.2027 10:00", "Қаңтарда 31 күн бар: 32.01.2027 деген күн жоқ."),
        ("kk", "31.09.2027 10:00", "Қыркүйекте 30 күн бар: 31.09.2027 деген күн жоқ."),
        ("ru", "32.05.2027 10:00", "В мае 31 день: даты 32.05.2027 нет."),
        ("ru", "01.13.2027 10:00", "В году 12 месяцев: даты 01.13.2027 нет."),
        ("kk", "01.13.2027 10:00", "Жылда 12 ай бар: 01.13.2027 деген күн жоқ."),
        ("ru", "10.03.2027 24:60", "Часы — от 00 до 23, минуты — от 00 до 59: времени 24:60 нет."),
        (
            "kk",
            "10.03.2027 24:60",
            "Сағат 00-ден 23-ке дейін, минут 00-ден 59-ға дейін болады: 24:60 деген уақыт жоқ.",
        ),
    ],
)
def test_the_wording(locale: str, text: str, expected: str) -> None:
    error = _refusal(text)
    assert error.detail is not None
    assert impossible_text(error.detail, locale) == expected
    again = {
        "kk": "Қайта жіберіңіз, мысалы: 14.12.2026 18:00.",
        "ru": "Отправьте ещё раз, например: 14.12.2026 18:00.",
    }
    assert no_such_moment_text(error.detail, NOW, locale) == f"{expected} {again[locale]}"


def test_month_names_are_declined() -> None:
    kk = ["қаңтарда", "ақпанда", "наурызда", "сәуірде", "мамырда", "маусымда", "шілдеде", "тамызда"]
    kk += ["қыркүйекте", "қазанда", "қарашада", "желтоқсанда"]
    ru = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре"]
    ru += ["ноябре", "декабре"]
    assert [month_in(m, "kk") for m in range(1, 13)] == kk
    assert [month_in(m, "ru") for m in range(1, 13)] == ru


# Every day of a leap and a common year, at the day's first and last minute: the examples are taken.
NOWS = [
    datetime(2027, 1, 1, 0, 0, tzinfo=KZ) + timedelta(days=n, hours=h, minutes=m)
    for n in range(0, 366 * 2, 1)
    for h, m in ((0, 1), (23, 59))
]


@pytest.mark.parametrize("now", NOWS[::7] + NOWS[-4:])
def test_examples_are_what_the_step_takes(now: datetime) -> None:
    moment = example_moment(now)
    assert parse_moment(moment_example(now), now) == moment
    today = now.date()
    first, last = example_day(today), example_day(today, last=True)
    assert first <= last == today  # /report refuses a day after today; the first day comes first
    assert day_in_bounds(first, today) and day_in_bounds(last, today)
    assert parse_typed_day(day_example(today)) == first
    assert parse_typed_day(day_example(today, last=True)) == today
