"""URLs of the economy, decision proposal, attachment, indicator history and city pages."""

from django.urls import path

from styrkort.web import city_views, economy_views, history_views, proposal_views

report = "rapporter/<slug:code>/<str:period>/"

extra_urlpatterns = [
    path(report + "ekonomi/", economy_views.economy, name="economy"),
    path(report + "ekonomi/berakna/", economy_views.economy_derived, name="economy-derived"),
]
extra_urlpatterns += [
    path(report + "forslag/", proposal_views.proposals, name="proposals"),
    path(report + "forslag/ersatt/", proposal_views.replace_proposals, name="proposals-replace"),
    path(report + "bilagor/", proposal_views.attachments, name="attachments"),
    path(report + "bilagor/<int:pk>/fil/", proposal_views.download_attachment, name="attachment-download"),
    path(report + "bilagor/<int:pk>/ta-bort/", proposal_views.delete_attachment, name="attachment-delete"),
]
extra_urlpatterns += [
    path(
        report + "indikatorer/<int:pk>/historik/", history_views.indicator_history, name="indicator-history"
    ),
]
extra_urlpatterns += [
    path("stad/<slug:code>/<str:period>/", city_views.city_view, name="city"),
]
