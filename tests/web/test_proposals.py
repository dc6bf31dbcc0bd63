"""Decision proposals (stored beside generated, edited, replaced) and attachments (upload checks)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from styrkort.audit.models import Change
from styrkort.followup.models import Attachment, DecisionProposal
from tests.web.helpers import ANONYMOUS, BASE, assert_matrix, formset_data
from tests.web.test_economy import decide_report

pytestmark = pytest.mark.django_db
PROPOSALS = BASE + "forslag/"
REPLACE = PROPOSALS + "ersatt/"
ATTACHMENTS = BASE + "bilagor/"
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored() -> list[DecisionProposal]:
    return list(DecisionProposal.objects.filter(report__organisation__code="sdn-test").order_by("number"))


def proposal_data(**texts: str) -> dict[str, str]:
    """POST data for the stored proposals: their texts, with the given numbers ("p1", …) typed over."""
    rows = [
        (p.pk, {"text": p.text}, {"text": texts[f"p{p.number}"]} if f"p{p.number}" in texts else {})
        for p in stored()
    ]
    return formset_data("p", *rows)


def shown() -> str:
    return ",".join(f"{p.pk}:{p.version}" for p in stored())


def office_file(name: str, folder: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, name: str, content: bytes | SimpleUploadedFile, title: str = "Patientsäkerhetsberättelse"):
    file = content if isinstance(content, SimpleUploadedFile) else SimpleUploadedFile(name, content)
    return client.post(ATTACHMENTS, {"title": title, "file": file})


# --- decision proposals ----------------------------------------------------------------------


def test_everyone_who_may_see_the_report_sees_the_proposals_and_no_one_else(login, users):
    expected = {ANONYMOUS: 404, "cecilia": 404, "bertil": 302, "rut": 200, "dag": 200, "anna": 200}
    assert_matrix(login, "GET", PROPOSALS, None, expected)


def test_the_generated_proposals_and_the_checks_findings_are_shown_beside_the_stored_ones(login, users):
    page = login("dag").get(PROPOSALS).content.decode()
    assert "Nämnden godkänner rapporten." in page  # stored
    assert "Nämnden godkänner tertialrapport 1 för år 2026 enligt förvaltningens förslag" in page
    assert "Nämnden ansöker om budgetjustering om 0,9 mnkr stärkt trygghet i parken." in page
    assert "Budgetjusteringen om 0,9 mnkr saknar förslag till beslut" in page  # the check's finding
    assert "<textarea" not in page  # the approver gets no fields


def test_only_the_controller_may_edit_proposals(login, users):
    data = proposal_data(p1="Nämnden godkänner rapporten och överlämnar den.")
    expected = {ANONYMOUS: 404, "cecilia": 404, "bertil": 403, "rut": 403, "anna": 302}
    assert_matrix(login, "POST", PROPOSALS, data, expected)
    assert stored()[0].text == "Nämnden godkänner rapporten och överlämnar den."


def test_an_edited_proposal_is_saved_exactly_as_typed_versioned_and_audited(login, users):
    first, second = stored()
    typed = "Nämnden godkänner  tertialrapporten,\u00a0382\u00a0976 kr."  # two spaces, non-breaking ones
    response = login("anna").post(PROPOSALS, proposal_data(p1=typed))
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.text, first.version) == (typed, 2)
    second.refresh_from_db()
    assert second.version == 1  # not changed, not written
    change = Change.objects.get(object_id=str(first.pk), field="text", content_type__model="decisionproposal")
    assert (change.username, change.old, change.new) == ("anna", "Nämnden godkänner rapporten.", typed)


def test_an_empty_proposal_is_refused_in_swedish_and_nothing_is_saved(login, users):
    response = login("anna").post(PROPOSALS, proposal_data(p1="", p2="Ny text om omslutningar."))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Förslag 1, förslagets text: skriv förslagets text" in page
    assert "Ny text om omslutningar." in page
    assert [p.text for p in stored()] == [
        "Nämnden godkänner rapporten.",
        "Nämnden anmäler omslutningar om 9,2 mnkr.",
    ]


def test_a_stale_proposal_edit_is_refused_and_shows_the_saved_text(login, users):
    stale = proposal_data(p1="Ruts version.")
    client = login("anna")
    assert client.post(PROPOSALS, proposal_data(p1="Första versionen.")).status_code == 302
    response = client.post(PROPOSALS, stale)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Första versionen." in page and "Ruts version." in page
    assert stored()[0].text == "Första versionen."


def test_the_controller_replaces_the_stored_proposals_with_the_generated_ones(login, users):
    old = stored()
    response = login("anna").post(REPLACE, {"shown": shown()})
    assert response.status_code == 302
    texts = [p.text for p in stored()]
    assert len(texts) == 4
    assert texts[0].startswith("Nämnden godkänner tertialrapport 1 för år 2026")
    assert "Nämnden ansöker om kompetensutvecklingsmedel, stödassistent LSS, 498\u202f276 kr." in texts
    assert Change.objects.filter(action="deleted", object_id=str(old[0].pk), username="anna").exists()
    assert (
        Change.objects.filter(
            action="created", content_type__model="decisionproposal", username="anna"
        ).count()
        == 4
    )
    assert "saknar förslag till beslut" not in login("anna").get(PROPOSALS).content.decode()


def test_a_replacement_offered_before_someone_edited_is_refused(login, users):
    offered = shown()
    client = login("anna")
    client.post(PROPOSALS, proposal_data(p1="Redigerat under tiden."))
    response = client.post(REPLACE, {"shown": offered})
    assert response.status_code == 409
    assert "Inget ersattes" in response.content.decode()
    assert len(stored()) == 2 and stored()[0].text == "Redigerat under tiden."


def test_readers_and_reporters_may_not_replace_proposals(login, users):
    expected = {ANONYMOUS: 404, "cecilia": 404, "bertil": 403, "rut": 403}
    assert_matrix(login, "POST", REPLACE, {"shown": shown()}, expected)
    assert len(stored()) == 2


def test_a_decided_report_refuses_proposal_changes(login, users):
    data, offered = proposal_data(p1="För sent."), shown()
    decide_report()
    client = login("anna")
    response = client.post(PROPOSALS, data)
    page = response.content.decode()
    assert response.status_code == 409 and "Inget sparades: rapporten är beslutad" in page
    assert "För sent." in page  # the text typed comes back
    assert client.post(REPLACE, {"shown": offered}).status_code == 403
    assert stored()[0].text == "Nämnden godkänner rapporten."


# --- attachments -----------------------------------------------------------------------------


def test_the_controller_uploads_a_pdf_everyone_who_may_see_downloads_it(login, users, media):
    response = upload(login("anna"), "rapport.pdf", PDF)
    assert response.status_code == 302
    attachment = Attachment.objects.get(report__organisation__code="sdn-test", number=2)
    assert attachment.title == "Patientsäkerhetsberättelse"
    assert (media / attachment.file.name).read_bytes() == PDF
    assert Change.objects.filter(
        action="created", content_type__model="attachment", object_id=str(attachment.pk), username="anna"
    ).exists()
    url = f"{ATTACHMENTS}{attachment.pk}/fil/"
    download = login("bertil").get(url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    assert login("cecilia").get(url).status_code == 404
    assert login(ANONYMOUS).get(url).status_code == 404


def test_word_and_excel_files_are_accepted_when_their_contents_match(login, users):
    client = login("anna")
    assert upload(client, "", office_file("plan.docx", "word/"), "Plan").status_code == 302
    assert upload(client, "", office_file("budget.xlsx", "xl/"), "Budget").status_code == 302
    names = list(Attachment.objects.filter(number__gt=1).values_list("file", flat=True))
    assert [name.rsplit(".", 1)[-1] for name in names] == ["docx", "xlsx"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "anteckning.txt",
            b"hej",
            "”anteckning.txt” är inte en tillåten filtyp: bara PDF, Word (.docx) och Excel",
        ),
        ("falsk.pdf", b"<html>inte en pdf</html>", "”falsk.pdf” heter .pdf men är ingen PDF-fil"),
        ("falsk.docx", PDF, "”falsk.docx” heter .docx men är ingen Office-fil"),
        ("program.exe", b"MZ\x90\x00", "”program.exe” är inte en tillåten filtyp"),
    ],
)
def test_wrong_or_disguised_files_are_refused_in_swedish_and_the_title_is_kept(
    login, users, name, content, message
):
    response = upload(login("anna"), name, content, title="Min rubrik")
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert 'value="Min rubrik"' in page
    assert not Attachment.objects.filter(number__gt=1).exists()


def test_an_excel_file_named_docx_is_refused(login, users):
    response = upload(login("anna"), "", office_file("budget.docx", "xl/"))
    assert response.status_code == 400
    assert "heter .docx men innehållet är inte ett Word-dokument" in response.content.decode()


def test_a_file_larger_than_the_setting_is_refused(login, users, settings):
    settings.STYRKORT_MAX_ATTACHMENT_BYTES = 1024 * 1024
    big = PDF + b"0" * (3 * 512 * 1024)  # within the request margin, so the form says it
    response = upload(login("anna"), "stor.pdf", big)
    assert response.status_code == 400
    assert "”stor.pdf” är 1,5 MB; en bilaga får vara högst 1,0 MB" in response.content.decode()
    assert not Attachment.objects.filter(number__gt=1).exists()


def test_only_the_controller_may_upload_or_delete(login, users):
    expected = {ANONYMOUS: 404, "cecilia": 404, "bertil": 403, "rut": 403}
    for persona, status in expected.items():
        assert upload(login(persona), "rapport.pdf", PDF).status_code == status
    first = Attachment.objects.get(report__organisation__code="sdn-test", number=1)
    assert_matrix(login, "POST", f"{ATTACHMENTS}{first.pk}/ta-bort/", {}, expected)
    assert Attachment.objects.filter(report__organisation__code="sdn-test").count() == 1


def test_the_controller_deletes_an_attachment_and_its_file(
    login, users, media, django_capture_on_commit_callbacks
):
    client = login("anna")
    upload(client, "rapport.pdf", PDF)
    attachment = Attachment.objects.get(number=2, report__organisation__code="sdn-test")
    path = media / attachment.file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{ATTACHMENTS}{attachment.pk}/ta-bort/")
    assert response.status_code == 302
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not path.exists()
    assert Change.objects.filter(action="deleted", object_id=str(attachment.pk), username="anna").exists()


def test_a_decided_report_refuses_uploads_and_deletions(login, users):
    first = Attachment.objects.get(report__organisation__code="sdn-test", number=1)
    decide_report()
    client = login("anna")
    assert upload(client, "rapport.pdf", PDF).status_code == 403
    response = client.post(f"{ATTACHMENTS}{first.pk}/ta-bort/")
    assert response.status_code == 403 and "bilagorna kan inte ändras" in response.content.decode()
    assert Attachment.objects.filter(pk=first.pk).exists()


def _stored() -> list[tuple[int, str]]:
    return list(
        DecisionProposal.objects.filter(report__organisation__code="sdn-test", report__period__kind="T1")
        .order_by("number")
        .values_list("number", "text")
    )


def test_a_proposal_is_added_last_moved_and_removed_with_the_others_renumbered(login, users):
    client = login("anna")
    before = _stored()
    text = "  Nämnden <b>noterar</b> ”detta” 🎉  "
    assert client.post(BASE + "forslag/nytt/", {"text": text}).status_code == 302
    after = _stored()
    assert after[-1] == (len(before) + 1, text)  # exactly as typed
    new = DecisionProposal.objects.get(text=text)
    assert client.post(f"{BASE}forslag/{new.pk}/upp/", {"version": new.version}).status_code == 302
    assert _stored()[-2] == (len(before), text)
    new.refresh_from_db()
    first = DecisionProposal.objects.get(report=new.report, number=1)
    assert client.post(f"{BASE}forslag/{first.pk}/ta-bort/", {"version": first.version}).status_code == 302
    numbers = [number for number, _ in _stored()]
    assert numbers == list(range(1, len(before) + 1))
    assert (first.number, first.text) not in _stored() or len(before) == 0


def test_an_empty_proposal_is_refused_in_swedish_and_a_stale_move_is_a_409(login, users):
    client = login("anna")
    response = client.post(BASE + "forslag/nytt/", {"text": "   "})
    assert (
        response.status_code == 400 and "ett tomt förslag kan inte läggas till" in response.content.decode()
    )
    client.post(BASE + "forslag/nytt/", {"text": "Ett förslag."})
    proposal = DecisionProposal.objects.get(text="Ett förslag.")
    before = _stored()
    response = client.post(f"{BASE}forslag/{proposal.pk}/ta-bort/", {"version": proposal.version + 1})
    assert response.status_code == 409 and "har ändrats eller tagits bort" in response.content.decode()
    assert _stored() == before


def test_only_the_controller_adds_moves_or_removes_proposals(login, users):
    login("anna").post(BASE + "forslag/nytt/", {"text": "Ett förslag."})
    proposal = DecisionProposal.objects.get(text="Ett förslag.")
    refused = {ANONYMOUS: 404, "cecilia": 404, "bertil": 403, "stina": 403, "dag": 403, "rut": 403}
    assert_matrix(login, "POST", BASE + "forslag/nytt/", {"text": "x"}, refused)
    assert_matrix(login, "POST", f"{BASE}forslag/{proposal.pk}/ta-bort/", {"version": "1"}, refused)
