from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "styrkort.workflow"
    label = "workflow"
