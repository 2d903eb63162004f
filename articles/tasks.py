"""Background work on articles: writing the counted reads to the database."""

from celery import shared_task

from . import reads


@shared_task(ignore_result=True)
def flush_reads() -> int:
    """Write the reads counted since the last flush (Celery beat runs this every minute)."""
    return reads.flush_reads()
