"""Figures: strict Swedish parsing, formatting as recorded, the exchange notation, bounds."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from styrkort.domain.numbers import (
    INDICATOR,
    KRONOR,
    MNKR,
    THIN_NBSP,
    TKR,
    VOLUME,
    Bounds,
    FigureError,
    figure_problem,
    format_number,
    from_exchange,
    largest,
    normalise,
    parse_number,
    same_figure,
    split_number,
    to_exchange,
)

KINDS = {"indicator": INDICATOR, "mnkr": MNKR, "tkr": TKR, "kronor": KRONOR, "volume": VOLUME}


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("38,2", "", "38.2"),
        ("38,2 %", "%", "38.2"),
        ("38,2%", "%", "38.2"),
        ("2 471,8", "", "2471.8"),
        ("2\u00a0471,8", "", "2471.8"),
        (f"2{THIN_NBSP}471,8", "", "2471.8"),
        ("2\u2009471,8", "", "2471.8"),
        ("2471,8", "", "2471.8"),
        ("-8 192,0", "", "-8192.0"),
        ("\u22128 192,0", "", "-8192.0"),
        ("\u20135", "", "-5"),
        ("+5", "", "5"),
        ("1,0 %", "%", "1.0"),
        ("13", "st", "13"),
        ("13 st", "st", "13"),
        ("0,0", "", "0.0"),
        ("-0", "", "0"),
        ("1 315", "", "1315"),
        ("14,8 barn/avd.", "barn/avd.", "14.8"),
        ("14,8 Barn/Avd.", "barn/avd.", "14.8"),
        ("  38,2  ", "", "38.2"),
        ("1 000 000", "", "1000000"),
    ],
)
def test_it_reads_exactly_the_swedish_forms_with_the_precision_typed(text, unit, expected):
    value = parse_number(text, INDICATOR, unit)
    assert str(value) == expected


@pytest.mark.parametrize("text", ["  ", "", None, "\n\t"])
def test_empty_is_missing_never_zero(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2,471.8", "decimaler skrivs med komma och tusental med mellanslag"),
        ("1.234", "decimaler skrivs med komma"),
        ("3.5.6", "decimaler skrivs med komma"),
        ("12,3,4", "decimaler skrivs med komma"),
        ("10/12", "är inte ett tal"),
        ("5 abc", "har enheten ”abc”, men här skrivs talet utan enhet"),
        ("3 x 4", "har enheten ”x 4”"),
        ("0,12345678901", "har 11 decimaler; här får det vara högst fyra decimaler"),
        ("123 456 789 012 345 678", "är för stort: högst tolv siffror före decimalkommat"),
        ("1 2345", "tusental skrivs i grupper om tre siffror"),
        ("12 34", "tusental skrivs i grupper om tre siffror"),
        ("1e5", "är inte ett tal"),
        ("NaN", "är inte ett tal"),
        ("Infinity", "är inte ett tal"),
        ("abc", "är inte ett tal"),
        ("Ökning", "är inte ett tal"),
        (",5", "är inte ett tal"),
        ("5,", "decimaler skrivs med komma"),
        ("- 5", "är inte ett tal"),
        ("\u0661\u0662", "är inte ett tal"),  # Arabic-Indic digits: Decimal() would read them
        ("５", "är inte ett tal"),  # a full-width digit
        ("38,2 %", "här skrivs talet utan enhet"),  # a unit the field does not have
    ],
)
def test_what_could_be_read_as_something_else_is_refused_with_a_swedish_message(text, message):
    with pytest.raises(FigureError, match=message) as refused:
        parse_number(text)
    assert "skriv t.ex." in str(refused.value) or "högst" in str(refused.value)


def test_the_message_suggests_the_form_of_the_field():
    with pytest.raises(FigureError, match="skriv t.ex. 2\u00a0471,8\u00a0mnkr"):
        parse_number("2,471.8", MNKR)
    with pytest.raises(FigureError, match="skriv t.ex. 2\u00a0471\u00a0kr"):
        parse_number("12 kronor", KRONOR)
    with pytest.raises(FigureError, match="har decimaler; här skrivs hela tal"):
        parse_number("330 480,50", KRONOR)
    with pytest.raises(FigureError, match="skriv t.ex. 38,2\u00a0%"):
        parse_number("38.2 %", INDICATOR, "%")
    with pytest.raises(FigureError, match="högst en decimal"):
        parse_number("2,45", MNKR)
    with pytest.raises(FigureError, match="enheten här är mnkr"):
        parse_number("2,4 tkr", MNKR)


@pytest.mark.parametrize(("name", "bounds"), KINDS.items())
def test_each_kind_holds_its_largest_figure_and_refuses_one_more_digit(name, bounds):
    most = largest(bounds)
    assert parse_number(format_number(most), bounds) == most
    assert parse_number(format_number(-most), bounds) == -most
    with pytest.raises(FigureError, match="för stort"):
        parse_number(format_number(most + 1), bounds)
    assert "för stort" in figure_problem(Decimal(10) ** 14, bounds)


def test_the_problem_says_the_limit_in_words():
    most = THIN_NBSP.join(("999", "999", "999", "999,9999"))
    assert figure_problem(Decimal(10) ** 14, INDICATOR) == (
        f"är för stort: högst tolv siffror före decimalkommat (största tal {most})"
    )
    assert (
        figure_problem(Decimal("0.12345"), INDICATOR)
        == "har 5 decimaler; här får det vara högst fyra decimaler"
    )
    assert figure_problem(Decimal("1.5"), KRONOR) == "har decimaler; här skrivs hela tal"
    assert figure_problem(Decimal("1E+20"), INDICATOR) is not None
    assert figure_problem(Decimal("0.0001"), INDICATOR) is None


def test_split_number_keeps_the_printed_precision_and_the_unit_after_the_figure():
    assert split_number("14,8 barn/avd.") == (Decimal("14.8"), "barn/avd.")
    assert str(split_number("1,0 %")[0]) == "1.0"  # type: ignore[index]
    assert split_number("90%") == (Decimal(90), "%")
    assert split_number("1,5 kg CO2 per kg livsmedel") == (Decimal("1.5"), "kg CO2 per kg livsmedel")
    assert split_number("-0 %") == (Decimal(0), "%")
    for text in ("Tas fram av nämnd", "2,471.8", "10/12", "1 2345", "10-12", "+/- 1 %", ""):
        assert split_number(text) is None, text


@pytest.mark.parametrize(
    ("value", "decimals", "unit", "expected"),
    [
        (Decimal("2471.8"), 1, "", f"2{THIN_NBSP}471,8"),
        (Decimal("38.2"), None, "%", "38,2\u00a0%"),
        (Decimal("1.0"), None, "%", "1,0\u00a0%"),
        (Decimal("13"), None, "st", "13\u00a0st"),
        (Decimal("99.6"), None, "%", "99,6\u00a0%"),
        (Decimal("99.6"), 0, "%", "100\u00a0%"),  # only a display that asks for 0 decimals rounds
        (Decimal("0.25"), 1, "", "0,3"),  # half up, as Excel does (not to even)
        (Decimal("0.35"), 1, "", "0,4"),
        (Decimal("-0.25"), 1, "", "-0,3"),
        (Decimal("2.5"), 0, "", "3"),
        (Decimal("-8192"), 1, "", f"-8{THIN_NBSP}192,0"),
        (Decimal("-0.04"), 1, "", "0,0"),
        (Decimal("1000000"), None, "", f"1{THIN_NBSP}000{THIN_NBSP}000"),
        (Decimal("1E+2"), None, "", "100"),
        (Decimal("1" * 40), 1, "", format_number(Decimal("1" * 40)) + ",0"),  # beyond 28 digits: no crash
        (None, 1, "%", ""),
    ],
)
def test_it_prints_as_recorded_and_rounds_half_up_only_where_asked(value, decimals, unit, expected):
    assert format_number(value, decimals, unit) == expected


def test_normalise_strips_trailing_zeros_without_exponents():
    assert str(normalise(Decimal("100"))) == "100"
    assert str(normalise(Decimal("1.50"))) == "1.5"
    assert str(normalise(Decimal("-0.0"))) == "0"


def test_same_figure_counts_the_precision():
    assert same_figure(Decimal("1.0"), Decimal("1.0"))
    assert not same_figure(Decimal("1.0"), Decimal("1"))
    assert same_figure(None, None) and not same_figure(None, Decimal(0))


@pytest.mark.parametrize("text", ["1.5e3", "1,5", "", " 1", "1.", "١"])
def test_the_exchange_notation_admits_only_plain_figures(text):
    with pytest.raises(ValueError):
        from_exchange(text)


def test_the_exchange_notation_keeps_the_scale():
    assert to_exchange(Decimal("1.0")) == "1.0"
    assert str(from_exchange("1.0")) == "1.0"
    assert to_exchange(Decimal("1E+2")) == "100"
    assert to_exchange(Decimal("-0.0")) == "0.0"


def figures(bounds: Bounds) -> st.SearchStrategy[Decimal]:
    """Figures of a kind at every precision it holds (the scale is part of the figure)."""
    most = 10**bounds.digits - 1
    return st.integers(0, bounds.decimals).flatmap(
        lambda places: st.integers(-most * 10**places, most * 10**places).map(
            lambda units: Decimal(units).scaleb(-places)
        )
    )


@pytest.mark.parametrize(("name", "bounds"), KINDS.items())
@given(data=st.data())
def test_every_figure_of_every_kind_parses_back_identically_from_what_is_printed(name, bounds, data):
    value = data.draw(figures(bounds))
    for unit in ("", bounds.unit or "%"):
        back = parse_number(format_number(value, unit=unit), bounds, unit)
        assert back == value and str(back) == str(value)
    assert str(from_exchange(to_exchange(value))) == str(value)


@given(st.text(max_size=60))
@example("2,471.8")
@example("123 456 789 012 345 678")
@example("\x00")
@example("9" * 5000)
def test_no_typed_text_crashes_the_parser(text):
    for bounds in KINDS.values():
        try:
            value = parse_number(text, bounds, "%")
        except FigureError as error:
            assert str(error)
            continue
        if value is not None:
            assert figure_problem(value, bounds) is None
            assert parse_number(format_number(value), bounds) == value


@given(st.text(alphabet="0123456789 ,.-−–+%\u00a0\u202fabc/", max_size=24))
def test_what_is_read_prints_back_to_the_same_digits(text):
    try:
        value = parse_number(text, INDICATOR, "%")
    except FigureError:
        return
    if value is not None:
        printed = format_number(value)
        assert str(parse_number(printed)) == str(value)
