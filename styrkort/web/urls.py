"""URLs of the web pages (Swedish paths; a report is addressed by committee code and period key)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from styrkort.web import sso
from styrkort.web.getters import working_page as work
from styrkort.web.views import (
    activities,
    attachments,
    city,
    city_setup,
    documents,
    economy,
    goal,
    grid,
    history,
    overview,
    proposals,
    reading,
    setup,
    spreadsheets,
    start,
    style,
)

app_name = "web"

report = "rapporter/<slug:code>/<str:period>/"

urlpatterns = [
    path("", start.start, name="start"),
    path("rapporter/", start.reports, name="reports"),
    path("stil/skala.css", style.scale_stylesheet, name="scale-css"),
    path("konto/logga-in/", sso.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/sso/", sso.oidc_authenticate, name="oidc-authenticate"),
    path("konto/sso/tillbaka/", sso.oidc_callback, name="oidc-callback"),
    path("perioder/oppna/", setup.open_period, name="open-period"),
    path("stad/<slug:code>/installningar/", city_setup.setup, name="city-setup"),
    path("stad/<slug:code>/perioder/ny/", city_setup.period, name="city-period-new"),
    path("stad/<slug:code>/perioder/<int:pk>/", city_setup.period, name="city-period"),
    path("stad/<slug:code>/mal/<int:year>/", city_setup.goals, name="city-goals"),
    path("stad/<slug:code>/mal/<int:year>/ny/", city_setup.goal, name="city-goal-new"),
    path("stad/<slug:code>/mal/<int:year>/<int:pk>/", city_setup.goal, name="city-goal"),
    path(
        "stad/<slug:code>/mal/<int:year>/<int:goal>/ny-indikator/",
        city_setup.indicator,
        name="city-indicator-new",
    ),
    path("stad/<slug:code>/indikatorer/<int:pk>/", city_setup.indicator, name="city-indicator"),
    path("stad/<slug:code>/<str:period>/", city.city_view, name="city"),
    path(report, work(overview.overview), name="overview"),
    path(report + "arbetsflode/<slug:action>/", overview.workflow_action, name="workflow"),
    path(report + "indikatorer/", work(grid.indicator_grid), name="grid"),
    path(report + "indikatorer/<int:pk>/status/", work(grid.indicator_status), name="indicator-status"),
    path(
        report + "indikatorer/<int:pk>/historik/", work(history.indicator_history), name="indicator-history"
    ),
    path(report + "mal/<int:pk>/", work(goal.goal_page), name="goal"),
    path(report + "aktiviteter/", work(activities.activities), name="activities"),
    path(report + "ekonomi/", work(economy.economy), name="economy"),
    path(report + "ekonomi/berakna/", work(economy.economy_derived), name="economy-derived"),
    path(report + "excel.xlsx", work(spreadsheets.download), name="excel-download"),
    path(report + "excel/las-in/", spreadsheets.upload, name="excel-upload"),
    path(report + "excel/spara/", spreadsheets.confirm, name="excel-confirm"),
    path(report + "forslag/", work(proposals.proposals), name="proposals"),
    path(report + "forslag/ersatt/", proposals.replace_proposals, name="proposals-replace"),
    path(report + "bilagor/", work(attachments.attachments), name="attachments"),
    path(report + "bilagor/<int:pk>/fil/", attachments.download_attachment, name="attachment-download"),
    path(report + "bilagor/<int:pk>/ta-bort/", attachments.delete_attachment, name="attachment-delete"),
    path(report + "forhandsgranska/", work(documents.preview), name="preview"),
    path(report + "rapportorer/", work(setup.assignments), name="assignments"),
    path(report + "rapport.<slug:kind>", documents.download, name="download"),
    path(report + "las/", reading.reading, name="read"),
]
