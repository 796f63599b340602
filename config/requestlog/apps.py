from django.apps import AppConfig


class RequestlogConfig(AppConfig):
    name = "config.requestlog"
    label = "requestlog"
    verbose_name = "Forespørgselslog"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from config.requestlog.middleware import husk_fejlet_login

        user_login_failed.connect(husk_fejlet_login, dispatch_uid="requestlog-login")
