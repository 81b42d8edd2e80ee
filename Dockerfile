# The bot's image: one process per container; run several behind the proxy of deploy/compose.yaml.
FROM python:3.11-slim

# pg_dump/pg_restore for `python -m bot backup` against PostgreSQL.
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Dependencies first (from the tested pins), so a code change does not reinstall them.
COPY pyproject.toml constraints.txt ./
COPY app ./app
COPY bot ./bot
COPY db ./db
COPY domain ./domain
COPY handlers ./handlers
RUN pip install --no-cache-dir -c constraints.txt '.[postgres]'
COPY content ./content
COPY locales ./locales
COPY alembic.ini ./
# The catalogs are compiled into the image: the container's file system stays read-only at run time.
RUN python -m bot i18n compile \
 && useradd --system --uid 10001 --home-dir /app outreach \
 && mkdir -p /app/data && chown outreach /app/data
USER outreach

ENV PYTHONUNBUFFERED=1 WEBHOOK_LISTEN=0.0.0.0:8080 METRICS_LISTEN=0.0.0.0:8080
EXPOSE 8080
# /healthz answers while the process lives; /readyz once it reaches the database (and Redis when set).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4)" || exit 1
# SIGTERM drains: no new updates, the sends in flight finish, leases are released.
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot"]
