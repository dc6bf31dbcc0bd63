"""Notifications by e-mail: written by the request, delivered by the worker to a real SMTP server.

aiosmtpd listens on a free local port in a thread; ``styrkort worker --batch`` runs the task in
this process against the test database (it commits, as in production).
"""

from __future__ import annotations

import email
import socket
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from styrkort.accounts.models import Membership
from styrkort.workspace.models import Notification
from tests.web.helpers import BASE, assessment

pytestmark = pytest.mark.django_db(transaction=True)


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox(settings):
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.STYRKORT_MAIL_NOTIFICATIONS = True
    settings.STYRKORT_BASE_URL = "https://styrkort.example.se"
    yield handler
    controller.stop()


def run_worker() -> None:
    call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def test_a_mention_is_mailed_by_the_worker_never_by_the_request(inbox, login, users):
    users["anna"].email = "anna@example.se"
    users["anna"].save()
    goal = assessment("1.1.1").goal_id
    client = login("rut")
    typed = "@anna kan du läsa analysen? <script>x</script>"
    assert (
        client.post(f"{BASE}kommentarer/mal/{goal}/", {"action": "comment", "text": typed}).status_code == 302
    )
    note = Notification.objects.get(kind="mention")
    assert note.mail == Notification.Mail.WAITING and inbox.messages == []  # nothing sent by the request
    assert DBTaskResult.objects.filter(task_path__endswith="mail_notification_task").count() == 1

    run_worker()
    [message] = inbox.messages
    assert message["To"] == "anna@example.se" and message["X-Envelope-To"] == "anna@example.se"
    assert message["Subject"].strip() == "Styrkort: nämnd i en kommentar – Nämnd sdn-test"
    body = message.get_content()
    assert "Hej Anna!" in body and "Rut nämnde dig i en kommentar om målet 1.1.1" in body
    assert f"https://styrkort.example.se{BASE}mal/{assessment('1.1.1').pk}/" in body
    assert "<script>x</script>" in body  # plain text: as typed, nothing to escape
    note.refresh_from_db()
    assert note.mail == Notification.Mail.SENT and note.mailed_at is not None

    run_worker()  # nothing waits: nothing is sent twice
    assert len(inbox.messages) == 1


def test_no_address_no_mail_and_a_lost_role_is_not_mailed(inbox, login, users):
    users["dag"].email = "dag@example.se"
    users["dag"].save()
    client = login("anna")
    client.post(f"{BASE}arbetsflode/submit/", {"reason": "Kontrollens fel gäller testdata."})
    note = Notification.objects.get(kind="review")
    assert note.user == users["dag"] and note.mail == Notification.Mail.WAITING
    Membership.objects.filter(user=users["dag"]).delete()  # the role is gone before the worker runs
    run_worker()
    assert inbox.messages == []
    assert not Notification.objects.filter(user=users["dag"]).exists()
    # rut has no address: told in Styrkort only, no task.
    assert set(Notification.objects.filter(user=users["rut"]).values_list("mail", flat=True)) == {"none"}


def test_a_silent_mail_server_is_retried(settings, login, users):
    settings.STYRKORT_MAIL_NOTIFICATIONS = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    users["anna"].email = "anna@example.se"
    users["anna"].save()
    client = login("rut")
    client.post(
        f"{BASE}kommentarer/mal/{assessment('1.1.1').goal_id}/", {"action": "comment", "text": "@anna hej"}
    )
    run_worker()
    attempts = DBTaskResult.objects.filter(task_path__endswith="mail_notification_task").order_by(
        "enqueued_at"
    )
    assert [r.status for r in attempts] == ["FAILED", "READY"]  # the retry waits for its time
    assert Notification.objects.get(kind="mention").mail == Notification.Mail.WAITING
