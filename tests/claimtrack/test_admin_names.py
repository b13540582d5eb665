"""The admin speaks the page's language down to its app and model names."""

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_the_admin_index_names_apps_and_models_in_german(client, django_user_model):
    admin = django_user_model.objects.create_superuser("chief", password="x")
    client.force_login(admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    html = client.get("/admin/").content.decode()
    for german in ("Akteure", "Quellen", "Behauptungen", "Aussagen", "Prüfhinweise", "Themen"):
        assert german in html, german
    for english in (">Actors<", ">Review flags<", ">Statements<", ">Topics<"):
        assert english not in html, english
