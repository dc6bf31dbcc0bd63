"""Shared fixtures: the example report lives outside the repository, in ../shared/seeds/."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED = (
    Path(__file__).resolve().parents[2] / "shared" / "seeds" / "hasselby-vallingby-tertialrapport-1-2026.txt"
)


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The text of the example report; tests that need it skip where ../shared/seeds is absent."""
    if not SEED.exists():
        pytest.skip(f"the example report is not here ({SEED}); it is kept out of the repository")
    return SEED.read_text(encoding="utf-8")
