"""Uploads: zip bombs, macro parts, unsafe part names and oversized requests are refused in Swedish,
and an oversized request is refused before its body is read."""

from __future__ import annotations

import io
import random
import socket
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from styrkort.followup.models import Attachment
from tests.web.helpers import BASE

pytestmark = pytest.mark.django_db
ATTACHMENTS = BASE + "bilagor/"
MIB = 1024 * 1024


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def docx(*extra: tuple[str, bytes], content_types: bytes = b"<Types/>") -> bytes:
    """A minimal Word file (its parts in a zip) with extra parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("word/document.xml", b"<document/>")
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(unpacked: int) -> bytes:
    """A Word file with a part of ``unpacked`` zero bytes, streamed in so it is never in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<document/>")
        with archive.open("word/media/image1.png", "w", force_zip64=True) as part:
            zeros = bytes(MIB)
            for _ in range(unpacked // MIB):
                part.write(zeros)
    return buffer.getvalue()


def upload(client, name: str, content: bytes):
    return client.post(ATTACHMENTS, {"title": "Bilaga", "file": SimpleUploadedFile(name, content)})


def refused(response, message: str) -> None:
    assert response.status_code == 400, response.status_code
    assert message in response.content.decode()
    assert not Attachment.objects.filter(report__organisation__code="sdn-test", number__gt=1).exists()


def test_a_one_gibibyte_zip_bomb_in_a_small_docx_is_refused(login):
    bomb = zip_bomb(1024 * MIB)
    assert len(bomb) < 2 * MIB
    started = time.perf_counter()
    response = upload(login("anna"), "bomb.docx", bomb)
    refused(response, "”bomb.docx” packas upp till mer än 100,0 MB")
    assert time.perf_counter() - started < 30  # it stopped unpacking at the limit, not at 1 GiB


def test_a_part_that_unpacks_far_beyond_its_packed_size_is_refused(login):
    refused(upload(login("anna"), "tät.docx", zip_bomb(20 * MIB)), "mer än 100 gånger sin storlek")


def test_too_many_parts_are_refused(login, settings):
    settings.STYRKORT_MAX_ZIP_ENTRIES = 50
    parts = [(f"word/part{n}.xml", b"<p/>") for n in range(60)]
    refused(upload(login("anna"), "många.docx", docx(*parts)), "består av 62 delar; högst 50 tillåts")


@pytest.mark.parametrize(
    "part", ["word/vbaProject.bin", "xl/vbaProject.bin", "word/vbaData.xml", "word/activeX/activeX1.xml"]
)
def test_a_macro_or_activex_part_is_refused(login, part):
    name = "makro.xlsx" if part.startswith("xl/") else "makro.docx"
    content = docx((part, b"\xd0\xcf\x11\xe0 macro"))
    if name.endswith("xlsx"):
        content = docx((part, b"macro"), ("xl/workbook.xml", b"<workbook/>"))
    refused(upload(login("anna"), name, content), "innehåller makron eller ActiveX")


def test_a_macro_enabled_document_renamed_to_docx_is_refused(login):
    types = b'<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
    refused(upload(login("anna"), "omdöpt.docx", docx(content_types=types)), "är ett dokument med makron")


@pytest.mark.parametrize(
    "part", ["../../evil.sh", "word/../../evil.sh", "/etc/cron.d/evil", "C:/evil.bat", "word\\..\\evil.sh"]
)
def test_a_part_name_that_could_escape_its_folder_is_refused(login, part):
    refused(upload(login("anna"), "farlig.docx", docx((part, b"#!/bin/sh\n"))), "en del med otillåtet namn")


def test_an_ordinary_word_file_with_pictures_is_still_accepted(login):
    words = random.Random(1).choices(["nämnden", "budget", "prognos", "förskola", "analys", "mål"], k=40_000)
    text = ("<w:body>" + " ".join(f"<w:t>{word}</w:t>" for word in words) + "</w:body>").encode()
    picture = random.Random(2).randbytes(300_000)  # a photo does not compress
    ordinary = docx(
        ("word/media/image1.png", picture), ("word/text.xml", text), ("docProps/app.xml", b"<P/>")
    )
    assert upload(login("anna"), "vanlig.docx", ordinary).status_code == 302


def test_an_oversized_request_is_refused_before_its_body_is_read(login, settings):
    settings.STYRKORT_MAX_ATTACHMENT_BYTES = MIB
    client = login("anna")
    # The body is one byte: reading the 200 MB it claims would fail the test client's payload.
    response = client.generic(
        "POST",
        ATTACHMENTS,
        b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * MIB),
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "Filen är för stor" in page and "högst 1,0 MB" in page


def test_the_server_answers_413_to_a_huge_upload_without_waiting_for_it(live_server, settings):
    """Over a real socket: the headers announce 200 MB, a few bytes follow, the answer comes at once."""
    host, port = live_server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(
            f"POST {ATTACHMENTS} HTTP/1.1\r\nHost: {host}\r\nContent-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {200 * MIB}\r\n\r\n--x\r\n".encode()
        )
        started = time.perf_counter()
        answer = connection.recv(4096).decode(errors="replace")
    assert answer.startswith("HTTP/1.1 413")
    assert time.perf_counter() - started < 5
