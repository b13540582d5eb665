"""Routes of REST API v1, included under /api/v1/ with the namespace "v1"."""

from csp.decorators import csp_update
from django.urls import path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from actors.api import ActorViewSet
from api.problems import not_found
from claims.api.flags import ClaimFlagsView
from claims.api.views import (
    ActorChangesView,
    ActorStatementsView,
    ChangesView,
    ClaimStatementsView,
    ClaimViewSet,
    ReviewFlagViewSet,
    StatementViewSet,
    TopicViewSet,
)
from sources.api import SourceSnapshotsView, SourceViewSet
from webhooks.api import WebhookDeliveriesView, WebhookSubscriptionViewSet

router = DefaultRouter()
router.include_format_suffixes = False
router.register("topics", TopicViewSet, basename="topic")
router.register("claims", ClaimViewSet, basename="claim")
router.register("statements", StatementViewSet, basename="statement")
router.register("actors", ActorViewSet, basename="actor")
router.register("sources", SourceViewSet, basename="source")
router.register("flags", ReviewFlagViewSet, basename="flag")
router.register("webhooks", WebhookSubscriptionViewSet, basename="webhook")

# The schema and the docs are public: partners read them before they have a token.
public = {"authentication_classes": [], "permission_classes": [AllowAny]}
# Swagger UI and Redoc style their widgets inline and Redoc searches in a blob: worker; the docs
# show nothing a user wrote, so these two pages may, every other page may not.
docs_csp = csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]})

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(**public), name="schema"),
    path(
        "docs/",
        docs_csp(SpectacularSwaggerSplitView.as_view(url_name="schema", **public)),
        name="docs",
    ),
    path(
        "redoc/",
        docs_csp(SpectacularRedocView.as_view(url_name="schema", **public)),
        name="redoc",
    ),
    path("changes/", ChangesView.as_view(), name="changes"),
    path("claims/<str:id>/statements/", ClaimStatementsView.as_view(), name="claim-statements"),
    path("claims/<str:id>/flags/", ClaimFlagsView.as_view(), name="claim-flags"),
    path("actors/<str:id>/statements/", ActorStatementsView.as_view(), name="actor-statements"),
    path("actors/<str:id>/changes/", ActorChangesView.as_view(), name="actor-changes"),
    path("sources/<str:id>/snapshots/", SourceSnapshotsView.as_view(), name="source-snapshots"),
    path(
        "webhooks/<str:id>/deliveries/", WebhookDeliveriesView.as_view(), name="webhook-deliveries"
    ),
    *router.urls,
    # Anything else under /api/v1/ is a 404 problem, not the site's HTML page.
    re_path(r"^.*$", not_found),
]
