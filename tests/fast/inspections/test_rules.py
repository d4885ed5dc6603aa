"""The rule data and pure rules: checklist versions, the first deadline, uploads, layout."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from contracts.events.inspections import UnitKind
from contracts.vocabulary import IncidentType, Severity
from govkit.calendar import load_calendar
from govkit.errors import Invalid, NotFound
from govkit.uploads import Unaccepted
from inspections.domain.checklist import checklist_book
from inspections.domain.deadlines import first_deadline
from inspections.domain.evidence import media_type_of
from inspections.domain.layout import FLAT_HEADER
from inspections.rules import load_checklists, load_rectification_rules

CALENDAR = load_calendar()


def test_the_checklist_has_the_25_items_with_their_applicability():
    checklist = load_checklists().current
    assert [item.no for item in checklist.items] == list(range(1, 26))
    assert [i.no for i in checklist.applicable(UnitKind.PRIMARY_SCHOOL)] == list(range(1, 15))
    assert [i.no for i in checklist.applicable(UnitKind.SUBJECT_INSTITUTION)] == list(range(15, 26))
    assert 18 not in [i.no for i in checklist.applicable(UnitKind.NON_SUBJECT_INSTITUTION)]
    assert checklist.item(24).incident_type == IncidentType.FIRE_HAZARD
    assert checklist.item(17).compliance_rules == ("subject_rest_days", "training_hours")
    assert "20:30" in checklist.item(17).text
    with pytest.raises(Invalid):
        checklist.item(0)


def test_versions_are_kept_and_bad_data_is_refused():
    book = load_checklists()
    with pytest.raises(NotFound, match="known: 2023.1"):
        book.version("1999.1")
    raw = book.model_dump(mode="json")
    twice = {"versions": raw["versions"] * 2}
    with pytest.raises(ValueError, match="unique"):
        checklist_book(twice)
    raw["versions"][0]["items"][1]["no"] = 1
    with pytest.raises(ValueError, match="rise without repeats"):
        checklist_book(raw)


@pytest.mark.parametrize(
    ("issued", "days", "expected"),
    [
        # Monday 10:00 in Changsha, 5 working days: the next Monday at the close of office.
        (datetime(2026, 11, 23, 2, 0, tzinfo=UTC), 5, datetime(2026, 11, 30, 9, 30, tzinfo=UTC)),
        # Tuesday 29 September: 国庆 1–7 October is skipped, Saturday 10 October (调休) counts.
        (datetime(2026, 9, 29, 2, 0, tzinfo=UTC), 5, datetime(2026, 10, 12, 9, 30, tzinfo=UTC)),
        # Issued late on a Friday evening local time: counting starts the next day.
        (datetime(2026, 11, 27, 15, 0, tzinfo=UTC), 1, datetime(2026, 11, 30, 9, 30, tzinfo=UTC)),
    ],
)
def test_the_first_deadline_counts_working_days_on_the_calendar(issued, days, expected):
    deadline = first_deadline(issued, days, CALENDAR)
    assert deadline == expected and deadline.tzinfo is not None


def test_a_holiday_inside_the_deadline_moves_it():
    issued = datetime(2026, 9, 29, 2, 0, tzinfo=UTC)
    without_holidays = first_deadline(
        issued, 5, CALENDAR.__class__(CALENDAR.timezone, CALENDAR.working_hours)
    )
    assert first_deadline(issued, 5, CALENDAR) > without_holidays


def test_the_most_pressing_severity_sets_the_order_deadline():
    rules = load_rectification_rules()
    assert rules.most_pressing([Severity.COMPLEX, Severity.URGENT]) == Severity.URGENT
    assert rules.most_pressing([Severity.COMPLEX, Severity.NORMAL]) == Severity.NORMAL


@pytest.mark.parametrize(
    ("content", "media_type"),
    [
        (b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\nrest", "image/png"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"%PDF-1.7 rest", "application/pdf"),
    ],
)
def test_accepted_files_are_told_by_their_content(content, media_type):
    assert media_type_of(content) == media_type


@pytest.mark.parametrize("content", [b"", b"MZ\x90\x00", b"<html>", b"GIF89a"])
def test_other_files_are_refused_saying_what_is_accepted(content):
    with pytest.raises(Unaccepted, match="accepted: JPEG, PNG, WebP, PDF"):
        media_type_of(content)


def test_the_flat_header_speaks_the_annex():
    assert FLAT_HEADER[:4] == [
        "单位",
        "实地督导校外培训机构数量（个）",
        "其中：学科类",
        "其中：非学科类",
    ]
    assert "存在问题（个）/合计" in FLAT_HEADER
    assert "正在整改问题数/校外培训机构" in FLAT_HEADER
    assert "约谈（人次）/其中：区教育督导部门" in FLAT_HEADER
