"""Swedish words around counts, stated once for every message and page.

Quotations in Swedish text use the same closing mark on both sides: ”text” (never «» or "").

- ``count_words(n, singular, plural)``: a count with the noun in the right number: "1 indikator",
  "2 indikatorer", "0 indikatorer" (Swedish uses the plural for zero, for negative counts and for
  everything but exactly one). The count is written the Swedish way ("1 234 rader", with a
  non-breaking thin space between thousands, as ``styrkort.domain.numbers`` formats figures).
- ``describe_saved(n, singular, plural)``: the message after a save ("Sparat: 1 rad ändrad.").
"""

from __future__ import annotations

from decimal import Decimal

from styrkort.domain.numbers import format_number


def count_words(count: int, singular: str, plural: str) -> str:
    """The count and its noun in Swedish ("1 indikator", "2 indikatorer", "0 rader")."""
    return f"{format_number(Decimal(count))} {singular if count == 1 else plural}"


def describe_saved(count: int, singular: str, plural: str) -> str:
    """What a save did, for the page's message: "Sparat: 1 rad ändrad.", "Sparat: 2 rader ändrade."."""
    if count == 0:
        return "Inget var ändrat."
    return f"Sparat: {count_words(count, singular, plural)} {'ändrad' if count == 1 else 'ändrade'}."
