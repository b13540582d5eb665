"""Suggested statements from news text: the one import path for the rest of intake.

Plain functions over text that know nothing of the database; the modules here are split by job
and `analysis.analyse_article` wires them together.
"""

from .analysis import LANGUAGES, analyse_article
from .cast import KnownActor
from .suggestions import Suggestion

__all__ = ["LANGUAGES", "KnownActor", "Suggestion", "analyse_article"]
