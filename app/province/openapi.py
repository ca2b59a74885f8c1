"""The OpenAPI description of the sync API, served at ``/openapi.json``."""

from __future__ import annotations

from typing import Any

_ERROR = {
    "description": "Refused, with a reason code and its sentence",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
_SIGNED = [{"deskSignature": []}]
_SIG_PARAMS = [
    {"name": "x-motcua-desk", "in": "header", "required": True, "schema": {"type": "string"}},
    {"name": "x-motcua-time", "in": "header", "required": True, "schema": {"type": "string", "pattern": "^[0-9]+$"}},
    {"name": "x-motcua-nonce", "in": "header", "required": True, "schema": {"type": "string"}},
    {
        "name": "x-motcua-signature",
        "in": "header",
        "required": True,
        "schema": {"type": "string"},
        "description": "base64 Ed25519 signature of app.sync.protocol.request_message(...)",
    },
]


_UNAVAILABLE = {
    "description": "The hub's database does not answer now; try again after Retry-After seconds",
    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def _refusals(*codes: int) -> dict[str, Any]:
    return {str(c): _ERROR for c in codes} | {"503": _UNAVAILABLE}


_SHA = {"name": "sha", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}

SCHEMA: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {
        "title": "MotCua province hub: sync API",
        "version": "1",
        "description": "Desks push their outbox in compressed batches and pull their commune's records. "
        "Every request after enrolment is signed with the desk's Ed25519 key.",
    },
    "paths": {
        "/health": {
            "get": {
                "summary": "Ready to serve, and whether the database answers",
                "responses": {
                    "200": {"description": '{"status": "ok", "database": "ok", "hub_id": "<database identity>"}'},
                    "503": {"description": '{"status": "down", "database": "unreachable"}, with Retry-After'},
                },
            }
        },
        "/v1/enroll": {
            "post": {
                "summary": "Register a desk's public key with a one-time token",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Enrolment"}}},
                },
                "responses": {
                    "200": {
                        "description": "enrolled",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Enrolled"}}},
                    },
                    **_refusals(400, 403, 409, 413),
                },
            }
        },
        "/v1/push": {
            "post": {
                "summary": "Store a batch of outbox changes, idempotently",
                "security": _SIGNED,
                "parameters": _SIG_PARAMS,
                "requestBody": {
                    "required": True,
                    "content": {"application/x-motcua-changes": {"schema": {"type": "string", "format": "binary"}}},
                },
                "responses": {
                    "200": {
                        "description": "what was stored, duplicated, refused; the acknowledgement",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PushResult"}}},
                    },
                    **_refusals(400, 401, 403, 413),
                },
            }
        },
        "/v1/pull": {
            "get": {
                "summary": "The commune's changes after a position, from its other desks and histories",
                "security": _SIGNED,
                "parameters": [
                    *_SIG_PARAMS,
                    {"name": "after", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
                    {"name": "db_id", "in": "query", "required": True, "schema": {"type": "string"}},
                    {"name": "commune", "in": "query", "schema": {"type": "string"}},
                    {
                        "name": "have",
                        "in": "query",
                        "schema": {"type": "string"},
                        "description": "db_id:seq,… histories the desk holds up to seq",
                    },
                ],
                "responses": {
                    "200": {
                        "description": "a batch (header: next, more, end)",
                        "content": {"application/x-motcua-changes": {"schema": {"type": "string", "format": "binary"}}},
                    },
                    **_refusals(400, 401, 403),
                },
            }
        },
        "/v1/acks": {
            "get": {
                "summary": "How far the hub has taken in one history of this desk",
                "security": _SIGNED,
                "parameters": [
                    *_SIG_PARAMS,
                    {"name": "db_id", "in": "query", "required": True, "schema": {"type": "string"}},
                    {
                        "name": "desk",
                        "in": "query",
                        "schema": {"type": "string"},
                        "description": "another desk of the same commune (whose changes this desk may relay)",
                    },
                ],
                "responses": {
                    "200": {
                        "description": "the acknowledged sequence (acked_seq), the hub's database identity (hub_id, "
                        "new after a restore from an older backup) and the end of the commune's stream (end)"
                    },
                    **_refusals(400, 401, 403),
                },
            }
        },
        "/v1/relay": {
            "post": {
                "summary": "Another desk's changes a restored hub lost, under that desk's seal (its signature)",
                "security": _SIGNED,
                "parameters": _SIG_PARAMS,
                "requestBody": {
                    "required": True,
                    "content": {"application/x-motcua-changes": {"schema": {"type": "string", "format": "binary"}}},
                },
                "responses": {
                    "200": {"description": "{stored, duplicates, refused}, stored under the origin desk"},
                    **_refusals(400, 401, 403, 404, 409, 413, 422),
                },
            }
        },
        "/v1/floors": {
            "get": {
                "summary": "This desk's highest code of each day the hub knows (409 learning after a restore)",
                "security": _SIGNED,
                "parameters": _SIG_PARAMS,
                "responses": {"200": {"description": "{codes, hub_id}"}, **_refusals(401, 403, 409)},
            },
            "post": {
                "summary": "The highest code of each day this desk knows, on first contact with a new hub identity",
                "security": _SIGNED,
                "parameters": _SIG_PARAMS,
                "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}},
                "responses": {"200": {"description": "{hub_id}"}, **_refusals(400, 401, 403)},
            },
        },
        "/v1/province-data": {
            "get": {
                "summary": "Catalogue, calendar overrides and form templates, when newer than a version; the communes",
                "security": _SIGNED,
                "parameters": [
                    *_SIG_PARAMS,
                    {"name": "version", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                ],
                "responses": {"200": {"description": "the data, or changed=false"}, **_refusals(400, 401, 403)},
            }
        },
        "/v1/communes/{code}/keys": {
            "get": {
                "summary": "The public keys of a commune's desks, to verify receipts anywhere",
                "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "keys"}, **_refusals(404)},
            }
        },
        "/v1/files/{sha}/upload": {
            "get": {
                "summary": "How much of a scan the hub holds for this desk's commune (resume point), or complete",
                "security": _SIGNED,
                "parameters": [*_SIG_PARAMS, _SHA],
                "responses": {"200": {"description": "{complete, offset}"}, **_refusals(400, 401, 403)},
            },
            "put": {
                "summary": "One chunk of a scan at an offset (fsynced before the answer); the last one checks the hash",
                "security": _SIGNED,
                "parameters": [
                    *_SIG_PARAMS,
                    _SHA,
                    {"name": "offset", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 0}},
                    {"name": "size", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 1}},
                ],
                "requestBody": {"content": {"application/octet-stream": {}}},
                "responses": {"200": {"description": "{complete, offset}"}, **_refusals(400, 401, 403, 413, 422)},
            },
        },
        "/v1/files/{sha}": {
            "get": {
                "summary": "A scan's bytes from an offset, to a desk of a commune that sent it (404 otherwise)",
                "security": _SIGNED,
                "parameters": [
                    *_SIG_PARAMS,
                    _SHA,
                    {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                ],
                "responses": {
                    "200": {"description": "bytes; x-motcua-size gives the whole size"},
                    **_refusals(400, 401, 404),
                },
            }
        },
        "/v1/stats": {
            "get": {
                "summary": "Per-commune figures (province login: session cookie or bearer token)",
                "responses": {"200": {"description": "figures"}, "401": {"description": "login_required"}},
            }
        },
        "/province": {
            "get": {
                "summary": "The province's dashboard (HTML; without a login, a redirect to /province/login)",
                "responses": {"200": {"description": "page"}, "303": {"description": "to the sign-in form"}},
            }
        },
        "/province/scorecard.json": {
            "get": {
                "summary": "The Decision 766 scorecard, as motcua-province report (province login)",
                "parameters": [
                    {"name": n, "in": "query", "schema": {"type": "string"}}
                    for n in ("period", "year", "n", "from", "to", "commune", "lang")
                ],
                "responses": {"200": {"description": "report JSON"}, "401": {"description": "login_required"}},
            }
        },
        "/province/export.xlsx": {
            "get": {
                "summary": "The dashboard's table as an Excel workbook (province login)",
                "responses": {"200": {"description": "xlsx"}, "401": {"description": "login_required"}},
            }
        },
        "/province/login": {
            "post": {
                "summary": "Sign in (form: name, password); a session cookie on success",
                "responses": {
                    "303": {"description": "signed in"},
                    "401": {"description": "wrong"},
                    "429": {"description": "too many attempts"},
                },
            }
        },
        "/tra-cuu/{payload}": {
            "get": {
                "summary": "Public status page for a receipt's QR payload: signature checked, no personal data (HTML)",
                "parameters": [{"name": "payload", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "code, procedure, status and due date (or: not synced yet)"},
                    "400": {"description": "the signature does not match"},
                    "404": {"description": "not a receipt payload, or an unknown desk"},
                },
            }
        },
        "/public/{code}": {
            "get": {
                "summary": "A commune's public disclosure board (HTML, no login, no personal data)",
                "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "page"}, "404": {"description": "unknown commune"}},
            }
        },
    },
    "components": {
        "securitySchemes": {"deskSignature": {"type": "apiKey", "in": "header", "name": "x-motcua-signature"}},
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["error", "message"],
                "properties": {
                    "error": {"type": "string"},
                    "message": {"type": "string"},
                    "message_en": {"type": "string"},
                },
            },
            "Enrolment": {
                "type": "object",
                "required": ["token", "desk_id", "commune_code", "desk_no", "public_key", "signature"],
                "properties": {
                    "token": {"type": "string"},
                    "desk_id": {"type": "string"},
                    "commune_code": {"type": "string", "pattern": "^[0-9]{5}$"},
                    "desk_no": {"type": "integer", "minimum": 1, "maximum": 9},
                    "public_key": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    "agency_code": {"type": "string"},
                    "signature": {"type": "string"},
                },
            },
            "Enrolled": {
                "type": "object",
                "properties": {
                    "desk_id": {"type": "string"},
                    "commune_code": {"type": "string"},
                    "desk_no": {"type": "integer"},
                },
            },
            "PushResult": {
                "type": "object",
                "properties": {
                    "db_id": {"type": "string"},
                    "acked_seq": {"type": "integer"},
                    "stored": {"type": "integer"},
                    "duplicates": {"type": "integer"},
                    "refused": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["seq", "code"],
                            "properties": {
                                "seq": {"type": "integer"},
                                "code": {"type": "string"},
                                "field": {"type": "string", "description": "the field that is wrong"},
                                "message": {"type": "string", "description": "why, in Vietnamese"},
                                "message_en": {"type": "string", "description": "why, in English"},
                            },
                        },
                    },
                },
            },
        },
    },
}
