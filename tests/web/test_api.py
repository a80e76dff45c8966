"""The JSON API and the server's guards, on SQLite and on PostgreSQL, with numbers known from the corpus."""
from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from bilat.store import Workspace
from bilat.web import create_app
from tests.backends import db_url, postgres_server, postgres_url  # noqa: F401  (fixtures)
from tests.web import corpus

TOKEN = "s3cret-token"


@pytest.fixture
def ids(db_url):
    return corpus.build(db_url)


@pytest.fixture
def client(db_url, ids, tmp_path):
    app = create_app(db_url, token=TOKEN, max_upload_mb=0.05, upload_dir=tmp_path / "uploads")
    with TestClient(app) as c:
        yield c
    app.state.workspace.engine.dispose()


@pytest.fixture
def read_only(db_url, ids, tmp_path):
    app = create_app(db_url, upload_dir=tmp_path / "uploads")
    with TestClient(app) as c:
        yield c
    app.state.workspace.engine.dispose()


def test_indicators_count_events_by_quad_class_for_the_dyad(client):
    body = client.get("/api/indicators", params={"dyad": "CHN-USA"}).json()
    # Bali, Woodside and Blinken's visit (cooperation); the Pelosi condemnation; the suspended climate talks
    # and the chip controls (material conflict). Kishida's meeting is China–Japan, not in this dyad.
    assert body["events"] == {"total": 6, "undated": 0, "quad_class": {"1": 3, "2": 0, "3": 1, "4": 2}}
    assert body["indicators"]["by_direction"]["USA→CHN"]["events"] == 4
    assert body["indicators"]["by_direction"]["CHN→USA"]["events"] == 2
    assert body["agreements"]["agreements"] == 2
    period = client.get("/api/indicators", params={"dyad": "CHN-USA", "since": "2023-01-01"}).json()
    assert period["events"]["quad_class"] == {"1": 2, "2": 0, "3": 0, "4": 0}


def test_indicators_give_the_figure_series(client):
    body = client.get("/api/indicators", params={"dyad": "USA-CHN"}).json()
    [series] = [s for s in body["series"] if s["indicator"] == "imports"]
    assert (series["reporter"], series["partner"]) == ("USA", "CHN")
    assert [(p["period"], p["value"], p["unit"], p["change_pct"]) for p in series["points"]] == [
        ("2022", 536.3, "USD bn", None), ("2023", 427.2, "USD bn", -20.3)]


def test_alignment_share_of_the_dyad(client):
    body = client.get("/api/alignment", params={"dyad": "USA-CHN"}).json()
    assert (body["common"], body["same"], body["share"]) == (2, 1, 0.5)
    assert {t["label"]: t["same"] for t in body["targets"]} == {"export controls on advanced chips": False,
                                                               "Paris Agreement": True}
    assert client.get("/api/alignment", params={"dyad": "USA"}).status_code == 400


def test_facts_filtered_and_exported_as_csv_and_json(client, ids):
    params = {"dyad": "CHN-USA", "quad_class": "4"}
    body = client.get("/api/facts/events", params=params).json()
    assert body["count"] == 2
    assert sorted(r["cameo"] for r in body["rows"]) == ["160", "163"]
    assert {r["document_id"] for r in body["rows"]} == {ids["a"]}
    response = client.get("/api/facts/events", params={**params, "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["date"], r["cameo"], r["quad_class"]) for r in rows] == [("2022-08-05", "160", "4"),
                                                                       ("2022-10-07", "163", "4")]
    stances = client.get("/api/facts/stances", params={"polarity": "oppose"}).json()
    assert [(r["holders_key"], r["target"]) for r in stances["rows"]] == [(["CHN"], "export controls on advanced chips")]
    figures = client.get("/api/facts/figures", params={"reporter": "usa", "since": "2023-01-01"}).json()
    assert figures["count"] == 2  # figures are dated by their document (published 2023-12-01)
    assert client.get("/api/facts/events", params={"dyad": "CHN"}).status_code == 400
    assert client.get("/api/facts/bogus").status_code == 422


def test_documents_and_one_document_with_its_facts(client, ids):
    listed = {d["id"]: d for d in client.get("/api/documents").json()}
    assert set(listed) == {ids["a"], ids["b"]}
    assert listed[ids["a"]]["facts"] == 16 and listed[ids["b"]]["facts"] == 2
    doc = client.get(f"/api/documents/{ids['a'][:10]}").json()
    assert doc["text"] == corpus.TEXT_A
    assert len(doc["facts"]) == 16
    for fact in doc["facts"]:
        assert doc["text"][fact["evidence"]["start"]:fact["evidence"]["end"]] == fact["evidence"]["text"]
    assert client.get("/api/documents/ffffffff").status_code == 404
    assert client.get("/api/documents/not-an-id").status_code == 400


def test_search_finds_documents_by_their_words(client, ids):
    hits = client.get("/api/search", params={"q": "Filoli estate"}).json()
    assert [h["id"] for h in hits] == [ids["a"]]
    assert "Filoli" in hits[0]["snippet"]
    assert [h["id"] for h in client.get("/api/search", params={"q": "Blinken"}).json()] == [ids["b"]]
    assert client.get("/api/search", params={"q": "Kremlin"}).json() == []


def test_forecast_status_needs_the_token(client):
    [forecast] = client.get("/api/forecasts").json()
    assert forecast["status"] == "open" and forecast["holder"] == "Analysts"
    url = f"/api/forecasts/{forecast['id'][:8]}"
    assert client.patch(url, json={"status": "confirmed"}).status_code == 401
    assert client.patch(url, json={"status": "confirmed"}, headers={"Authorization": "Bearer nope"}).status_code == 403
    assert client.get("/api/forecasts").json()[0]["status"] == "open"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    saved = client.patch(url, json={"status": "confirmed", "note": "tightened on 17 October 2023"}, headers=auth)
    assert saved.status_code == 200
    assert (saved.json()["status"], saved.json()["note"]) == ("confirmed", "tightened on 17 October 2023")
    assert client.post(url, json={"status": "refuted"}, headers=auth).json()["note"] == "tightened on 17 October 2023"
    assert [f["status"] for f in client.get("/api/forecasts", params={"status": "refuted"}).json()] == ["refuted"]
    assert client.patch(url, json={"status": "maybe"}, headers=auth).status_code == 422


def test_read_only_server_refuses_every_write(read_only, db_url):
    [forecast] = read_only.get("/api/forecasts").json()
    response = read_only.patch(f"/api/forecasts/{forecast['id']}", json={"status": "confirmed"},
                               headers={"Authorization": "Bearer anything"})
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    upload = read_only.post("/api/documents", files={"file": ("new.txt", b"Some text about trade.")})
    assert upload.status_code == 403
    assert len(Workspace(db_url).documents()) == 2


def _stored(db_url, tmp_path) -> tuple[int, list]:
    folder = tmp_path / "uploads"
    return len(Workspace(db_url).documents()), sorted(folder.rglob("*")) if folder.exists() else []


def test_uploads_without_or_with_a_wrong_token_store_nothing(client, db_url, tmp_path):
    before = _stored(db_url, tmp_path)
    text = b"On 3 March 2024 China and the United States held talks in Beijing."
    missing = client.post("/api/documents", files={"file": ("talks.txt", text)})
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong_header = client.post("/api/documents", files={"file": ("talks.txt", text)},
                               headers={"Authorization": f"Bearer {TOKEN}x"})
    assert wrong_header.status_code == 403
    wrong_field = client.post("/api/documents", files={"file": ("talks.txt", text)}, data={"token": "guess"})
    assert wrong_field.status_code == 403
    form = client.post("/upload", files={"file": ("talks.txt", text)})
    assert form.status_code == 401 and "token" in form.text
    assert _stored(db_url, tmp_path) == before == (2, [])


def test_oversized_uploads_are_refused_with_a_clear_message(client, db_url, tmp_path):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    limit = int(0.05 * 1048576)
    for size in (limit * 4, limit + 10):  # past the envelope (refused before parsing) and just past the limit
        response = client.post("/api/documents", files={"file": ("big.txt", b"a" * size)}, headers=auth)
        assert response.status_code == 413
        assert response.json()["detail"].startswith("upload too large: the limit is 0.05 MB")
    form = client.post("/upload", files={"file": ("big.txt", b"a" * limit * 4)}, data={"token": TOKEN})
    assert form.status_code == 413 and "upload too large: the limit is 0.05 MB" in form.text
    assert _stored(db_url, tmp_path) == (2, [])


def test_upload_with_the_token_ingests_like_bilat_ingest(client, db_url, tmp_path):
    text = "Chinese Foreign Minister Wang Yi met US Secretary of State Antony Blinken in Beijing on 26 April 2024.\n"
    response = client.post("/api/documents", files={"file": ("../../../wang-blinken.txt", text.encode())},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "added" and body["facts"] >= 1 and body["path"] == "wang-blinken.txt"
    # the file name lost its folders: the upload sits in the upload folder, nowhere else
    assert [p.name for p in (tmp_path / "uploads").iterdir()] == ["wang-blinken.txt"]
    assert not (tmp_path.parent.parent / "wang-blinken.txt").exists()
    stored = client.get(f"/api/documents/{body['id']}").json()
    assert stored["text"] == text and any(f["kind"] == "events" for f in stored["facts"])
    again = client.post("/api/documents", files={"file": ("wang-blinken.txt", text.encode())},
                        data={"token": TOKEN})
    assert again.json()["status"] == "unchanged"
    no_suffix = client.post("/api/documents", files={"file": ("/etc/passwd", b"root:x:0:0")},
                            headers={"Authorization": f"Bearer {TOKEN}"})
    assert no_suffix.status_code == 400 and "unsupported format" in no_suffix.json()["detail"]
    assert len(Workspace(db_url).documents()) == 3


@pytest.mark.parametrize("path", [
    "/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f__init__.py", "/static/%2e%2e%2fapp.py", "/static//etc/passwd", "/static/....//....//etc/passwd",
    "/documents/..%2F..%2Fetc%2Fpasswd", "/api/documents/..%2F..%2Fetc%2Fpasswd", "/api/documents/%2Fetc%2Fpasswd",
    "/actors/..%2F..%2Fetc%2Fpasswd", "/tables/..%2F..%2Fetc%2Fpasswd",
])
def test_path_traversal_is_refused(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404), (path, response.status_code)
    assert "root:" not in response.text and "create_app" not in response.text


def test_security_headers_on_pages_api_static_and_errors(client):
    for path in ("/", "/api/documents", "/static/app.css", "/documents/ffffffff", "/docs"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp.split(
            "script-src")[1].split(";")[0]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_api_reference_lists_the_routes(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/documents", "/api/documents/{document_id}", "/api/search", "/api/facts/{kind}",
            "/api/indicators", "/api/alignment", "/api/forecasts", "/api/forecasts/{forecast_id}"} <= set(spec["paths"])
    assert set(spec["paths"]["/api/forecasts/{forecast_id}"]) == {"patch", "post"}
    page = client.get("/docs")
    assert page.status_code == 200 and "/api/indicators" in page.text and "<script" not in page.text.replace(
        '<script src="/static/app.js" defer></script>', "")
