from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "站内搜索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # local import: signal handlers import models, which must wait for the app registry.
        from search import signals  # noqa: F401  (connects the outbox signal handlers)
