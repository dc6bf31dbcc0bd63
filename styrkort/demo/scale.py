"""The demo at scale: more committees than Exempelstad's fifteen, and more municipalities.

Conventions, stated once:
- ``committee_specs(n)`` is ``catalog.COMMITTEES[:n]`` up to fifteen, so the ordinary demo is
  unchanged; beyond that come invented district councils ("Björkvretens stadsdelsnämnd",
  ``sdn-bjorkvreten``) in a fixed order that depends on nothing (not even the seed), so the same
  count always names the same committees. At most ``MAX_COMMITTEES`` (300).
- ``municipalities(m)`` is Exempelstad first, then invented municipalities ("Lindköping",
  ``lindkoping``), again in a fixed order. At most ``MAX_MUNICIPALITIES`` (290, Sweden's count).
- Every municipality has the same committees; a committee's code outside Exempelstad is
  prefixed by its municipality's (``lindkoping-sdn-norra``), because codes are unique in the
  database. Its content is drawn from the seed and the municipality's code, so municipalities
  differ from one another and Exempelstad stays as it is.
"""

from __future__ import annotations

import random
import unicodedata
from typing import Final

from styrkort.domain.document import Organisation

from .catalog import COMMITTEES, CommitteeSpec, _district
from .texts import PLACE_STEMS

MAX_COMMITTEES: Final = 300
MAX_MUNICIPALITIES: Final = 290
EXEMPELSTAD = Organisation("exempelstad", "Exempelstad", "municipality")

_DISTRICT_ENDINGS = (
    "dalen",
    "hagen",
    "backen",
    "vik",
    "lunda",
    "näs",
    "berga",
    "torp",
    "holmen",
    "ängen",
    "vreten",
    "gården",
    "skogen",
    "åsen",
    "höjden",
    "mossen",
    "kulla",
    "udden",
    "slätten",
    "fältet",
    "malmen",
    "heden",
    "ryd",
    "sta",
)
_MUNICIPALITY_ENDINGS = (
    "köping",
    "sala",
    "by",
    "fors",
    "hamn",
    "tuna",
    "vara",
    "holm",
    "mark",
    "sund",
    "bro",
    "hult",
    "åker",
    "stad",
    "ö",
    "sjö",
    "å",
    "boda",
    "mo",
    "bergslag",
)


def slug(name: str) -> str:
    """A code from a Swedish name: lower case ASCII letters ("Björkvreten" → "bjorkvreten")."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c == "-"))


def _names(endings: tuple[str, ...], purpose: str) -> list[str]:
    """Every stem with every ending (where the ending does not repeat the stem), in a fixed
    shuffled order so that neighbours differ."""
    names = [
        stem + ending
        for stem in PLACE_STEMS
        for ending in endings
        if stem.lower() not in ending and ending not in stem.lower()
    ]
    random.Random(purpose).shuffle(names)
    return names


def _genitive(name: str) -> str:
    return name if name.endswith(("s", "x", "z")) else name + "s"


def _extra_districts() -> tuple[CommitteeSpec, ...]:
    taken = {spec.code for spec in COMMITTEES}
    extra = []
    for index, name in enumerate(_names(_DISTRICT_ENDINGS, "styrkort-demo-districts")):
        code = f"sdn-{slug(name)}"
        if code in taken:
            continue
        taken.add(code)
        extra.append(_district(code, f"{_genitive(name)} stadsdelsnämnd", 60 + (index * 7) % 50))
    return tuple(extra)


def _extra_municipalities() -> tuple[Organisation, ...]:
    found = [
        Organisation(slug(name), name, "municipality")
        for name in _names(_MUNICIPALITY_ENDINGS, "styrkort-demo-municipalities")
    ]
    return tuple(m for m in found if m.code != EXEMPELSTAD.code)


_EXTRA_DISTRICTS = _extra_districts()
_EXTRA_MUNICIPALITIES = _extra_municipalities()
assert len(COMMITTEES) + len(_EXTRA_DISTRICTS) >= MAX_COMMITTEES
assert 1 + len(_EXTRA_MUNICIPALITIES) >= MAX_MUNICIPALITIES
assert len({m.code for m in _EXTRA_MUNICIPALITIES}) == len(_EXTRA_MUNICIPALITIES)


def check_counts(committees: int, municipalities: int) -> None:
    """ValueError with a Swedish message for a count the demo cannot make."""
    if not 1 <= committees <= MAX_COMMITTEES:
        raise ValueError(f"antalet nämnder ska vara mellan 1 och {MAX_COMMITTEES}, inte {committees}")
    if not 1 <= municipalities <= MAX_MUNICIPALITIES:
        raise ValueError(
            f"antalet kommuner ska vara mellan 1 och {MAX_MUNICIPALITIES}, inte {municipalities}"
        )


def committee_specs(count: int) -> tuple[CommitteeSpec, ...]:
    """The first ``count`` committees: Exempelstad's fifteen, then invented district councils."""
    check_counts(count, 1)
    return (COMMITTEES + _EXTRA_DISTRICTS)[:count]


def municipalities(count: int) -> tuple[Organisation, ...]:
    """Exempelstad and ``count`` − 1 invented municipalities."""
    check_counts(1, count)
    return (EXEMPELSTAD, *_EXTRA_MUNICIPALITIES[: count - 1])
