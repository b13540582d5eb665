"""The sources API: serializers (sources.api.serializers) and views (sources.api.views)."""

from .serializers import SourceRefSerializer, SourceSerializer, source_ref
from .views import SourceSnapshotsView, SourceViewSet

__all__ = [
    "SourceRefSerializer",
    "SourceSerializer",
    "SourceSnapshotsView",
    "SourceViewSet",
    "source_ref",
]
