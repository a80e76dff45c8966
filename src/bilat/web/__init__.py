"""`bilat serve`: the workspace in a browser (dashboard, documents with highlighted evidence, fact tables,
actor pages) and a JSON API under /api."""
from .app import create_app

__all__ = ["create_app", "serve"]


def serve(db: str | None, host: str, port: int, token: str | None, max_upload_mb: float) -> None:
    import uvicorn

    uvicorn.run(create_app(db, token, max_upload_mb), host=host, port=port, log_level="info",
                server_header=False, proxy_headers=False)
