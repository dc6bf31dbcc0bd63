"""The page ``konto/api-nycklar/``: a signed-in user's API tokens, created and revoked.

A new token is shown once, on the answer to the request that created it (``no-store``: never
cached); afterwards only its first characters, name, dates and whether it is revoked are shown.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from styrkort.accounts.models import ApiToken
from styrkort.accounts.tokens import create_token, revoke_token
from styrkort.web.forms import PlainTextField

MOST_ACTIVE_TOKENS = 20


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    user: Any = request.user  # signed in (login_required)
    new_token, status, error = "", 200, ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "revoke":
            try:
                pk = int(request.POST.get("token", ""))
            except ValueError:
                pk = 0
            if revoke_token(user, pk):
                messages.success(request, "Nyckeln är återkallad och gäller inte längre.")
            else:
                messages.error(request, "Nyckeln finns inte bland dina aktiva nycklar; inget ändrades.")
            return redirect("api-tokens")
        if action == "create":
            name = PlainTextField(required=False).clean(request.POST.get("name", "")[:1000])[:100]
            active = ApiToken.objects.filter(user=user, revoked_at__isnull=True).count()
            if active >= MOST_ACTIVE_TOKENS:
                error = f"Du har redan {active} aktiva nycklar; återkalla någon först."
                status = 400
            else:
                _, new_token = create_token(user, name)
        else:
            error, status = "Okänd åtgärd; inget ändrades.", 400
    rows = ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-id")
    context = {"tokens": rows, "new_token": new_token, "error": error}
    return render(request, "api/tokens.html", context, status=status)
