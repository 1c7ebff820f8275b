"""Background tasks (django-tasks): draining the search outbox."""

from django_tasks import task


@task()
def drain_search_outbox():
    """Index what the outbox holds; rows Elasticsearch refused stay for a later retry."""
    from search.indexing import drain

    report = drain()
    return {
        "processed": report.processed,
        "indexed": report.indexed,
        "deleted": report.deleted,
        "failed": report.failed,
        "error": report.error,
    }
