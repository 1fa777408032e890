"""What a page loads: every src and href, and which of them leave the app."""

from __future__ import annotations

import re

REFERENCE = re.compile(r"""(?:src|href|action)\s*=\s*["']([^"']+)["']""", re.I)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)""", re.I)
FOREIGN = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def references(html: str) -> list[str]:
    """Every address a page or stylesheet names in src, href, action or url()."""
    return REFERENCE.findall(html) + CSS_URL.findall(html)


def foreign(html: str) -> list[str]:
    """The addresses that point at another origin (any scheme://host or //host)."""
    return [ref for ref in references(html) if FOREIGN.match(ref)]
