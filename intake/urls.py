from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    path("", views.new_article, name="new"),
    path("sources/<uuid:source_id>/", views.review, name="review"),
    path("sources/<uuid:source_id>/accept/", views.bulk_accept, name="bulk-accept"),
    path("suggestions/<uuid:suggestion_id>/accept/", views.accept, name="accept"),
    path("suggestions/<uuid:suggestion_id>/reject/", views.reject, name="reject"),
]
