"""URLs of the workspace (Swedish paths; a report's pages under its own address)."""

from django.urls import path

from styrkort.workspace import views

app_name = "workspace"

report = "rapporter/<slug:code>/<str:period>/"

urlpatterns = [
    path("att-gora/", views.todo, name="todo"),
    path("meddelanden/", views.notifications, name="notifications"),
    path("meddelanden/<int:pk>/", views.open_notification, name="notification"),
    path(report + "tidsfrister/", views.deadlines, name="deadlines"),
    path(report + "kommentarer/<slug:kind>/<int:pk>/", views.comments, name="comments"),
]
