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


def about_message(content: Content, locale: str) -> str:
    t = content.about.text(locale)
    values = about_values(content, locale)
    parts = [f"<b>{t.title}</b>", *(p.strip().format(**values) for p in t.parts())]
    return "\n\n".join(parts)
