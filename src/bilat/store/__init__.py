"""The workspace store: tables, migrations and the queries the CLI and the analysis layer use."""
from .workspace import Outcome, Workspace, database_url

__all__ = ["Outcome", "Workspace", "database_url"]
