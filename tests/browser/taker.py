"""A quiz taker in a real browser: picks answers from a fixed plan and gives them with the
mouse (clicking what is on screen) or with the keyboard alone; and the scores the report
should then show, worked out with the scoring engine from the same plan."""

from __future__ import annotations

import random
import re
from collections.abc import Collection
from functools import cache
from urllib.parse import urlencode

from quiz.domain.bank.plain import Bank
from quiz.domain.question_types.question import Question
from quiz.domain.scoring import score
from tests.apps import offered_bank
from tests.takers import answer_pairs

Plan = dict[str, Collection[str]]  # option ids: a set, or an order (a tuple) for a ranking

ORDERED = "ranking"  # the type whose answer is an order


@cache
def bank() -> Bank:
    """The bank the live server offers a taker (`flask bank load` of questions/)."""
    return offered_bank()


def plan_answers(seed: str) -> Plan:
    """A varied but repeatable answer for every question: low and high ratings, right and
    wrong choices, a few ticks per checklist and now and then "none of these", any order."""
    plan = {}
    for question in bank().questions:
        rng = random.Random(f"{seed}:{question.id}")
        items = [o.id for o in question.options if not o.none]
        if question.type == ORDERED:
            plan[question.id] = tuple(rng.sample(items, len(items)))
        elif question.kind.multiple:
            nones = [o.id for o in question.options if o.none]
            if nones and rng.random() < 0.2:
                plan[question.id] = frozenset(nones[:1])
            else:
                plan[question.id] = frozenset(rng.sample(items, rng.randint(1, min(3, len(items)))))
        else:
            plan[question.id] = frozenset([rng.choice(items)])
    return plan


def expected_scores(plan: Plan) -> dict[str, str]:
    """What the report's score table should say per area title, plus "overall"."""
    report = score(bank(), plan)
    shown = {a.area.title: str(int(round(a.score))) if a.score is not None else "not answered"
             for a in report.areas}
    shown["overall"] = str(int(round(report.overall)))
    return shown


def shown_scores(page) -> dict[str, str]:
    """The scores the report page shows: its table (for screen readers, hidden on screen), and
    the overall score above the heading."""
    shown = {}
    for row in page.locator("table.scores tbody tr").all():
        shown[row.locator("th").text_content().strip()] = row.locator("td").first.text_content().strip()
    eyebrow = page.locator(".report-header .eyebrow").inner_text()
    match = re.search(r"(\d+) out of 100", eyebrow, re.IGNORECASE)
    shown["overall"] = match.group(1) if match else eyebrow
    return shown


def section_questions(page) -> list[Question]:
    """The questions on the current section page, in page order."""
    by_id = {q.id: q for q in bank().questions}
    ids = page.locator("fieldset.question").evaluate_all("els => els.map(e => e.id.slice(2))")
    return [by_id[qid] for qid in ids]


# --- the mouse ---------------------------------------------------------------------------------

def click_on_screen(page, locator) -> None:
    """Click with the mouse in the middle of where the element is drawn, as a person aims
    at what they see; Playwright first checks that nothing else covers that point."""
    locator.click()


def order_on_screen(page, question: Question) -> list[str]:
    prefix = len(f"q-{question.id}-")
    return [i[prefix:] for i in page.locator(f"#q-{question.id} select").evaluate_all(
        "els => els.map(e => e.id)")]


def order_with_mouse(page, question: Question, order) -> None:
    """With the script's move-up buttons where there are any, else with the position selects."""
    if page.locator(f"#q-{question.id} button.order-move").count():
        for place, item in enumerate(order):
            for _ in range(order_on_screen(page, question).index(item) - place):
                text = question.option(item).text
                click_on_screen(page, page.get_by_role("button", name=f"Move up: {text}", exact=True))
        if order_on_screen(page, question) == list(order) and question.id in shown_answers(page):
            return
    for position, item in enumerate(order, start=1):
        page.locator(f"#q-{question.id}-{item}").select_option(f"{item}:{position}")


def answer_section_with_mouse(page, plan: Plan) -> list[str]:
    """Click the label of every planned option on this page, or put a ranking's items in
    order; return the question ids."""
    questions = section_questions(page)
    for question in questions:
        if question.type == ORDERED:
            order_with_mouse(page, question, plan[question.id])
            continue
        for option in question.options:
            if option.id in plan[question.id]:
                click_on_screen(page, page.locator(f'label[for="q-{question.id}-{option.id}"]'))
    assert_section_shows(page, plan)
    return [q.id for q in questions]


def shown_answers(page) -> dict[str, Collection[str]]:
    """What the section form on screen has ticked, per question id, and the order its
    position selects give (where every item has a position)."""
    pairs = page.locator("form.section-form input:checked").evaluate_all(
        "els => els.map(e => [e.name.slice(2), e.value])")
    found: dict[str, set[str]] = {}
    for qid, value in pairs:
        found.setdefault(qid, set()).add(value)
    shown: dict[str, Collection[str]] = {qid: frozenset(values) for qid, values in found.items()}
    positions: dict[str, dict[str, str]] = {}
    for qid, value in page.locator("form.section-form select").evaluate_all(
            "els => els.map(e => [e.name.slice(2), e.value])"):
        item, _, position = value.partition(":")
        positions.setdefault(qid, {})[item] = position
    for qid, items in positions.items():
        if all(items.values()):
            shown[qid] = tuple(sorted(items, key=lambda i: int(items[i])))
    return shown


def assert_section_shows(page, plan: Plan) -> None:
    """Every planned answer on this page is shown ticked or in order, and nothing else."""
    assert shown_answers(page) == {q.id: plan[q.id] for q in section_questions(page)}


# --- the keyboard ------------------------------------------------------------------------------

FOCUSED = """() => {
  const el = document.activeElement;
  // A visually hidden radio shows its focus on its label (the 1-5 rating buttons).
  const drawn = getComputedStyle(el).opacity === '0' && el.labels && el.labels.length
      ? el.labels[0] : el;
  const style = getComputedStyle(drawn);
  return {tag: el.tagName.toLowerCase(), name: el.name || '', value: el.value || '',
          type: el.type || '', text: (el.innerText || el.value || '').trim(),
          checked: !!el.checked,
          focusShown: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0};
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def tab_to(page, wanted, limit: int = 60, key: str = "Tab") -> dict:
    """Press Tab until the focused element is the wanted one; every stop must show focus."""
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        if now["tag"] != "body":
            assert now["focusShown"], f"keyboard focus is not visible on {now}"
        if wanted(now):
            return now
    raise AssertionError(f"Tab never reached the wanted element; last focus: {now}")


def press_button(page, text: str) -> None:
    """Tab to the button with this text and press Enter, waiting for the next page."""
    tab_to(page, lambda f: f["type"] == "submit" and f["text"] == text)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def answer_section_with_keyboard(page, plan: Plan) -> list[str]:
    """Tab through the page; Space ticks a checkbox, arrow keys pick within a radio group,
    typing a number picks a position."""
    questions = section_questions(page)
    for question in questions:
        name = f"q-{question.id}"
        wanted = plan[question.id]
        if question.type == ORDERED:
            for item in order_on_screen(page, question):
                tab_to(page, lambda f, i=item: f["tag"] == "select" and f["value"].startswith(f"{i}:"))
                page.keyboard.type(str(list(wanted).index(item) + 1))
                assert focused(page)["value"] == f"{item}:{list(wanted).index(item) + 1}"
            continue
        # In the order on screen (scenario options come in an order of each attempt's own).
        values = page.locator(f'input[name="{name}"]').evaluate_all("els => els.map(e => e.value)")
        if question.kind.multiple:
            for value in values:
                now = tab_to(page, lambda f, v=value: f["name"] == name and f["value"] == v)
                if (value in wanted) != now["checked"]:
                    page.keyboard.press("Space")
        else:
            now = tab_to(page, lambda f: f["name"] == name)
            (target,) = wanted
            steps = (values.index(target) - values.index(now["value"])) % len(values)
            for _ in range(steps):
                page.keyboard.press("ArrowRight")  # moves to and selects the next option
            if not focused(page)["checked"]:
                page.keyboard.press("Space")
            now = focused(page)
            assert now["value"] == target and now["checked"], (question.id, now)
    return [q.id for q in questions]


# --- no hands: straight HTTP, for tests about what comes after the questions -----------------

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def finish_over_http(page, plan: Plan, start: list[tuple[str, str]] = ()) -> str:
    """Start (with the start form's `start` fields, such as a group to join), answer every
    section and finish through the page's own cookies (no clicking); open the report in the
    page and return its URL."""
    request = page.context.request

    def post(url: str, pairs: list[tuple[str, str]]):
        form_page = request.get(url if "/section/" in url else "/")
        token = CSRF.search(form_page.text()).group(1)
        # The Referer a browser sends with a form: over HTTPS, Flask-WTF refuses a POST without it.
        response = request.post(url, data=urlencode([("csrf_token", token), *pairs]), headers={
            "Content-Type": "application/x-www-form-urlencoded", "Referer": form_page.url})
        assert response.ok, (url, response.status)
        return response.url

    url = post("/start", list(start))
    while "/section/" in url:
        number = int(url.rsplit("/", 1)[1])
        section = [q for q in bank().questions if q.area == bank().areas[number - 1].key]
        url = post(url, [pair for q in section for pair in answer_pairs(q, plan[q.id])]
                   + [("next", "Save and continue")])
    report = post(url.replace("/review", "/finish"), [])
    page.goto(report)
    return report
