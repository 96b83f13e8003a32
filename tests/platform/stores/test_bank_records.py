"""Saving a bank: all of it in one transaction of a few bulk statements, however large."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from quiz.platform import models
from quiz.platform.extensions import db
from quiz.platform.stores import bank as bank_store
from tests.factories import choice, rating

BULK = 900


def test_a_large_bank_is_written_in_a_few_statements(app, real_bank):
    extra = tuple(rating(f"bulk-rate-{i:04d}") if i % 2 else choice(f"bulk-choice-{i:04d}")
                  for i in range(BULK))
    changed = replace(real_bank.questions[0], prompt="Reworded for the bulk test.")
    bank = replace(real_bank, questions=(changed, *real_bank.questions[1:], *extra))
    with app.app_context():
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            summary = bank_store.save_bank(bank)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        writes = [s for s in statements if not s.lstrip().upper().startswith("SELECT")]

        assert summary == bank_store.SaveSummary(added=BULK, changed=1,
                                            unchanged=len(real_bank.questions) - 1)
        # Per-row writes would be thousands; the catalog rows are a handful.
        assert len(writes) < 20, writes
        saved = bank_store.current_bank(include_retired=True)
        assert sorted(saved.questions, key=lambda q: q.id) == sorted(bank.questions, key=lambda q: q.id)
        assert db.session.scalar(select(func.max(models.QuestionVersion.number))
                                 .where(models.QuestionVersion.question_id == changed.id)) == 2


def test_an_edit_between_plan_and_write_is_kept_and_the_save_still_lands(app, real_bank, monkeypatch):
    """An instructor saves a question while a bank save is being planned: the bank save
    finds its version number taken, plans again and writes on top of the edit."""
    question = real_bank.questions[0]
    edited = replace(question, prompt="Edited by an instructor meanwhile.")
    imported = replace(question, prompt="Changed by the import.")
    plan_bank = bank_store._plan_bank

    def plan_then_edit(bank):
        plan = plan_bank(bank)
        if not getattr(plan_then_edit, "done", False):
            plan_then_edit.done = True
            with Session(db.engine) as other, other.begin():
                store_edit(other, edited)
        return plan

    def store_edit(session, content):
        row = session.get(models.Question, content.id)
        session.add(models.QuestionVersion(question=row, number=row.versions[-1].number + 1,
                                           **bank_store._version_fields(content)))

    monkeypatch.setattr(bank_store, "_plan_bank", plan_then_edit)
    with app.app_context():
        summary = bank_store.save_bank(replace(real_bank, questions=(imported, *real_bank.questions[1:])))
        assert summary.changed == 1
        numbers = db.session.execute(select(models.QuestionVersion.number, models.QuestionVersion.prompt)
                                     .where(models.QuestionVersion.question_id == question.id)
                                     .order_by(models.QuestionVersion.number)).all()
        assert [tuple(n) for n in numbers] == [(1, question.prompt), (2, edited.prompt),
                                               (3, imported.prompt)]
