"""Why the rules refuse a request."""


class DomainError(Exception):
    """A request the rules refuse; the message says why, in the user's language first."""


class NotAllowed(DomainError):
    pass


class WrongState(DomainError):
    pass


class Invalid(DomainError):
    pass
