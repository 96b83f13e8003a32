"""Every per-process cache lives in quiz.domain.caches: each is bounded, and clear_caches() empties
them all."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import quiz
from quiz.domain import caches
from quiz.domain.caches import LRUCache


def quiz_modules():
    return [importlib.import_module(info.name)
            for info in pkgutil.walk_packages(quiz.__path__, prefix="quiz.")]


def every_cache() -> dict[str, LRUCache]:
    return {f"{module.__name__}.{name}": value for module in quiz_modules()
            for name, value in vars(module).items() if isinstance(value, LRUCache)}


def every_memoized() -> dict[str, object]:
    return {f"{module.__name__}.{name}": value for module in quiz_modules()
            for name, value in vars(module).items()
            # the type, not the value: a Flask proxy such as current_app must not be evaluated
            if hasattr(type(value), "cache_info") and value.__module__ == module.__name__}


def test_the_known_caches_are_found():
    assert {"quiz.platform.stores.bank._version_cache", "quiz.platform.stores.bank._catalog_cache", "quiz.web.report.routes._bodies",
            "quiz.domain.scoring._levels", "quiz.web.groups.dashboard._tallies"} <= set(every_cache())
    assert {"quiz.domain.statistics.small_samples.t_critical", "quiz.web.auth.routes._dummy_hash"} <= set(every_memoized())


def test_no_cache_is_made_outside_the_cache_module():
    """An lru_cache or OrderedDict elsewhere would be a cache clear_caches() misses."""
    for path in Path(quiz.__file__).parent.rglob("*.py"):
        if path.name == "caches.py":
            continue
        names = {node.attr if isinstance(node, ast.Attribute) else node.id
                 for node in ast.walk(ast.parse(path.read_text()))
                 if isinstance(node, (ast.Name, ast.Attribute))}
        assert not names & {"lru_cache", "cache", "OrderedDict"}, path


def test_every_cache_is_bounded():
    for name, cache in every_cache().items():
        original = cache._entries.copy()
        try:
            cache.clear()
            for key in range(cache.max_size + 5):
                cache.put(("filler", key), key)
            assert len(cache) == cache.max_size, name
            assert ("filler", 0) not in cache and ("filler", cache.max_size + 4) in cache, name
        finally:
            cache.clear()
            cache._entries.update(original)
    for name, function in every_memoized().items():
        assert function.cache_info().maxsize is not None, name


def test_the_least_recently_used_entry_goes_first():
    cache = LRUCache(max_size=2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # now "b" is the least recently used
    cache.put("c", 3)
    assert ("a" in cache, "b" in cache, "c" in cache) == (True, False, True)
    assert cache.get_or_compute("c", lambda: 99) == 3
    assert cache.get_or_compute("d", lambda: 4) == 4 and "a" not in cache


def test_clear_caches_empties_every_cache():
    found = every_cache()
    for name, cache in found.items():
        cache.put(("filler",), 1)
    quiz.domain.statistics.small_samples.t_critical(7)
    caches.clear_caches()
    assert {name: len(cache) for name, cache in found.items()} == dict.fromkeys(found, 0)
    assert all(f.cache_info().currsize == 0 for f in every_memoized().values())
