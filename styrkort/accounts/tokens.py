"""API tokens: created with 256 random bits, stored only as a SHA-256 hash, revoked by date.

A token reads ``styrkort_<43 characters>``; the first characters (``prefix``) are kept to tell a
user's tokens apart. A plain SHA-256 suffices for the hash (unlike passwords, a token is random
and long, so it cannot be guessed from its hash); the lookup is one indexed query.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.utils import timezone

from styrkort.accounts.models import ApiToken

SCHEME = "styrkort_"
PREFIX_LENGTH = len(SCHEME) + 6
LONGEST_TOKEN = 200


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(user: Any, name: str = "") -> tuple[ApiToken, str]:
    """A new token for the user: the stored row and the token itself (shown once, never stored)."""
    token = SCHEME + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=token[:PREFIX_LENGTH], token_hash=hash_token(token)
    )
    return row, token


def user_for_token(token: str) -> Any | None:
    """The active user of an active token; None for an unknown, revoked or malformed token."""
    if not token.startswith(SCHEME) or len(token) > LONGEST_TOKEN:
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
        # An update, not a save: when a token was last used is not an audited change.
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user


def revoke_token(user: Any, pk: int) -> bool:
    """Revoke one of the user's own tokens; False when the user has no such active token."""
    row = ApiToken.objects.filter(user=user, pk=pk, revoked_at__isnull=True).first()
    if row is None:
        return False
    row.revoked_at = timezone.now()
    row.save(update_fields=["revoked_at"])
    return True
