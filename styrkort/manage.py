"""The `styrkort` console script: Django's manage command under the project's name.

An error no command expected ends with a Swedish message on standard error and exit status 1:
the exception's type and text are logged as an error, its traceback at DEBUG level
(``STYRKORT_LOG_LEVEL=DEBUG``) and printed only with ``--traceback``. A command's own refusals
(``CommandError``) keep Django's handling: their message and exit status 1.
"""

from __future__ import annotations

import logging
import os
import sys

logger = logging.getLogger("styrkort.commands")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkort.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    try:
        execute_from_command_line(sys.argv)
    except Exception as error:  # the last resort: everything a command did not foresee
        if "--traceback" in sys.argv:
            raise
        command = sys.argv[1] if len(sys.argv) > 1 else "styrkort"
        logger.error("%s: unexpected %s: %s", command, type(error).__name__, error)
        logger.debug("%s: traceback", command, exc_info=error)
        sys.stderr.write(
            f"Fel: {command} avbröts av ett oväntat fel ({type(error).__name__}); se loggen, "
            "eller kör kommandot igen med --traceback för detaljer.\n"
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
