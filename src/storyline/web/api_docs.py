"""The API's documentation page, rendered on the server from FastAPI's OpenAPI document.

FastAPI's own Swagger and ReDoc pages load their scripts from a CDN, which neither works
offline nor passes our Content-Security-Policy; this page shows the same document (routes,
parameters, responses and schemas) as plain HTML. `/api/openapi.json` is the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from storyline.web.rendering import render_page

DOCS_PATH = "/api/docs"


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    where: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True, slots=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    responses: tuple[tuple[str, str, str], ...]  # status, description, schema name


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True, slots=True)
class Schema:
    name: str
    description: str
    fields: tuple[Field, ...]


def register_api_docs(app: FastAPI) -> None:
    @app.get(DOCS_PATH, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        document = request.app.openapi()
        return render_page(
            "api_docs.html.j2",
            page_title="JSON API",
            info=document.get("info", {}),
            openapi_href=request.app.openapi_url,
            operations=_operations(document),
            schemas=_schemas(document),
        )

    @app.get("/docs", include_in_schema=False)
    def docs_redirect() -> RedirectResponse:
        return RedirectResponse(DOCS_PATH)


def type_name(schema: dict[str, Any]) -> str:
    """A short, readable type of a JSON schema: `string | null`, `array of Fact`."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(type_name(option) for option in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(f'"{value}"' for value in schema["enum"])
    if "const" in schema:
        return f'"{schema["const"]}"'
    kind = schema.get("type", "any")
    if kind == "array":
        return f"array of {type_name(schema.get('items', {}))}"
    return str(kind)


def _operations(document: dict[str, Any]) -> list[Operation]:
    operations = []
    for path, methods in document.get("paths", {}).items():
        for method, operation in methods.items():
            parameters = tuple(
                Parameter(
                    name=item["name"],
                    where=item.get("in", ""),
                    type=type_name(item.get("schema", {})),
                    required=bool(item.get("required")),
                    description=item.get("description")
                    or item.get("schema", {}).get("description", ""),
                )
                for item in operation.get("parameters", [])
            )
            responses = tuple(
                (status, answer.get("description", ""), _response_schema(answer))
                for status, answer in operation.get("responses", {}).items()
            )
            operations.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary", ""),
                    description=operation.get("description", ""),
                    parameters=parameters,
                    responses=responses,
                )
            )
    return operations


def _response_schema(answer: dict[str, Any]) -> str:
    schema = answer.get("content", {}).get("application/json", {}).get("schema")
    return type_name(schema) if schema else ""


def _schemas(document: dict[str, Any]) -> list[Schema]:
    schemas = []
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        required = set(schema.get("required", []))
        fields = tuple(
            Field(field, type_name(spec), field in required, spec.get("description", ""))
            for field, spec in schema.get("properties", {}).items()
        )
        schemas.append(Schema(name, schema.get("description", ""), fields))
    return schemas
