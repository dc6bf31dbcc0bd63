"""The grid's and economy page's Excel: download, upload with a preview, save; rights and refusals."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest

from tests.spreadsheets.conftest import SHARE, set_cell
from tests.web.helpers import BASE, measurement

pytestmark = pytest.mark.django_db

DOWNLOAD, UPLOAD, CONFIRM = BASE + "excel.xlsx", BASE + "excel/las-in/", BASE + "excel/spara/"


def upload(client, book, name="siffror.xlsx", page="indikatorer"):
    data = BytesIO()
    book.save(data)
    data.seek(0)
    data.name = name
    return client.post(UPLOAD, {"fil": data, "sida": page})


def downloaded(client):
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="sdn-test-2026-T1.xlsx"'
    return openpyxl.load_workbook(BytesIO(response.content))


def test_the_grid_and_economy_pages_link_the_download_and_the_upload(login, users):
    client = login("anna")
    for page in ("indikatorer/", "ekonomi/"):
        html = client.get(BASE + page).content.decode()
        assert 'href="/rapporter/sdn-test/2026-T1/excel.xlsx"' in html
        assert 'action="/rapporter/sdn-test/2026-T1/excel/las-in/"' in html


def test_an_upload_is_previewed_then_saved(login, users, tmp_path, settings):
    client = login("anna")
    book = downloaded(client)
    set_cell(book, SHARE, "Periodens utfall", 40.1)
    response = upload(client, book)
    page = response.content.decode()
    assert response.status_code == 200 and "Filen ändrar 1 cell" in page
    assert "38,2" in page and "40,1" in page
    assert measurement(SHARE).outcome == Decimal("38.2")  # nothing saved yet
    token = response.context["token"]
    pending = list((settings.VAR_DIR / "pending-xlsx").glob("*.xlsx"))
    assert [p.name for p in pending] == [f"{token}.xlsx"]
    response = client.post(CONFIRM, {"token": token, "sida": "indikatorer"})
    assert response.status_code == 302 and response["Location"].endswith("/indikatorer/")
    assert measurement(SHARE).outcome == Decimal("40.1")
    assert not list((settings.VAR_DIR / "pending-xlsx").glob("*.xlsx"))
    again = client.post(CONFIRM, {"token": token, "sida": "indikatorer"})  # a token saves once
    assert again.status_code == 302 and measurement(SHARE).version == 2


def test_a_conflict_that_arises_after_the_preview_saves_nothing(login, users):
    client = login("anna")
    book = downloaded(client)
    set_cell(book, SHARE, "Periodens utfall", 40.1)
    token = upload(client, book).context["token"]
    share = measurement(SHARE)
    share.outcome = Decimal("38.5")
    share.save()
    response = client.post(CONFIRM, {"token": token, "sida": "ekonomi"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "kolumn Periodens utfall: ändrad i Styrkort" in page and "Inget sparades" in page
    assert measurement(SHARE).outcome == Decimal("38.5")


def test_a_bad_cell_is_shown_by_sheet_row_and_column(login, users):
    client = login("anna")
    book = downloaded(client)
    set_cell(book, SHARE, "Periodens utfall", "2,471.8")
    response = upload(client, book)
    assert response.status_code == 400
    assert (
        "Indikatorer, rad 2, kolumn Periodens utfall: ”2,471.8” går inte att läsa säkert"
        in response.content.decode()
    )


def test_a_file_that_is_no_workbook_is_refused_in_swedish(login, users):
    client = login("anna")
    data = BytesIO(b"hello")
    data.name = "x.xlsx"
    response = client.post(UPLOAD, {"fil": data})
    assert response.status_code == 400 and "är ingen Excel-fil" in response.content.decode()


def test_readers_and_outsiders_may_not_upload_or_confirm(login, users, client):
    book = downloaded(login("anna"))
    assert upload(login("bertil"), book).status_code == 403
    assert upload(login("cecilia"), book).status_code == 404
    assert login("cecilia").get(DOWNLOAD).status_code == 404
    assert client.post(CONFIRM, {"token": "x"}).status_code in (302, 403, 404)


def test_another_users_token_is_not_theirs(login, users):
    anna = login("anna")
    book = downloaded(anna)
    set_cell(book, SHARE, "Periodens utfall", 40.1)
    token = upload(anna, book).context["token"]
    response = login("rut").post(CONFIRM, {"token": token})
    assert response.status_code == 302
    assert measurement(SHARE).outcome == Decimal("38.2")


def test_a_reporter_uploads_only_their_indicators(login, users):
    rut = login("rut")
    book = downloaded(rut)
    set_cell(book, "Antal vräkningar som berör barn", "Periodens utfall", 3)
    response = upload(rut, book)
    assert response.status_code == 400 and "du får inte ändra indikatorn" in response.content.decode()
