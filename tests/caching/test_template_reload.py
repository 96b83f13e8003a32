"""Rendered HTML is kept per process (a question version's parts, a finished report's body)
only while templates do not auto-reload. With auto-reload on (debug, or TEMPLATES_AUTO_RELOAD)
an edited template shows on the next request, warm caches or not; with it off the kept HTML is
served, even once Jinja has the edited template."""

from __future__ import annotations

import os
import shutil

import pytest
from jinja2 import FileSystemLoader

from quiz import create_app
from quiz.platform.extensions import db
from tests.apps import ROOT
from tests.factories import best_option
from tests.takers import Taker

MARK = 'data-edited="yes"'


def editable_templates(app, folder):
    """The app's templates (every feature's and question type's folder, each namespaced by its
    own sub-folder) copied to one folder the test may edit, and read from there."""
    for templates in sorted((ROOT / "quiz").rglob("templates")):
        shutil.copytree(templates, folder, dirs_exist_ok=True)
    app.jinja_env.loader = FileSystemLoader(folder)
    return folder


@pytest.fixture
def templates(app, tmp_path):
    return editable_templates(app, tmp_path / "templates")


def edit(path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, path
    path.write_text(text.replace(old, new, 1))
    later = os.stat(path).st_mtime + 10  # Jinja tells an edit by the file's time
    os.utime(path, (later, later))


def edit_question_markup(templates) -> None:
    edit(templates / "macros.html", "<legend>", f"<legend {MARK}>")


def edit_report_markup(templates) -> None:
    edit(templates / "report" / "_body.html", "<h2", f"<h2 {MARK}")


@pytest.fixture
def app_with(app):
    """Makes another app on the test's database, with settings of its own."""
    made = []

    def make(setting: dict):
        made.append(create_app({**app.config, **setting}))
        return made[-1]
    yield make
    for other in made:
        with other.app_context():
            db.engine.dispose()


@pytest.fixture
def finished(taker):
    taker.start()
    taker.answer_all(best_option)
    assert taker.finish().status_code == 303
    return taker


@pytest.mark.parametrize("setting", [{"TEMPLATES_AUTO_RELOAD": True}, {"DEBUG": True}])
def test_while_templates_auto_reload_an_edited_question_template_shows_at_once(app_with, tmp_path, setting):
    reloading = app_with(setting)
    assert reloading.jinja_env.auto_reload
    templates = editable_templates(reloading, tmp_path / "templates")
    taker = Taker(reloading.test_client(), reloading)
    taker.start()
    page = taker.client.get(taker.section_url(1)).get_data(as_text=True)  # caches warm, if any
    assert MARK not in page and "<legend>" in page
    edit_question_markup(templates)
    page = taker.client.get(taker.section_url(1)).get_data(as_text=True)
    assert page.count(f"<legend {MARK}>") == len(taker.sections()[0].questions)


def test_without_auto_reload_a_question_versions_parts_are_kept(app, taker, templates):
    assert not app.jinja_env.auto_reload  # the default outside debug
    taker.start()
    before = taker.client.get(taker.section_url(1)).get_data(as_text=True)
    edit_question_markup(templates)
    app.jinja_env.cache.clear()  # Jinja now loads the edited template...
    after = taker.client.get(taker.section_url(1)).get_data(as_text=True)
    assert MARK not in after  # ...but the questions are joined from the parts kept
    legends = '<legend><span class="q-number">'  # each question's (a response to rate has one too)
    assert after.count(legends) == before.count(legends) == len(taker.sections()[0].questions)
    # A section not shown before has no parts kept: rendered now, from the edited template.
    assert MARK in taker.client.get(taker.section_url(2)).get_data(as_text=True)


def test_while_templates_auto_reload_an_edited_report_template_shows_at_once(app_with, finished, tmp_path):
    reloading = app_with({"TEMPLATES_AUTO_RELOAD": True})
    templates = editable_templates(reloading, tmp_path / "templates")
    client, url = reloading.test_client(), f"/report/{finished.token}"
    assert MARK not in client.get(url).get_data(as_text=True)
    edit_report_markup(templates)
    assert MARK in client.get(url).get_data(as_text=True)


def test_without_auto_reload_a_finished_reports_body_is_kept(app, finished, templates):
    assert not app.jinja_env.auto_reload
    url = f"/report/{finished.token}"
    assert MARK not in finished.client.get(url).get_data(as_text=True)
    edit_report_markup(templates)
    app.jinja_env.cache.clear()
    assert MARK not in finished.client.get(url).get_data(as_text=True)
