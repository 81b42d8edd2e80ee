"""The Redis the multi-instance tests share: TEST_REDIS_URL, else redis://127.0.0.1:6379/15 when it answers.

CI has Redis on the machine; elsewhere a test that needs it is skipped and says why. Each test uses its own
key prefix and deletes its keys."""

from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

DEFAULT_TEST_REDIS_URL = "redis://127.0.0.1:6379/15"


def test_redis_url() -> str | None:
    url = os.environ.get("TEST_REDIS_URL") or DEFAULT_TEST_REDIS_URL
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1):
            return url
    except OSError:
        return None


test_redis_url.__test__ = False  # type: ignore[attr-defined]  # a helper, not a pytest test


def required_redis_url() -> str:
    """The test Redis for a test that cannot run without one: in CI (CI set) its absence fails the test,
    elsewhere the test is skipped and says why."""
    import pytest

    url = test_redis_url()
    if url is None:
        where = os.environ.get("TEST_REDIS_URL") or DEFAULT_TEST_REDIS_URL
        if os.environ.get("CI"):
            pytest.fail(f"CI needs Redis at {where} for the multi-instance tests")
        pytest.skip(f"no Redis at {where} (set TEST_REDIS_URL): the multi-instance tests need one")
    return url
