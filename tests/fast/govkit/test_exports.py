"""Downloaded files never carry a live formula, and CSV cells read back as they were."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from govkit.exports import csv_cell, csv_file, imported_cell, xlsx_row

pytestmark = pytest.mark.unit
LEADS = ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\rx"]


@pytest.mark.parametrize("text", LEADS)
def test_a_formula_like_csv_cell_is_quoted_and_unquoted_again(text):
    assert csv_cell(text) == "'" + text
    assert imported_cell(csv_cell(text)) == text


@pytest.mark.parametrize("value", ["机构", "'quoted", 5, -3, 1.5, None])
def test_other_cells_stay_as_they_are(value):
    assert csv_cell(value) == value


def test_a_csv_file_has_its_header_and_neutral_cells():
    content = csv_file(["名称", "金额"], [["=1+1", -3]]).decode("utf-8-sig")
    assert content.splitlines() == ["名称,金额", "'=1+1,-3"]


@pytest.mark.parametrize("write_only", [True, False])
def test_formula_like_xlsx_cells_are_quote_prefixed_text(write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("x")
    sheet.append(xlsx_row(sheet, ["=1+1", "plain", 7, "@x"]))
    out = io.BytesIO()
    book.save(out)
    cells = list(load_workbook(io.BytesIO(out.getvalue()))["x"].iter_rows())[0]
    assert [(c.value, c.data_type) for c in cells] == [
        ("=1+1", "s"),
        ("plain", "s"),
        (7, "n"),
        ("@x", "s"),
    ]
    assert [c.quotePrefix for c in cells] == [True, False, False, True]


@pytest.mark.parametrize("write_only", [True, False])
def test_control_characters_are_left_out_of_xlsx_cells_and_the_rest_kept(write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("x")
    sheet.append(xlsx_row(sheet, ["启\x1e航\x00学堂", "=\x07HYPERLINK()", "行一\n行二"]))
    out = io.BytesIO()
    book.save(out)
    cells = list(load_workbook(io.BytesIO(out.getvalue()))["x"].iter_rows())[0]
    assert [(c.value, c.quotePrefix) for c in cells] == [
        ("启航学堂", False),
        ("=HYPERLINK()", True),
        ("行一\n行二", False),
    ]
