"""Errors that are the user's input, not a bug: reported as one line, never a traceback."""


class BilatError(Exception):
    """A problem the user can fix; its message is shown as is."""


class ReadError(BilatError):
    """A file that cannot be read as a document."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
