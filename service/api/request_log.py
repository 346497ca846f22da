"""One log line per request on ``tanon.api.requests``: method, the route's template, status,
duration, body size. Never the path as sent (``/v1/projects/Jane%20Doe`` would log a name),
a query string, a header or a body."""
from __future__ import annotations

import logging
import time

logger = logging.getLogger("tanon.api.requests")


class RequestLog:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not logger.isEnabledFor(logging.INFO):
            return await self.app(scope, receive, send)
        started, status, size = time.perf_counter(), 500, 0

        async def counting_receive():
            nonlocal size
            message = await receive()
            size += len(message.get("body", b""))
            return message

        async def watching_send(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        finally:
            route = scope.get("route")
            logger.info("%s %s %d %.3fs %d bytes in", scope.get("method", "?"),
                        getattr(route, "path", "(no route)"), status, time.perf_counter() - started, size)
