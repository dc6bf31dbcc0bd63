"""Signing in: local passwords (throttled by django-axes), single sign-on with OpenID Connect
(mozilla-django-oidc), and how long a session lasts.

- ``StyrkortOIDCBackend``: a user is matched by one configured claim
  (``STYRKORT_OIDC_USERNAME_CLAIM``, e.g. ``preferred_username`` or ``oid``) against the
  username; an unknown user is created only when ``OIDC_CREATE_USER`` is on, and then with no
  role and no privilege: roles are granted in Styrkort (memberships), never by the provider.
- ``oidc_authenticate`` / ``oidc_callback``: the library's views, 404 while single sign-on is off.
- ``LoginView``: the one login page (the admin's too); with ``STYRKORT_LOCAL_LOGIN`` off it
  offers single sign-on only and refuses a posted password.
- ``SessionLifetimeMiddleware``: a session ends ``STYRKORT_SESSION_MAX_HOURS`` after signing
  in, whatever the activity (the idle timeout is the session cookie's age, renewed by activity:
  ``styrkort.web.sessions``);
  a page for a signed-in user is never stored by the browser or a proxy (no-store).
- ``ThrottledBackend``: django-axes' lockout, per account and per client address.
- ``LocalModelBackend``: local passwords (Django's ``ModelBackend``); it and the OIDC backend
  read the signed-in user of each request with the header's unread count (``user_with_unread``).
- ``client_ip``: the client's address for throttling, behind ``STYRKORT_TRUSTED_PROXIES`` proxies.
"""

from __future__ import annotations

import time

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.dispatch import receiver
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from styrkort.workspace.context import user_with_unread

SIGNED_IN_AT = "styrkort_signed_in_at"


def client_ip(request: HttpRequest) -> str:
    """The client's address: the one the Nth trusted proxy saw, else the connecting address."""
    proxies = int(getattr(settings, "STYRKORT_TRUSTED_PROXIES", 0))
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


class ThrottledBackend(AxesStandaloneBackend):
    """django-axes' lockout check, first among the backends. A call without a request (code, not
    a sign-in: e.g. the test client's ``login``) has no address to throttle and passes through."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


class LocalModelBackend(ModelBackend):
    """Local passwords; the signed-in user is read with the header's unread count."""

    def get_user(self, user_id):
        user = user_with_unread(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


@receiver(user_logged_in, dispatch_uid="styrkort_signed_in_at")
def remember_sign_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


class SessionLifetimeMiddleware:
    """Signs a user out when the session is older than STYRKORT_SESSION_MAX_HOURS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.setdefault(SIGNED_IN_AT, int(time.time()))
            if time.time() - started > settings.STYRKORT_SESSION_MAX_HOURS * 3600:
                logout(request)
                messages.info(request, "Du har varit inloggad länge och har loggats ut. Logga in igen.")
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


class StyrkortOIDCBackend(OIDCAuthenticationBackend):
    """OpenID Connect sign-in: the configured claim is the username; roles come from Styrkort."""

    def _claim(self, claims: dict) -> str:
        value = claims.get(settings.STYRKORT_OIDC_USERNAME_CLAIM)
        if not isinstance(value, str) or not value.strip():
            raise SuspiciousOperation(
                f"the ID provider sent no {settings.STYRKORT_OIDC_USERNAME_CLAIM!r} claim"
            )
        return value.strip()[:150]

    def verify_claims(self, claims) -> bool:
        return bool(self._claim(claims))

    def describe_user_by_claims(self, claims) -> str:
        return f"{settings.STYRKORT_OIDC_USERNAME_CLAIM} {claims.get(settings.STYRKORT_OIDC_USERNAME_CLAIM)}"

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username__iexact=self._claim(claims), is_active=True)

    def get_username(self, claims) -> str:
        return self._claim(claims)

    def get_user(self, user_id):
        return user_with_unread(user_id)

    def create_user(self, claims):
        """A new user with no role, no staff or superuser flag and no usable password."""
        user = self.UserModel(
            username=self._claim(claims),
            email=str(claims.get("email") or "")[:254],
            first_name=str(claims.get("given_name") or "")[:150],
            last_name=str(claims.get("family_name") or "")[:150],
        )
        user.set_unusable_password()
        user.save()
        return user

    def update_user(self, user, claims):
        """Names and e-mail follow the provider; nothing that grants rights does."""
        changed = False
        for field, claim, length in (("email", "email", 254), ("first_name", "given_name", 150)):
            value = str(claims.get(claim) or "")[:length]
            if value and getattr(user, field) != value:
                setattr(user, field, value)
                changed = True
        value = str(claims.get("family_name") or "")[:150]
        if value and user.last_name != value:
            user.last_name = value
            changed = True
        if changed:
            user.save(update_fields=["email", "first_name", "last_name"])
        return user


def _sso_on() -> None:
    if not settings.STYRKORT_OIDC_ENABLED:
        raise Http404("inloggning med organisationens konto är inte inställd")


def oidc_authenticate(request: HttpRequest) -> HttpResponse:
    """Start single sign-on: to the identity provider (404 while it is not configured)."""
    _sso_on()
    return OIDCAuthenticationRequestView.as_view()(request)


def oidc_callback(request: HttpRequest) -> HttpResponse:
    """Back from the identity provider: signed in, or back to the login page with a message."""
    _sso_on()
    response = OIDCAuthenticationCallbackView.as_view()(request)
    if not request.user.is_authenticated:
        messages.error(
            request,
            "Inloggningen med organisationens konto gick inte igenom. Har du ett konto i Styrkort? "
            "Fråga din administratör.",
        )
    return response


class LoginView(auth_views.LoginView):
    """The login page: password (when allowed) and single sign-on (when configured)."""

    template_name = "web/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if not settings.STYRKORT_LOCAL_LOGIN:
            raise PermissionDenied("Inloggning med lösenord är avstängd: logga in med organisationens konto.")
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["local_login"] = settings.STYRKORT_LOCAL_LOGIN
        context["sso"] = settings.STYRKORT_OIDC_ENABLED
        context["sso_button"] = settings.STYRKORT_SSO_BUTTON
        return context


def admin_login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    """The admin signs in through the same (throttled) login page."""
    return redirect(
        f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.GET.get('next', '/admin/')})}"
    )
