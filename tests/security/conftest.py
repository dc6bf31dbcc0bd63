"""The web tests' personas and report (tests/web/conftest.py) serve the security tests too."""

from tests.web.conftest import (  # noqa: F401
    PASSWORD,
    documents_cache,
    fast_password_hashing,
    login,
    report,
    users,
)
