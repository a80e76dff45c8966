"""The web application: pages, the JSON API and static files over one workspace."""
from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import BilatError
from ..store import Workspace
from ..store.workspace import database_url
from . import api, pages
from .deps import Settings
from .security import SecurityHeaders, UploadLimit

HERE = Path(__file__).parent
UPLOAD_PATHS = ("/upload", "/api/documents")


def default_upload_dir(db: str | None) -> Path:
    """Uploads are kept beside a SQLite workspace (they are the documents' source files); a server
    workspace gets a private temporary folder."""
    url = database_url(db)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url.removeprefix("sqlite:///"))
        return path.with_name(path.name + ".uploads")
    return Path(tempfile.mkdtemp(prefix="bilat-uploads-"))


def templates() -> Jinja2Templates:
    # Autoescape on for every template whatever its name: document text and metadata are untrusted.
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    return Jinja2Templates(env=env)


def create_app(db: str | None = None, token: str | None = None, max_upload_mb: float = 20.0,
               upload_dir: str | Path | None = None) -> FastAPI:
    settings = Settings(db, token or None, int(max_upload_mb * 1048576),
                        Path(upload_dir) if upload_dir else default_upload_dir(db))
    app = FastAPI(title="bilat", version=__version__, docs_url=None, redoc_url=None,
                  description="Source-linked facts about relations between states. Reads are open; uploads and "
                              "forecast verdicts need the server's token as `Authorization: Bearer TOKEN`.")
    app.state.settings = settings
    app.state.workspace = Workspace(db)
    app.state.templates = templates()
    app.state.templates.env.globals.update(read_only=not settings.token, version=__version__,
                                           max_upload_mb=f"{max_upload_mb:g}", kinds=("events", "agreements",
                                           "stances", "figures", "people"))
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _errors(app)
    # Outermost first: the size limit runs before any body is parsed, and headers go on every answer.
    app.add_middleware(UploadLimit, paths=UPLOAD_PATHS, max_bytes=settings.max_upload_bytes, token=settings.token)
    app.add_middleware(SecurityHeaders)
    return app


def _status(exc: BilatError) -> int:
    return 404 if str(exc).startswith("no ") else 400


def _answer(request: Request, status: int, message: str, headers: dict | None = None):
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    return pages.render(request, "error.html", status_code=status, status=status, message=message)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(BilatError)
    async def bilat_error(request: Request, exc: BilatError):
        return _answer(request, _status(exc), str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: HTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "not found" if exc.status_code == 404 else str(exc.detail)
        return _answer(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        problems = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors())
        return _answer(request, 422, problems)
