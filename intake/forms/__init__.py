"""Forms of the intake pages; they validate input, call one service, and turn domain errors
into form errors. Split by page: taking in an article, accepting a statement or an actor."""

from .article import ArticleForm
from .review import AcceptActorForm, AcceptStatementForm

__all__ = ["AcceptActorForm", "AcceptStatementForm", "ArticleForm"]
