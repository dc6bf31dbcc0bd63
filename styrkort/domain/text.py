"""Text a person can type, made safe to store and print: one function, used at every input.

``clean_text`` removes what no person means to type and what breaks storage or renderers
(PostgreSQL refuses NUL, Typst and Word refuse control characters and noncharacters, a lone
surrogate cannot even be encoded as UTF-8):

- control characters (Unicode category Cc: C0, DEL, C1), except tab and newline;
- noncharacters: U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF,
  U+1FFFE, …);
- lone surrogates (U+D800..U+DFFF; a Python ``str`` may hold them, UTF-8 cannot).

Line endings become ``\\n`` first: CR LF, a lone CR and the Unicode line and paragraph
separators (U+2028, U+2029). Everything else is kept exactly as typed: letters of any script,
emoji, non-breaking and thin spaces, zero-width joiners, bidirectional marks. Where text goes in:
the web forms' text fields, the ILS parser (each line) and the exchange codec (every string).
"""

from __future__ import annotations

import re

_LINE_ENDS = re.compile("\r\n|[\r\u2028\u2029]")
_UNWANTED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)


def clean_text(text: str) -> str:
    """The text without control characters (tab and newline kept), noncharacters and lone surrogates."""
    if text.isprintable():
        return text  # the common case, checked fast: isprintable is False for every character removed
    return _UNWANTED.sub("", _LINE_ENDS.sub("\n", text))
