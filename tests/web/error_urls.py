"""The site's URLs plus one view that fails, for the tests of the 500 page."""

from django.urls import path

from styrkort.urls import handler500
from styrkort.urls import urlpatterns as site

SECRET = "hemlig-detalj-i-undantaget"


def failing_view(request):
    raise RuntimeError(f"{SECRET} in /srv/styrkort/styrkort/web/views/secret.py")


urlpatterns = [path("fel/", failing_view), *site]
__all__ = ["handler500", "urlpatterns"]
