"""Importer for the text of ILS follow-up reports (Stockholm): ``parse_ils`` → ``IlsResult``.

Pure Python over ``styrkort.domain``; never touches Django or the database.
"""

from styrkort.ils.lines import UnplacedLine
from styrkort.ils.parser import IlsError, IlsResult, parse_ils

__all__ = ["IlsError", "IlsResult", "UnplacedLine", "parse_ils"]
