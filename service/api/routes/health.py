from __future__ import annotations

from fastapi import APIRouter

from service.api.deps import EngineDep
from service.api.schemas import HealthResponse

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthResponse)
def health(engine: EngineDep) -> HealthResponse:
    return HealthResponse(status="ok", model=engine.models["en"], languages=engine.languages)
