"""The sync server: FastAPI over the server database (DESIGN section 5). ``create_app(db)`` builds it."""


import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import datetime
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Query
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services.attachments import BlobStore
from app.store.db import Database
from sync.protocol import (
    MAX_CLOCK_SKEW_MS,
    PROTOCOL_MAX,
    PROTOCOL_MIN,
    ConflictPage,
    ErrorAnswer,
    Health,
    PullAnswer,
    PullRequest,
    PushAnswer,
    PushRequest,
    TokenAnswer,
    TokenRequest,
)
from sync.server.blobs import add_blob_routes, blob_dir_for
from sync.server.conflicts import conflict_page, remember_device
from sync.server.models import ServerUser
from sync.server.pull import pull
from sync.server.push import SQLITE_PUSH_LOCK, Pusher
from sync.server.refusal import refuse
from sync.server.scope import Scope
from sync.server.store import EPOCH_KEY, SECRET_KEY, check_password, meta_value

TOKEN_SECONDS = 12 * 3600
ERRORS = {401: {"model": ErrorAnswer}, 403: {"model": ErrorAnswer}, 409: {"model": ErrorAnswer},
          426: {"model": ErrorAnswer}}


def check_protocol(version: int) -> None:
    if not PROTOCOL_MIN <= version <= PROTOCOL_MAX:
        newer = version < PROTOCOL_MIN
        raise refuse(426, "upgrade_required",
                     "本机的 GridLedger 版本过旧，请升级到最新版本后再同步；在此之前可继续离线工作。" if newer else
                     "服务器的版本较旧，暂不支持本机的同步协议，请联系管理员升级服务器；在此之前可继续离线工作。")


def create_app(db: Database, *, token_seconds: int = TOKEN_SECONDS, blob_dir: Path | None = None) -> FastAPI:
    """The server over ``db``; blobs are kept in ``blob_dir`` (default: see :func:`blob_dir_for`)."""
    app = FastAPI(title="GridLedger sync server", version=str(PROTOCOL_MAX),
                  description="网格台账同步服务：push/pull 按网格分桶，服务器按字段合并（DESIGN 第 5 节）。")
    bearer = HTTPBearer(auto_error=False)

    @contextmanager
    def session() -> Iterator[Session]:
        with db.session() as s:
            yield s

    def serializer(s: Session) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(meta_value(s, SECRET_KEY), salt="gridledger-token")

    def authenticated(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
                      ) -> tuple[str, str]:
        """(user name, device id) from a valid, unexpired token; the user must still exist."""
        if credentials is None:
            raise refuse(401, "not_authenticated", "请先登录同步服务器。")
        with session() as s:
            try:
                claims = serializer(s).loads(credentials.credentials, max_age=token_seconds)
            except SignatureExpired:
                raise refuse(401, "token_expired", "登录已过期，请重新登录。") from None
            except BadSignature:
                raise refuse(401, "token_invalid", "登录凭据无效，请重新登录。") from None
            if s.execute(select(ServerUser.id).where(ServerUser.name == claims["u"])).first() is None:
                raise refuse(401, "token_invalid", "该账号已不存在，请联系管理员。")
        return claims["u"], claims["d"]

    def scope_of(s: Session, name: str) -> Scope:
        user = s.execute(select(ServerUser).where(ServerUser.name == name)).scalar_one()
        return Scope.of(s, user)

    def same_device(claimed: str, sent: str) -> None:
        if claimed != sent:
            raise refuse(403, "wrong_device", "登录凭据属于另一台电脑，请在本机重新登录。")

    @app.get("/health", response_model=Health)
    def health() -> Health:
        with session() as s:
            return Health(status="ok", protocol_min=PROTOCOL_MIN, protocol_max=PROTOCOL_MAX,
                          epoch=meta_value(s, EPOCH_KEY))

    @app.post("/auth/token", response_model=TokenAnswer, responses=ERRORS)
    def token(body: TokenRequest) -> TokenAnswer:
        check_protocol(body.protocol)
        now_ms = time.time_ns() // 1_000_000
        with session() as s:
            user = s.execute(select(ServerUser).where(ServerUser.name == body.user)).scalar_one_or_none()
            if not check_password(user, body.password):
                raise refuse(401, "bad_login", "用户名或密码不正确。")
            assert user is not None
            skew = body.client_time_ms - now_ms
            if abs(skew) > MAX_CLOCK_SKEW_MS:
                raise refuse(409, "clock_skew",
                             f"本机时钟比服务器{'快' if skew > 0 else '慢'} {abs(skew) // 60000} 分钟，"
                             "请把电脑时间校准（自动同步网络时间）后再同步。")
            remember_device(s, user.name, body.device_id, datetime.now())
            signed = serializer(s).dumps({"u": user.name, "d": body.device_id})
            return TokenAnswer(token=signed, expires_in=token_seconds, epoch=meta_value(s, EPOCH_KEY),
                               server_time_ms=now_ms, role=user.role, scope=user.scope)

    @app.post("/sync/push", response_model=PushAnswer, responses=ERRORS)
    def push(body: PushRequest, who: Annotated[tuple[str, str], Depends(authenticated)]) -> PushAnswer:
        check_protocol(body.protocol)
        same_device(who[1], body.device_id)
        with SQLITE_PUSH_LOCK if db.is_sqlite else nullcontext(), session() as s:
            pusher = Pusher(s, scope_of(s, who[0]), body.device_id)
            results = pusher.push(body.ops)
            return PushAnswer(epoch=meta_value(s, EPOCH_KEY), results=results)

    @app.post("/sync/pull", response_model=PullAnswer, responses=ERRORS)
    def pull_changes(body: PullRequest, who: Annotated[tuple[str, str], Depends(authenticated)]) -> PullAnswer:
        check_protocol(body.protocol)
        same_device(who[1], body.device_id)
        with session() as s:
            return pull(s, scope_of(s, who[0]), body, meta_value(s, EPOCH_KEY))

    @app.get("/sync/conflicts", response_model=ConflictPage, responses=ERRORS)
    def conflicts(who: Annotated[tuple[str, str], Depends(authenticated)],
                  after: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,  # conflict_log.id is an INTEGER
                  limit: Annotated[int, Query(ge=1, le=500)] = 100) -> ConflictPage:
        """The conflict log of the buckets the user may write, for review (restoring is a new edit)."""
        with session() as s:
            return conflict_page(s, scope_of(s, who[0]), after, limit)

    add_blob_routes(app, db, BlobStore(blob_dir or blob_dir_for(db)), authenticated, scope_of)
    return app
