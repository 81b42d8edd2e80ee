from __future__ import annotations

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from bot.content import Content


def about_values(content: Content, locale: str) -> dict[str, str]:
    """Every figure of the about page, formatted the way each language writes numbers and dates."""
    about = content.about
    values = {k: format_decimal(v, locale=locale) for k, v in about.figures.items()}
    values |= {k: format_percent(v, locale=locale) for k, v in about.percent.items()}
    values |= {k: format_date(v, "long", locale=locale) for k, v in about.dates.items()}
    return values


def _page(content: Content, locale: str, parts: list[str]) -> str:
    t = content.about.text(locale)
    values = about_values(content, locale)
    return "\n\n".join([f"<b>{t.title}</b>", *(p.strip().format(**values) for p in parts)])


def about_message(content: Content, locale: str) -> str:
    """What a parent needs first, short enough for one phone screen; the rest is behind a button."""
    return _page(content, locale, content.about.text(locale).first())


def about_details(content: Content, locale: str) -> str:
    """The roadmap's sections, the region's figures and the expected results."""
    return _page(content, locale, content.about.text(locale).details())
