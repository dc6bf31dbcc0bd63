"""The web tests' personas and report (tests/web/conftest.py), for the workspace's tests."""

from tests.web.conftest import (  # noqa: F401 (fixtures)
    documents_cache,
    fast_password_hashing,
    login,
    report,
    users,
)
