"""bilat: source-linked facts about relations between states."""

__version__ = "0.1.0"
