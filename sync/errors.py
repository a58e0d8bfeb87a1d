"""The one error the client engine raises, a round (or a transfer) that could not finish, and how a
lost connection or a server's refusal becomes one."""

from __future__ import annotations

import httpx


class SyncError(Exception):
    """A round that could not finish; ``message`` is for the user, the outbox is untouched."""

    def __init__(self, message: str, code: str = "error"):
        super().__init__(message)
        self.code = code


def offline(exc: httpx.TransportError) -> SyncError:
    return SyncError(f"无法连接同步服务器（{exc.__class__.__name__}），请检查网络。"
                     "本机数据已保存，联网后再同步即可。", "offline")


def refusal(response: httpx.Response) -> SyncError:
    """The server's refusal as the user should read it (its own sentence when it gave one); reading the
    body also releases a streamed response."""
    try:
        detail = response.read() and response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    if isinstance(detail, dict) and "message" in detail:
        return SyncError(detail["message"], detail.get("code", "error"))
    return SyncError(f"同步服务器返回错误 {response.status_code}，请稍后重试；本机数据不受影响。",
                     f"http_{response.status_code}")
