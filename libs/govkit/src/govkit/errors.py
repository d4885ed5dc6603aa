"""Refusals every domain raises; the HTTP edge maps each to one status code.

Messages say what was wrong and what is accepted, Chinese first with English in brackets.
"""

from __future__ import annotations


class DomainError(Exception):
    """A request the rules refuse."""


class NotAllowed(DomainError):
    """The caller's role or jurisdiction does not allow this action (403)."""


class NotFound(DomainError):
    """Nothing by that id in the caller's scope (404): what exists elsewhere stays unsaid."""


class WrongState(DomainError):
    """The thing exists but is not in a state that allows this now (409)."""


class Invalid(DomainError):
    """The request contradicts a rule about its own content (422)."""
