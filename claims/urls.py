from django.urls import path

from . import source_views, views

urlpatterns = [
    path("", views.overview, name="home"),
    path("claims/", views.claim_list, name="claim-list"),
    path("claims/<uuid:claim_id>/", views.claim_detail, name="claim-detail"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("actors/<uuid:actor_id>/", views.actor_detail, name="actor-detail"),
    path("sources/", source_views.source_list, name="source-list"),
    path("sources/<uuid:source_id>/", source_views.source_detail, name="source-detail"),
    path("review/", views.review_queue, name="review-queue"),
]
