"""Deterministic generator of the fictional municipality Exempelstad's follow-up reports.

``generate_demo(seed, committees, years)`` returns ``FollowUp`` documents (see
``styrkort.domain.document``) in storage order; only ``styrkort.domain`` and the standard
library are used.
"""

from styrkort.demo.catalog import LARGEST_COMMITTEE_CODE
from styrkort.demo.generate import generate_by_committee, generate_demo

__all__ = ["LARGEST_COMMITTEE_CODE", "generate_by_committee", "generate_demo"]
