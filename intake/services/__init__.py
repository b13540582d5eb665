"""Article intake: store a source with its text, suggest what it says, and record what an editor
accepts. Every write of the intake pages and of `manage.py import_article` goes through here.

Nothing is recorded from a suggestion without an editor: suggestions are stored as pending, and
only `accept_suggestion` (through claims.services.record_statement), `accept_actor` and
`accept_citation` (through sources.services.cite_source) create statements, claims, actors,
sources and citations.

Split by job: taking in an article (articles.py), reviewing its suggestions (review.py),
accepting many at once as they stand (bulk.py), accepting the citations it proposes
(citations.py).
"""

from .articles import (
    ArticleUnavailable,
    article_language,
    check_article_text,
    default_title,
    fetch_article,
    intake_article,
    known_actors,
    language_name,
    max_article_chars,
    normalise_article_text,
    said_at,
    store_suggestions,
    suggest,
)
from .bulk import BulkAcceptance, StatementProposal, accept_suggestions, propose_statement
from .citations import NewCitedSource, accept_citation, cited_source_kind
from .review import (
    NewActor,
    NewClaim,
    accept_actor,
    accept_suggestion,
    article_date,
    reject_suggestion,
)

__all__ = [
    "ArticleUnavailable",
    "BulkAcceptance",
    "NewActor",
    "NewCitedSource",
    "NewClaim",
    "StatementProposal",
    "accept_actor",
    "accept_citation",
    "accept_suggestion",
    "accept_suggestions",
    "article_date",
    "article_language",
    "check_article_text",
    "cited_source_kind",
    "default_title",
    "fetch_article",
    "intake_article",
    "known_actors",
    "language_name",
    "max_article_chars",
    "normalise_article_text",
    "propose_statement",
    "reject_suggestion",
    "said_at",
    "store_suggestions",
    "suggest",
]
