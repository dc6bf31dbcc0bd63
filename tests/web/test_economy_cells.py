"""The economy tables' per-row parts written in Python (``figure_cells``, ``deviation_span``,
``balance_span``, ``total_cells`` in ``web.economy_tables``, tags of the ``styrkort`` library) are the
markup the templates they replaced wrote, character for character: for a page that is only shown, one that is typed into with
a wrong figure (the row asks to correct it), and the derived cells swapped in as one types.

``OLD`` holds those templates as they were, reading the rows' Django forms; the tags read the
inputs built without forms (``web.economy_inputs``): a page that is only shown gets the forms it
used to have here, for the old templates only.
"""

from __future__ import annotations

import pytest
from django.template import Context, Engine

from styrkort.followup.models import Report
from styrkort.storage.load import EconomyRows
from styrkort.web.views.economy import build_sheet, describe
from tests.web.test_economy import economy_data, operating
from tests.web.test_economy_inputs import FIGURE

pytestmark = pytest.mark.django_db
OLD = {
    "web/economy/_figures.html": '{% load styrkort %}{# A row\'s figure cells: inputs where the user may edit it, formatted figures elsewhere. #}\n{% if row.form %}\n  {% for field in row.form.visible_fields %}{% include "web/economy/_input.html" %}{% endfor %}\n{% else %}\n  {% for value in row.figures.values %}<td class="num">{{ value|number:1 }}</td>{% endfor %}\n{% endif %}\n',
    "web/economy/_input.html": FIGURE,
    "web/economy/_deviation.html": '{% load styrkort %}<span id="{{ row.dom_id }}-deviation" class="derived"{% if oob %} hx-swap-oob="true"{% endif %}>{% if row.form.errors %}<span class="error-inline">Rätta talen i raden först</span>{% else %}{{ row.derived.deviation|number:1 }} <span class="words">({{ row.derived.words }})</span>{% endif %}</span>\n',
    "web/economy/_total.html": '{% load styrkort %}{% for id, value in row.total_cells %}{% if cells %}<td class="num">{% endif %}<span id="{{ id }}"{% if oob %} hx-swap-oob="true"{% endif %}>{{ value|number:1 }}</span>{% if cells %}</td>{% endif %}{% endfor %}\n',
    "web/economy/_balance.html": '<span id="{{ row.dom_id }}-balance" class="derived"{% if oob %} hx-swap-oob="true"{% endif %}>{% if row.form.errors %}<span class="error-inline">Rätta talen i raden först</span>{% else %}{{ row.derived.words }}{% endif %}</span>\n',
}
ROWS = (
    "{% for row in sheet.operating.rows %}{% if row.kind == 'total' %}TOTAL{% else %}FIGURES DEVIATION{% endif %}{% endfor %}"
    "{% for row in sheet.investments.rows %}{% if row.kind == 'total' %}TOTAL{% else %}FIGURES DEVIATION{% endif %}{% endfor %}"
    "{% for row in sheet.gross.rows %}{% if row.kind == 'total' %}TOTAL{% else %}FIGURES BALANCE{% endif %}{% endfor %}"
    "{% for row in sheet.units.rows %}{% if row.kind == 'total' %}TOTAL{% else %}FIGURES{% endif %}{% endfor %}"
)
OLD_PAGE = ROWS.replace(
    "TOTAL",
    '{% include "web/economy/_total.html" with cells=True %}'
    '{% include "web/economy/_total.html" with oob=True cells=False %}',
)
OLD_PAGE = OLD_PAGE.replace("FIGURES", '{% include "web/economy/_figures.html" %}')
OLD_PAGE = OLD_PAGE.replace(
    "DEVIATION",
    '{% include "web/economy/_deviation.html" %}{% include "web/economy/_deviation.html" with oob=True %}',
)
OLD_PAGE = OLD_PAGE.replace(
    "BALANCE",
    '{% include "web/economy/_balance.html" %}{% include "web/economy/_balance.html" with oob=True %}',
)
NEW_PAGE = ROWS.replace("TOTAL", "{% total_cells row cells=True %}{% total_cells row oob=True %}")
NEW_PAGE = NEW_PAGE.replace("FIGURES", "{% figure_cells row %}")
NEW_PAGE = NEW_PAGE.replace("DEVIATION", "{% deviation_span row %}{% deviation_span row oob=True %}")
NEW_PAGE = NEW_PAGE.replace("BALANCE", "{% balance_span row %}{% balance_span row oob=True %}")


def render(page: str, sheet) -> str:
    engine = Engine(
        loaders=[("django.template.loaders.locmem.Loader", OLD)],
        libraries={"styrkort": "styrkort.web.templatetags.styrkort"},
    )
    return engine.from_string("{% load styrkort %}" + page).render(Context({"sheet": sheet}))


@pytest.mark.parametrize("editable", [True, False])
def test_the_rows_are_written_as_the_templates_wrote_them(report, editable):
    stored = Report.objects.get(organisation__code="sdn-test", period__year=2026, period__kind="T1")
    sheet = build_sheet(EconomyRows(stored), None, editable)
    describe(sheet)
    for table in sheet.tables():  # the unbound forms the page had (the old templates read them)
        form_class = table.form_class
        for row in table.rows:
            if row.inputs is not None:
                row.form = form_class(prefix=row.inputs.prefix, initial=form_class.initial_of(row.obj))
    assert sheet.gross.rows and sheet.units.rows and sheet.investments.rows
    written = render(NEW_PAGE, sheet)
    assert written == render(OLD_PAGE, sheet)
    assert ('name="o-0-budget"' in written) is editable and "totalt" in written


def test_a_row_typed_wrong_is_written_as_the_templates_wrote_it(report, users):
    stored = Report.objects.get(organisation__code="sdn-test", period__year=2026, period__kind="T1")
    data = economy_data(operating("Förskoleverksamhet", budget='<b>abc</b> & "x"'))
    sheet = build_sheet(EconomyRows(stored), data, True)
    sheet.is_valid()
    describe(sheet)
    sheet.show_inputs()
    written = render(NEW_PAGE, sheet)
    assert written == render(OLD_PAGE, sheet)
    assert "Rätta talen i raden först" in written and "<b>abc" not in written
    assert "&lt;b&gt;abc&lt;/b&gt; &amp; &quot;x&quot;" in written
