"""Forms of the intake pages; they validate input, call one service, and turn domain errors
into form errors. Split by page: taking in an article, accepting a statement or an actor,
accepting a citation."""

from .article import ArticleForm
from .bulk import BulkAcceptForm
from .citation import AcceptCitationForm
from .review import AcceptActorForm, AcceptStatementForm

__all__ = [
    "AcceptActorForm",
    "AcceptCitationForm",
    "AcceptStatementForm",
    "ArticleForm",
    "BulkAcceptForm",
]
