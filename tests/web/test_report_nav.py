"""The report's page links (``report_nav_links``, rendered once per process and page): the page
shown is marked, each report and mount point gets its own links."""

from __future__ import annotations

from types import SimpleNamespace

from django.urls import set_script_prefix

from styrkort.web.templatetags.styrkort import report_nav_links


def a_report(code: str, period: str = "2026-T1"):
    return SimpleNamespace(organisation=SimpleNamespace(code=code), period=SimpleNamespace(key=period))


def test_the_page_shown_is_marked_and_no_other():
    links = report_nav_links(a_report("sdn-norra"), "grid")
    assert links.startswith("<ul>") and links.endswith("</ul>")
    assert links.count('aria-current="page"') == 1
    assert '<a href="/rapporter/sdn-norra/2026-T1/indikatorer/" aria-current="page">Indikatorer</a>' in links
    assert 'aria-current="page"' not in report_nav_links(a_report("sdn-norra"), "goal")
    assert 'aria-current="page"' not in report_nav_links(a_report("sdn-norra"), None)


def test_each_report_and_mount_point_has_its_own_links():
    assert '/rapporter/sdn-sodra/2025-AR/ekonomi/"' in report_nav_links(
        a_report("sdn-sodra", "2025-AR"), "grid"
    )
    set_script_prefix("/styrkort/")
    try:
        mounted = report_nav_links(a_report("sdn-norra"), "grid")
    finally:
        set_script_prefix("/")
    assert '"/styrkort/rapporter/sdn-norra/2026-T1/ekonomi/"' in mounted
    assert '"/rapporter/sdn-norra/2026-T1/ekonomi/"' in report_nav_links(a_report("sdn-norra"), "grid")
