"""
Reads on a read replica, when one is configured (``DATABASE_REPLICA_URL``).

Only a reader's request reads from the replica: an anonymous GET or HEAD, which
carries no session cookie. Everything else — an editor's request (so an editor
sees what they just saved), any POST, a Celery task, a management command, a
migration — reads and writes on the primary, ``default``. A replica lags the
primary by a moment; readers do not notice, editors would.
"""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"

#: Whether this context is a reader's request. False by default, so code that
#: runs outside a request (tasks, commands, shells) never reads a lagging copy.
_reader_request: ContextVar[bool] = ContextVar("newsroom_reader_request", default=False)


def is_reader_request(request) -> bool:
    """A request that may read from the replica: a safe method and no session."""
    return request.method in {"GET", "HEAD"} and settings.SESSION_COOKIE_NAME not in request.COOKIES


class ReplicaMiddleware:
    """Marks a reader's request so that its queries read from the replica; first in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reader_request.set(is_reader_request(request))
        try:
            return self.get_response(request)
        finally:
            _reader_request.reset(token)


class ReplicaRouter:
    """Readers' queries to the replica; every write, migration and other read to ``default``."""

    def db_for_read(self, model, **hints):
        return REPLICA if _reader_request.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: a row read from one may refer to one read from the other.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary's schema through replication.
        return db == "default"
