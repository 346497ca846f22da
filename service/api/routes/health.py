"""Whether this worker can take work: 200 once its engine is built, 503 before."""
from __future__ import annotations

from fastapi import APIRouter, Request

from service.api.deps import ContextDep
from service.api.responses import error_responses
from service.api.schemas import HealthResponse
from service.errors import Busy, SetupError

router = APIRouter(tags=["health"])


class EngineStarting(Busy):
    def __init__(self) -> None:
        super().__init__("starting: the engine is being built")


@router.get("/health", response_model=HealthResponse, summary="Ready to take work",
            responses=error_responses(500, 503))
def health(request: Request, context: ContextDep) -> HealthResponse:
    if not context.engine_is_built:
        if getattr(request.app.state, "engine_failed", False):
            raise SetupError("the engine cannot be built")
        raise EngineStarting()
    engine = context.engine()
    return HealthResponse(status="ok", model=engine.models["en"], languages=engine.languages)
