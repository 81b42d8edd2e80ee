"""The log scrubber removes values from database error texts whatever their source."""

import pytest

from db.log_privacy import scrub

pytestmark = pytest.mark.no_database


def test_values_in_database_errors_are_hidden() -> None:
    sqlalchemy = (
        "(sqlite3.OperationalError) no such table\n"
        "[SQL: INSERT INTO posts (text_kk) VALUES (?)]\n[parameters: ('Айгерім', 'it]s')]\n"
        "(Background on this error at: https://sqlalche.me/e/20/e3q8)"
    )
    literal = "[SQL: SELECT * FROM posts WHERE text_ru = 'Мирас' AND id = 1]"
    detail = "duplicate key value\nDETAIL:  Key (draft_key)=(Тимур) already exists."
    argument = "invalid input for query argument $1: 'Айгерім' (expected str, got int)"
    for text in (sqlalchemy, literal, detail, argument):
        assert not any(name in scrub(text) for name in ("Айгерім", "Мирас", "Тимур")), scrub(text)
    assert "INSERT INTO posts" in scrub(sqlalchemy)
    assert scrub("update 7 failed: OperationalError") == "update 7 failed: OperationalError"
