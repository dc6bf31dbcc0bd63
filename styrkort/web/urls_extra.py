"""URLs of the economy, decision proposal, attachment, indicator history and city pages."""

from django.urls import path

from styrkort.web import economy_views

report = "rapporter/<slug:code>/<str:period>/"

extra_urlpatterns = [
    path(report + "ekonomi/", economy_views.economy, name="economy"),
    path(report + "ekonomi/berakna/", economy_views.economy_derived, name="economy-derived"),
]
