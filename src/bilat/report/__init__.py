"""Reports built on the analysis layer: `bilat brief`."""
from .render import write_brief

__all__ = ["write_brief"]
