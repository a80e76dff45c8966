"""An uploaded file goes through the same code path as `bilat ingest`: written to the upload folder under a
safe name, then read, extracted and stored by jobs.ingest."""
from __future__ import annotations

import re
import threading
from pathlib import Path, PurePosixPath

from fastapi import HTTPException

from .. import jobs
from ..ingest import READERS
from ..store import Workspace
from .security import too_large_message

# One upload at a time: two files of the same name must not overwrite each other between write and read,
# and the workspace has one writer anyway.
_LOCK = threading.Lock()


def safe_name(filename: str | None) -> str:
    """The file's own name only: no folders (../, absolute paths, backslashes), no odd characters."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    name = re.sub(r"[^\w.\- ]", "_", name).strip(" .")
    if not name:
        raise HTTPException(400, "the upload has no file name")
    if Path(name).suffix.lower() not in READERS:
        raise HTTPException(400, f"unsupported format '{Path(name).suffix or '(no suffix)'}' "
                                 f"(bilat reads {', '.join(sorted(set(READERS)))})")
    return name


def read_limited(stream, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise HTTPException(413, too_large_message(max_bytes))
    if not data:
        raise HTTPException(400, "the uploaded file is empty")
    return data


def ingest_upload(workspace: Workspace, folder: Path, filename: str | None, data: bytes, max_bytes: int) -> dict:
    name = safe_name(filename)
    folder = folder.resolve()
    target = (folder / name).resolve()
    if target.parent != folder:  # defence in depth: safe_name already allows no separators
        raise HTTPException(400, "invalid file name")
    with _LOCK:
        folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        result = next(jobs.ingest([target], workspace, max_bytes))
    if result.error:
        target.unlink(missing_ok=True)
        raise HTTPException(422, f"{name}: {result.error}")
    return {**result.to_json(), "path": name}
