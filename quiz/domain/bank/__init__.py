"""The question bank: its plain types, the YAML loader/validator and the exporter."""

from quiz.domain.bank.export import export_bank
from quiz.domain.bank.loader import BankError, BankInvalid, BankTooLarge, load_bank
from quiz.domain.bank.plain import Bank
from quiz.domain.question_types.question import Question

__all__ = ["Bank", "BankError", "BankInvalid", "BankTooLarge", "Question", "export_bank", "load_bank"]
