"""Background work of the imports: the feeds' polling, run by Celery beat each minute."""

from celery import shared_task

from .polling import poll_due_feeds


@shared_task(ignore_result=True)
def poll_feeds() -> None:
    poll_due_feeds()
