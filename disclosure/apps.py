from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "政府信息公开"

    def ready(self):
        # local import: the signal receiver needs the models, loaded once the registry is ready
        from disclosure import change_history

        change_history.connect()
