"""Exceptions with one-line messages meant for the user."""


class NewsfuseError(Exception):
    """Base class; str(error) is a complete one-line message."""


class InputRejected(NewsfuseError):
    """An input that cannot be read as an article (missing, empty, binary, badly encoded...)."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
