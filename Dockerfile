# Image for web, worker and beat in docker-compose.yml (no Docker engine on the dev
# machine: kept correct by reading; scripts/prod-smoke runs the same entry points).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# Runtime dependencies only (no pytest, playwright, ruff, ...), every file checked
# against the sha256 in the lock, wheels only: nothing is built from source here.
COPY requirements.lock .
RUN pip install --require-hashes --only-binary=:all: -r requirements.lock
COPY . .
# collectstatic (in scripts/serve) writes to STATIC_ROOT; nothing else is writable.
RUN useradd --create-home takstvaerk \
    && mkdir -p /app/staticfiles \
    && chown takstvaerk /app/staticfiles
USER takstvaerk
EXPOSE 8000
CMD ["scripts/serve"]
