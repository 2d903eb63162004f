FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=newsroom.settings.production \
    MEDIA_ROOT=/data/media \
    STATIC_ROOT=/app/var/static

WORKDIR /app
COPY . .
# One image for the app, the Celery worker and beat (celery is a dependency); the s3
# extra (django-storages, boto3) for uploads on object storage.
RUN pip install --no-cache-dir -e ".[s3]" \
    && SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && useradd --system --home /app newsroom \
    && mkdir -p /data/media && chown -R newsroom /data /app/var/static

USER newsroom
EXPOSE 8000
# Alone (docker run), the container migrates and serves. docker-compose runs the
# migrations once in its "migrate" service and starts each replica with gunicorn only.
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn newsroom.wsgi:application --bind 0.0.0.0:8000 --workers ${GUNICORN_WORKERS:-3} --access-logfile -"]
