from django.urls import path

from . import list_views, source_views, views

urlpatterns = [
    path("", views.overview, name="home"),
    path("claims/", list_views.claim_list, name="claim-list"),
    path("claims.csv", list_views.claim_list_csv, name="claim-list-csv"),
    path("statements/", list_views.statement_list, name="statement-list"),
    path("statements.csv", list_views.statement_list_csv, name="statement-list-csv"),
    path("topics/", list_views.topic_list, name="topic-list"),
    path("claims/<uuid:claim_id>/", views.claim_detail, name="claim-detail"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("actors/", list_views.actor_list, name="actor-list"),
    path("actors/<uuid:actor_id>/", views.actor_detail, name="actor-detail"),
    path("sources/", source_views.source_list, name="source-list"),
    path("sources/<uuid:source_id>/", source_views.source_detail, name="source-detail"),
    path("review/", views.review_queue, name="review-queue"),
]
