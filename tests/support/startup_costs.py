"""What every test app's start-up would otherwise compute again, computed once per test process.

An end-to-end test starts the production app (tests/support/app.py) about a thousand times per run; these
pieces of the start-up are pure, so a worker computes them once:

- the parsed content (content/*.yaml) and the measures catalogue, reused while their files are unchanged
  (keyed on each file's size and modification time, so a test that rewrites one still gets what it wrote);
  production reads them once per process too, and nothing changes them once loaded;
- the signature aiogram reads off each handler and filter as it is registered (some 1,900 per app): the
  names and kinds of a plain function's parameters follow from its code object alone;
- the SSL context of each aiohttp session (two per app, ~20 ms each): the tests talk plain HTTP to the
  loopback emulator, and nothing changes a context once made;
- pydantic's generic response models (`Response[bool]`, ...), which its cache holds only weakly, so that
  each app built them again after the collector had taken the previous app's.
"""

from __future__ import annotations

import inspect
import ssl
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiogram.client.session import aiohttp as aiogram_aiohttp
from aiogram.dispatcher.event import handler as aiogram_handler
from pydantic._internal import _generics

from bot.content import CONTENT_DIR, Content
from bot.measures import Catalogue, load_catalogue
from bot.measures.catalogue import MEASURES_DIR

_Stamp = tuple[tuple[str, int, int], ...]


def _stamp(paths: list[Path]) -> _Stamp:
    stamps = []
    for path in paths:
        st = path.stat()
        stamps.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(stamps)


_content: dict[_Stamp, Content] = {}
_catalogue: dict[_Stamp, Catalogue] = {}


def shared_content() -> Content:
    """Content.load() of content/, parsed once while its files stay as they are."""
    key = _stamp(sorted(CONTENT_DIR.glob("*.yaml")))
    if key not in _content:
        _content.clear()
        _content[key] = Content.load()
    return _content[key]


def shared_catalogue() -> Catalogue:
    """load_catalogue() of the shipped plans, parsed once while their files stay as they are."""
    key = _stamp(sorted(MEASURES_DIR.glob("*.yaml")))
    if key not in _catalogue:
        _catalogue.clear()
        _catalogue[key] = load_catalogue()
    return _catalogue[key]


class _Delegate(types.SimpleNamespace):
    """A stand-in for a module in another module's namespace: what it does not define, the module does."""

    def __init__(self, module: types.ModuleType, **overrides: Any) -> None:
        super().__init__(**overrides)
        self._module = module

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)


_signatures: dict[object, inspect.Signature] = {}


def _signature_key(callback: Any) -> object | None:
    """What the signature of `callback` follows from, or None where that is not plain to see."""
    if type(callback) is types.MethodType:
        bound = callback.__func__
        return None if _signature_key(bound) is None else ("bound", bound.__code__)
    if type(callback) is types.FunctionType:
        own = callback.__dict__
        return None if "__signature__" in own or "__wrapped__" in own else callback.__code__
    kind = type(callback)
    own = getattr(callback, "__dict__", {})
    if (
        type(getattr(kind, "__call__", None)) is types.FunctionType  # noqa: B004 - as inspect reads it
        and not isinstance(callback, type)
        and not hasattr(kind, "__signature__")
        and not hasattr(kind, "__getattr__")  # inspect asks the object itself for __signature__
        and "__signature__" not in own
        and "__wrapped__" not in own
    ):
        return ("instance", kind)
    return None


def _remembered_signature(callback: Callable[..., Any], **kwargs: Any) -> inspect.Signature:
    # aiogram reads only the parameters' names and kinds, which a function's code object fixes; defaults and
    # annotations, which two closures of one code may not share, it never reads.
    key = None if kwargs else _signature_key(callback)
    if key is None:
        return inspect.signature(callback, **kwargs)
    found = _signatures.get(key)
    if found is None:
        found = _signatures[key] = inspect.signature(callback)
    return found


_contexts: dict[tuple[Any, ...], ssl.SSLContext] = {}


def _shared_context(
    purpose: ssl.Purpose = ssl.Purpose.SERVER_AUTH,
    *,
    cafile: str | None = None,
    capath: str | None = None,
    cadata: str | bytes | None = None,
) -> ssl.SSLContext:
    key = (purpose, cafile, capath, cadata)
    if key not in _contexts:
        _contexts[key] = ssl.create_default_context(purpose, cafile=cafile, capath=capath, cadata=cadata)
    return _contexts[key]


_generic_models: set[type] = set()


def keep_generic_models() -> None:
    """Holds every generic model pydantic has made so far, so its weak cache keeps them for the next app."""
    _generic_models.update(_generics._GENERIC_TYPES_CACHE.values())


def install() -> None:
    """Puts the once-per-process versions in place in aiogram's modules (the test process only)."""
    if not isinstance(aiogram_handler.inspect, _Delegate):
        aiogram_handler.inspect = _Delegate(inspect, signature=_remembered_signature)  # type: ignore[assignment]
    if not isinstance(aiogram_aiohttp.ssl, _Delegate):
        aiogram_aiohttp.ssl = _Delegate(ssl, create_default_context=_shared_context)  # type: ignore[assignment]
