from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "内容监管"

    def ready(self):
        post_migrate.connect(load_shipped_dictionaries_after_migrate, sender=self)


def load_shipped_dictionaries_after_migrate(plan=None, using="default", **kwargs):
    """`migrate` brings the shipped dictionaries in (a fresh database gets them at once; an
    upgraded one gets the new release). A `flush` (plan None) does not: it empties tables on
    purpose, as tests do."""
    if plan is None:
        return
    from monitoring import services  # local import: the models are not loaded before ready()

    services.load_shipped_dictionaries()
