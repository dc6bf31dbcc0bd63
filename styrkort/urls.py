"""URL configuration: the product's own pages at the root, the admin under /admin/; the Swedish 500 page."""

from django.contrib import admin
from django.urls import include, path

from styrkort.web.sso import admin_login

admin.site.login = admin_login  # type: ignore[method-assign]  # one login page, throttled, with single sign-on

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("styrkort.api.urls")),
    path("", include("styrkort.web.urls")),
    path("", include("styrkort.workspace.urls")),
]

handler500 = "styrkort.web.errors.server_error"
