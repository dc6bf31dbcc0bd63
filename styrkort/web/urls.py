"""URLs of the web pages (Swedish paths; a report is addressed by committee code and period key)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from styrkort.web import setup_views, views
from styrkort.web.urls_extra import extra_urlpatterns

app_name = "web"

report = "rapporter/<slug:code>/<str:period>/"

urlpatterns = [
    path("", views.start, name="start"),
    path(
        "konto/logga-in/",
        auth_views.LoginView.as_view(template_name="web/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path(report, views.overview, name="overview"),
    path(report + "arbetsflode/<slug:action>/", views.workflow_action, name="workflow"),
    path(report + "indikatorer/", views.indicator_grid, name="grid"),
    path(report + "indikatorer/<int:pk>/status/", views.indicator_status, name="indicator-status"),
    path(report + "mal/<int:pk>/", views.goal_page, name="goal"),
    path(report + "aktiviteter/", views.activities, name="activities"),
    path(report + "forhandsgranska/", views.preview, name="preview"),
    path(report + "rapportorer/", setup_views.assignments, name="assignments"),
    path("perioder/oppna/", setup_views.open_period, name="open-period"),
    path(report + "rapport.<slug:kind>", views.download, name="download"),
]
urlpatterns += extra_urlpatterns
