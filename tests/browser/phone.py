"""A page on a phone: whether it scrolls sideways at 320 and 375 CSS px (WCAG 1.4.10 Reflow),
how small the charts' text is drawn there, and axe-core's verdict at 375 px.

`SCREENSHOT_DIR=/some/dir` also saves a full-page PNG of each page at each width, for a person
to look at."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

PHONE_WIDTHS = (320, 375)
HEIGHT = 800
MIN_CHART_TEXT_PX = 12

# The size text is drawn at: an SVG with a viewBox scales its text with the drawing.
CHART_TEXT_SIZES = """() => [...document.querySelectorAll('.chart, .strip')].flatMap(chart =>
  [...chart.querySelectorAll('*')].filter(el => [...el.childNodes].some(
      n => n.nodeType === Node.TEXT_NODE && n.textContent.trim())
    && !el.closest('title, desc, .visually-hidden'))
  .map(el => parseFloat(getComputedStyle(el).fontSize) * (el.getScreenCTM ? el.getScreenCTM().a : 1)))"""


@dataclass
class OnPhone:
    too_wide: dict[int, int]  # width: CSS px the page is wider than the screen, where it is
    smallest_chart_text: float | None  # at 375 px (the last width), in the report's and group's charts
    violations: list[dict]  # axe-core at 375 px


def on_phone(page, name: str, axe: Axe) -> OnPhone:
    """Look at the page as it is at 320 and 375 px, then give it back its earlier viewport."""
    wide = page.viewport_size
    too_wide = {}
    for width in PHONE_WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            too_wide[width] = overflow
        screenshot(page, f"{name}-{width}")
    sizes = page.evaluate(CHART_TEXT_SIZES)
    violations = axe.run(page).response["violations"]
    page.set_viewport_size(wide)
    screenshot(page, f"{name}-{wide['width']}")
    return OnPhone(too_wide, min(sizes, default=None), violations)


def screenshot(page, name: str) -> None:
    directory = os.environ.get("SCREENSHOT_DIR")
    if directory:
        page.screenshot(path=Path(directory) / f"{name}.png", full_page=True)
