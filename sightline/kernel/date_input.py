"""The GOV.UK date input pattern for every form: day, month and year in three labelled boxes
(or month and year for a month), never the browser's date picker.

https://design-system.service.gov.uk/components/date-input/ — the boxes sit in a fieldset
whose legend is the field's label (crispy-forms-gds draws a multi-value field that way); they
wrap on a narrow screen and at 400% zoom. Each box is named ``<field>_day``, ``<field>_month``,
``<field>_year``. A single value posted under the field's own name (``2026-09-30`` or
``30/09/2026``, as API clients, scripts and older pages send) is read too.

Forms declare ``DateField(...)`` and ``MonthField(...)`` from here instead of Django's; the
cleaned value is a :class:`datetime.date` (the first of the month for a month).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

_BOX = "govuk-input govuk-date-input__input"
_SINGLE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %m %Y")
_MONTH_FORMATS = ("%Y-%m", "%m/%Y", "%m %Y")
_DIGITS = re.compile(r"^\s*[0-9]+\s*$")
YEAR_MIN, YEAR_MAX = 1900, 2100


def _box(label: str, width: int, mode: str = "numeric") -> forms.TextInput:
    return forms.TextInput(
        attrs={
            "class": f"{_BOX} govuk-input--width-{width}",
            "label": label,
            "inputmode": mode,
        }
    )


class _BoxesWidget(forms.MultiWidget):
    template_name = "gds/widgets/date.html"
    parts: tuple[str, ...] = ()
    single_formats: tuple[str, ...] = ()

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if not any(f"{name}_{part}" in data for part in self.parts) and name in data:
            text = str(data.get(name) or "").strip()
            for fmt in self.single_formats:
                try:
                    found = datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
                except ValueError:
                    continue
                return [str(v) for v in self.decompress(found) or ()]
            return [text, *([""] * (len(self.parts) - 1))] if text else [""] * len(self.parts)
        return super().value_from_datadict(data, files, name)


class DateBoxes(_BoxesWidget):
    parts = ("day", "month", "year")
    single_formats = _SINGLE_FORMATS

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            {"day": _box("Day", 2), "month": _box("Month", 2), "year": _box("Year", 4)}, attrs
        )

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class MonthBoxes(_BoxesWidget):
    parts = ("month", "year")
    single_formats = _MONTH_FORMATS

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"month": _box("Month", 2), "year": _box("Year", 4)}, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value[:7] + "-01")
            except ValueError:
                return [None, None]
        if isinstance(value, date):
            return [value.month, value.year]
        return [None, None]


def _number(name: str) -> forms.CharField:
    return forms.CharField(
        label=name.capitalize(),
        error_messages={"incomplete": f"Enter the {name}"},
    )


class _BoxesField(forms.MultiValueField):
    parts: tuple[str, ...] = ()
    what = "date"
    example = ""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", f"For example, {self.example}")
        kwargs.setdefault("require_all_fields", False)
        super().__init__(
            fields=tuple(_number(part) for part in self.parts),
            error_messages={
                "required": f"Enter the {self.what}",
                "incomplete": f"Enter the {self.what} in full: " + ", ".join(self.parts),
            },
            **kwargs,
        )

    def _parts(self, data_list: list[Any]) -> dict[str, int] | None:
        if not data_list or not any(v not in self.empty_values for v in data_list):
            return None
        values = dict(zip(self.parts, data_list, strict=False))
        bad = [part for part, v in values.items() if not _DIGITS.match(str(v or ""))]
        if bad:
            raise ValidationError(
                f"The {self.what} must be real numbers: check the " + " and ".join(bad),
                code="invalid",
            )
        numbers = {part: int(str(v).strip()) for part, v in values.items()}
        if not YEAR_MIN <= numbers["year"] <= YEAR_MAX:
            raise ValidationError(
                "Enter the year as 4 digits, for example 2027", code="invalid_year"
            )
        return numbers


class DateField(_BoxesField):
    """A date as three boxes: day, month, year (the GOV.UK date input)."""

    widget = DateBoxes
    parts = ("day", "month", "year")
    example = "27 3 2027"

    def compress(self, data_list: list[Any]) -> date | None:
        numbers = self._parts(data_list)
        if numbers is None:
            return None
        try:
            return date(numbers["year"], numbers["month"], numbers["day"])
        except ValueError as exc:
            raise ValidationError("Enter a real date", code="invalid_date") from exc


class MonthField(_BoxesField):
    """A month as two boxes: month, year; cleaned to the first day of the month."""

    widget = MonthBoxes
    parts = ("month", "year")
    what = "month"
    example = "11 2026"

    def compress(self, data_list: list[Any]) -> date | None:
        numbers = self._parts(data_list)
        if numbers is None:
            return None
        if not 1 <= numbers["month"] <= 12:
            raise ValidationError("Enter a month from 1 to 12", code="invalid_month")
        return date(numbers["year"], numbers["month"], 1)


__all__ = ["DateBoxes", "DateField", "MonthBoxes", "MonthField"]
