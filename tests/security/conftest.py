"""The web tests' personas and report (tests/web/conftest.py) serve the security tests too."""

from tests.web.conftest import PASSWORD, fast_password_hashing, login, report, users  # noqa: F401
