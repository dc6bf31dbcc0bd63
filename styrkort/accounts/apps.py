from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "styrkort.accounts"
    label = "accounts"
    verbose_name = "Konton och roller"
