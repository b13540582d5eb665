"""Article intake: store a source with its text, suggest what it says, and record what an editor
accepts. Every write of the intake pages and of `manage.py import_article` goes through here.

Nothing is recorded from a suggestion without an editor: suggestions are stored as pending, and
only `accept_suggestion` (through claims.services.record_statement) and `accept_actor` create
statements, claims and actors.

Split by job: taking in an article (articles.py), reviewing its suggestions (review.py).
"""

from .articles import (
    ArticleUnavailable,
    check_article_text,
    default_title,
    fetch_article,
    intake_article,
    known_actors,
    max_article_chars,
    normalise_article_text,
    said_at,
    store_suggestions,
    suggest,
)
from .review import NewActor, NewClaim, accept_actor, accept_suggestion, reject_suggestion

__all__ = [
    "ArticleUnavailable",
    "NewActor",
    "NewClaim",
    "accept_actor",
    "accept_suggestion",
    "check_article_text",
    "default_title",
    "fetch_article",
    "intake_article",
    "known_actors",
    "max_article_chars",
    "normalise_article_text",
    "reject_suggestion",
    "said_at",
    "store_suggestions",
    "suggest",
]
