"""How the server says no: an HTTP status with a machine code and a sentence for the user (Chinese)."""

from __future__ import annotations

from fastapi import HTTPException


def refuse(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> HTTPException:
    return HTTPException(status_code=status, detail={"code": code, "message": message}, headers=headers)
