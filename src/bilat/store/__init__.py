"""The workspace store: tables, migrations and the queries the CLI and the analysis layer use."""
from .workspace import DocumentSummary, Outcome, SearchHit, Snippet, Workspace, database_url

__all__ = ["DocumentSummary", "Outcome", "SearchHit", "Snippet", "Workspace", "database_url"]
