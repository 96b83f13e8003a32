"""The question bank: its plain types, the YAML loader/validator and the exporter."""

from .export import export_bank
from .loader import BankError, BankInvalid, BankTooLarge, load_bank
from .plain import Bank, Question

__all__ = ["Bank", "BankError", "BankInvalid", "BankTooLarge", "Question", "export_bank", "load_bank"]
