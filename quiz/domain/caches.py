"""The bounded cache types every per-process cache is made of (`LRUCache`, `memoized`), and the
one `clear_caches()` that empties every cache made of them (for tests that recreate a database
in place). The caches themselves live beside what they cache.

Pure Python, so the scoring engine can use it too. A cache made any other way is a cache
`clear_caches()` would miss: tests/domain/test_caches.py looks for them.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_clears: list[Callable[[], None]] = []


class LRUCache(Generic[K, V]):
    """At most `max_size` entries: adding one more drops the least recently used."""

    def __init__(self, max_size: int) -> None:
        self.max_size = max_size
        self._entries: OrderedDict[K, V] = OrderedDict()
        _clears.append(self._entries.clear)

    def get(self, key: K) -> V | None:
        try:
            self._entries.move_to_end(key)
        except KeyError:
            return None
        return self._entries[key]

    def put(self, key: K, value: V) -> V:
        self._entries[key] = value
        self._entries.move_to_end(key)
        if len(self._entries) > self.max_size:
            self._entries.popitem(last=False)
        return value

    def get_or_compute(self, key: K, compute: Callable[[], V]) -> V:
        found = self.get(key)
        return found if found is not None else self.put(key, compute())

    def __contains__(self, key: K) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        self._entries.clear()


def memoized(max_size: int):
    """`functools.lru_cache(max_size)`, emptied by `clear_caches()` too."""
    def decorate(function):
        cached = functools.lru_cache(maxsize=max_size)(function)
        _clears.append(cached.cache_clear)
        return cached
    return decorate


def clear_caches() -> None:
    for clear in _clears:
        clear()
