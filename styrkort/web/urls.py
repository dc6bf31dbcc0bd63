"""URLs of the web pages (Swedish paths; a report is addressed by committee code and period key)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from styrkort.web import sso
from styrkort.web.views import (
    activities,
    attachments,
    city,
    documents,
    economy,
    goal,
    grid,
    history,
    overview,
    proposals,
    setup,
    start,
)

app_name = "web"

report = "rapporter/<slug:code>/<str:period>/"

urlpatterns = [
    path("", start.start, name="start"),
    path("konto/logga-in/", sso.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/sso/", sso.oidc_authenticate, name="oidc-authenticate"),
    path("konto/sso/tillbaka/", sso.oidc_callback, name="oidc-callback"),
    path("perioder/oppna/", setup.open_period, name="open-period"),
    path("stad/<slug:code>/<str:period>/", city.city_view, name="city"),
    path(report, overview.overview, name="overview"),
    path(report + "arbetsflode/<slug:action>/", overview.workflow_action, name="workflow"),
    path(report + "indikatorer/", grid.indicator_grid, name="grid"),
    path(report + "indikatorer/<int:pk>/status/", grid.indicator_status, name="indicator-status"),
    path(report + "indikatorer/<int:pk>/historik/", history.indicator_history, name="indicator-history"),
    path(report + "mal/<int:pk>/", goal.goal_page, name="goal"),
    path(report + "aktiviteter/", activities.activities, name="activities"),
    path(report + "ekonomi/", economy.economy, name="economy"),
    path(report + "ekonomi/berakna/", economy.economy_derived, name="economy-derived"),
    path(report + "forslag/", proposals.proposals, name="proposals"),
    path(report + "forslag/ersatt/", proposals.replace_proposals, name="proposals-replace"),
    path(report + "bilagor/", attachments.attachments, name="attachments"),
    path(report + "bilagor/<int:pk>/fil/", attachments.download_attachment, name="attachment-download"),
    path(report + "bilagor/<int:pk>/ta-bort/", attachments.delete_attachment, name="attachment-delete"),
    path(report + "forhandsgranska/", documents.preview, name="preview"),
    path(report + "rapportorer/", setup.assignments, name="assignments"),
    path(report + "rapport.<slug:kind>", documents.download, name="download"),
]
