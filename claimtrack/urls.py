from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from claims import views as claim_views

from . import health

urlpatterns = [
    path("", claim_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
