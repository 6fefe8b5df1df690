"""The GOV.UK date input: day, month and year boxes (month and year for a month)."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms

from sightline.kernel.date_input import DateField, MonthField


class _Form(forms.Form):
    due = DateField(label="Due by")
    since = DateField(label="Since", required=False)
    month = MonthField(required=False)


def _form(**data: str) -> _Form:
    return _Form(data=data)


def test_three_boxes_make_a_date() -> None:
    form = _form(due_day="30", due_month="9", due_year="2026", month_month="11", month_year="2026")
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "due": date(2026, 9, 30),
        "since": None,
        "month": date(2026, 11, 1),
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Enter the date"),
        ({"due_day": "30", "due_month": "2", "due_year": "2026"}, "Enter a real date"),
        ({"due_day": "3", "due_month": "2", "due_year": "26"}, "Enter the year as 4 digits"),
        ({"due_day": "x", "due_month": "2", "due_year": "2026"}, "check the day"),
        ({"due_day": "3", "due_year": "2026"}, "Enter the month"),
    ],
)
def test_bad_dates_say_what_is_wrong(data: dict[str, str], message: str) -> None:
    form = _form(**data)
    assert not form.is_valid()
    assert message in " ".join(form.errors["due"])


def test_a_month_outside_1_to_12_is_refused() -> None:
    form = _form(due="2026-09-30", month_month="13", month_year="2026")
    assert not form.is_valid()
    assert form.errors["month"] == ["Enter a month from 1 to 12"]


@pytest.mark.parametrize("text", ["2026-09-30", "30/09/2026"])
def test_one_value_under_the_fields_name_is_read_too(text: str) -> None:
    form = _form(due=text, month="2026-11")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["due"] == date(2026, 9, 30)
    assert form.cleaned_data["month"] == date(2026, 11, 1)


def test_it_renders_labelled_boxes_in_a_fieldset_and_no_picker() -> None:
    from django.template import Context, Template

    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(
        Context({"form": _Form(initial={"due": date(2026, 9, 30)})})
    )
    assert '<legend class="govuk-fieldset__legend">' in html
    assert 'name="due_day"' in html
    assert 'value="30"' in html
    assert 'name="due_year"' in html
    assert 'value="2026"' in html
    assert 'type="date"' not in html
    assert 'type="month"' not in html
    flat = " ".join(html.split())
    assert 'for="id_due_0">Day</label>' in flat
    assert 'id="id_due_0"' in flat
