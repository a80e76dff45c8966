"""The API reference at /docs, rendered on the server from the OpenAPI schema: Swagger UI would need
scripts from a CDN and inline script, which the Content-Security-Policy forbids."""
from __future__ import annotations


def _type(schema: dict) -> str:
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    return schema.get("type", "")


def operations(spec: dict) -> list[dict]:
    out = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "type": _type(p.get("schema", {})), "description": p.get("description", "")}
                      for p in op.get("parameters", [])]
            body = op.get("requestBody", {}).get("content", {})
            out.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", ""), "params": params,
                        "body": ", ".join(body), "responses": sorted(op.get("responses", {}))})
    return out
