"""The JSON exchange format: one committee, one period (see docs/exchange-format.md)."""
