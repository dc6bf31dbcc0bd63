"""Kolada v3: indicator values fetched into the annual report (client, sync, the background task)."""
