"""The app's process collects its young generation only every YOUNG_GENERATION new objects, so
a big page's objects are freed when it ends instead of being walked by full collections."""

from __future__ import annotations

import gc

from quiz.platform import memory


def test_the_app_keeps_a_young_generation_bigger_than_a_request(app):
    assert gc.get_threshold()[0] >= memory.YOUNG_GENERATION


def test_a_larger_setting_made_elsewhere_is_kept():
    before = gc.get_threshold()
    try:
        gc.set_threshold(4 * memory.YOUNG_GENERATION, before[1], before[2])
        memory.keep_requests_young()
        assert gc.get_threshold() == (4 * memory.YOUNG_GENERATION, before[1], before[2])
        gc.set_threshold(700, before[1], before[2])
        memory.keep_requests_young()
        assert gc.get_threshold()[0] == memory.YOUNG_GENERATION
    finally:
        gc.set_threshold(*before)
