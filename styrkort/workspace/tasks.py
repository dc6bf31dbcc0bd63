"""Notifications by e-mail, sent by the background worker (the convention: styrkort/ops/tasks.py).

One task per notification, enqueued in the transaction that wrote it, keyed by its id
(``mail:notification:<id>``). The task is idempotent: it sends only a notification still marked
"waiting" and marks it "sent" in the same transaction, holding its row; it checks again that the
person may still read the report (a role lost since is not mailed). A mail server that does not
answer is an ``OSError`` (``smtplib.SMTPException`` is one): retried with backoff.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResult

from styrkort.ops.tasks import background_task, enqueue_once
from styrkort.workspace.models import Notification
from styrkort.workspace.rights import user_may_read

logger = logging.getLogger(__name__)


def mail_of(notification: Notification) -> EmailMessage:
    """The e-mail of a notification: Swedish, plain text, with a link into Styrkort."""
    report = notification.report
    subject = f"Styrkort: {notification.get_kind_display().lower()} – {report.organisation.name}"
    body = (
        f"Hej {notification.user.get_full_name() or notification.user.get_username()}!\n\n"
        f"{notification.text}\n\n"
        f"Öppna i Styrkort: {settings.STYRKORT_BASE_URL}{notification.path}\n\n"
        "Alla dina meddelanden finns under ”Meddelanden” i Styrkort: "
        f"{settings.STYRKORT_BASE_URL}/meddelanden/\n"
    )
    # A subject is one line: a name with a line break would otherwise make Django refuse it.
    subject = " ".join(subject.split())[:200]
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [notification.user.email])


def send_notification_mail(notification_id: int) -> str:
    """Send one notification's e-mail if it still waits; what happened, in a word."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("user", "report__organisation__parent__parent", "report__period")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.mail != Notification.Mail.WAITING:
            return "done"
        if not notification.user.email or not user_may_read(notification.user, notification.report):
            notification.mail = Notification.Mail.NONE
            notification.save(update_fields=["mail"])
            return "skipped"
        mail_of(notification).send()
        notification.mail, notification.mailed_at = Notification.Mail.SENT, timezone.now()
        notification.save(update_fields=["mail", "mailed_at"])
    logger.info("notification mailed", extra={"notification": notification_id})
    return "sent"


@background_task(max_attempts=6, backoff=60)
def mail_notification_task(*, notification: int) -> str:
    """E-mail one notification (``send_notification_mail``)."""
    return send_notification_mail(notification)


def enqueue_mail(notification_id: int) -> TaskResult:
    return enqueue_once(
        mail_notification_task, f"mail:notification:{notification_id}", notification=notification_id
    )
