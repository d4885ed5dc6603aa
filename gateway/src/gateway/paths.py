"""A request path as segments, refusing any spelling that could reach another path.

The gateway matches and forwards decoded segments, so what it checks is what the service gets:
a dot segment (`..`, also as `%2E%2E`), a slash or backslash inside a segment (`%2F`, `%5C`),
a control character (`%0B`) or bytes that are not UTF-8 are refused with 400 before anything
is matched or forwarded.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from fastapi import HTTPException

# RFC 3986 `pchar` besides the unreserved characters: kept as they are when forwarding.
_KEPT = "!$&'()*+,;=:@"


def segments(raw_path: bytes) -> tuple[str, ...]:
    """The decoded segments of a raw request path (`/api/patrol/incidents` → api, patrol, …)."""
    text = raw_path.decode("latin-1")
    decoded = []
    for segment in text.split("/")[1:]:
        try:
            value = unquote(segment, errors="strict")
        except UnicodeDecodeError:
            raise _bad(text, "percent-encoded bytes that are not UTF-8") from None
        if value in (".", ".."):
            raise _bad(text, "a dot segment")
        if "/" in value or "\\" in value:
            raise _bad(text, "an encoded slash or backslash")
        if not value.isprintable():
            raise _bad(text, "a control or non-printable character")
        decoded.append(value)
    return tuple(decoded)


def encoded(parts: tuple[str, ...]) -> bytes:
    """The path of `parts` as the gateway sends it on, each segment percent-encoded alike."""
    return ("/" + "/".join(quote(part, safe=_KEPT) for part in parts)).encode("ascii")


def _bad(path: str, what: str) -> HTTPException:
    return HTTPException(
        400,
        f"路径无效 (path {path[:200]!r} contains {what}; accepted: segments of printable "
        "characters, percent-encoded as UTF-8, without . or .. segments or encoded slashes)",
    )
