from django.apps import AppConfig


class SpreadsheetsConfig(AppConfig):
    name = "styrkort.spreadsheets"
    label = "spreadsheets"
    verbose_name = "Excel and finance imports"
