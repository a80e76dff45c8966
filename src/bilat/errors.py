"""Errors that are the user's input, not a bug: reported as one line, never a traceback."""
from __future__ import annotations

from contextlib import contextmanager


class BilatError(Exception):
    """A problem the user can fix; its message is shown as is."""


class ReadError(BilatError):
    """A file that cannot be read as a document."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@contextmanager
def reading(path) -> object:
    """What goes wrong opening or reading a user's file becomes a one-line ReadError naming it."""
    try:
        yield
    except FileNotFoundError:
        raise ReadError(str(path), "no such file") from None
    except IsADirectoryError:
        raise ReadError(str(path), "is a folder") from None
    except PermissionError:
        raise ReadError(str(path), "permission denied") from None
    except OSError as exc:
        raise ReadError(str(path), exc.strerror or str(exc)) from None
