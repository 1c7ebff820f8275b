from django.apps import AppConfig

from portal import page_cache


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "站内搜索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Importing signals connects the outbox signal handlers.
        # local import: signal handlers and views import models (wait for the app registry)
        from search import signals, views  # noqa: F401

        page_cache.count_hits(views.RESULTS_PATH, views.count_cached_search)
