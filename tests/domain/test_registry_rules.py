"""Lifecycle transitions, the department's remit, and checking imported rows."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from govkit.errors import NotAllowed, WrongState
from govkit.principal import Principal
from institutions.domain.access import remit_problem
from institutions.domain.importing import check_rows
from institutions.domain.lifecycle import change_state
from institutions.domain.model import InstitutionData, State
from institutions.tabular import cells, read_rows, write_xlsx
from tests.support.registry import compliant_row, csv_file, subject_row

pytestmark = pytest.mark.unit
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def person(role: str, department: str | None = None, district: str | None = "yuhua") -> Principal:
    return Principal("s", f"{role}-{department}", frozenset({role}), department, district)


EDU = person("department_officer", "education")
SPORTS = person("department_officer", "sports")
MARKET = person("department_officer", "market_supervision")
DISTRICT = person("district_officer")


def data(row_factory=compliant_row, **changes) -> InstitutionData:
    row = row_factory(random.Random(3), **changes)
    return InstitutionData.model_validate({k: v for k, v in row.items() if v != ""})


def test_remit_follows_the_supervising_department_and_education_for_subject_training():
    sports_club, tutoring = data(), data(subject_row)
    assert remit_problem(SPORTS, sports_club) is None
    assert remit_problem(EDU, tutoring) is None
    assert "sports" in remit_problem(EDU, sports_club)
    assert remit_problem(MARKET, tutoring) is not None
    assert remit_problem(DISTRICT, tutoring) is None
    other_district = person("department_officer", "education", district="furong")
    assert "yuhua" in remit_problem(other_district, tutoring)
    assert remit_problem(person("grid_worker"), sports_club) is not None
    unassigned = data(supervising_department="")
    assert remit_problem(SPORTS, unassigned) is not None
    assert remit_problem(DISTRICT, unassigned) is None


def test_a_lifecycle_change_records_who_when_and_why():
    event = change_state(
        "i-1",
        data(state="approved"),
        State.RECTIFYING,
        reason="超时培训，责令整改",
        by=SPORTS,
        now=NOW,
    )
    assert (event.from_state, event.to_state, event.changed_by, event.changed_at) == (
        "approved",
        "rectifying",
        SPORTS.username,
        NOW,
    )


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"row_factory": subject_row, "state": "pending"}, "K-9"),
        ({"state": "pending", "age_group": "preschool"}, "pre-school"),
        ({"state": "banned"}, "allowed from banned: none"),
    ],
)
def test_forbidden_approvals_and_transitions(changes, says):
    with pytest.raises(WrongState, match=says):
        change_state("i-1", data(**changes), State.APPROVED, reason="审批", by=DISTRICT, now=NOW)


def test_senior_secondary_subject_and_non_subject_institutions_may_be_approved():
    for candidate in (
        data(subject_row, state="pending", age_group="senior_secondary"),
        data(state="pending"),
    ):
        event = change_state(
            "i", candidate, State.APPROVED, reason="审批通过", by=DISTRICT, now=NOW
        )
        assert event.to_state == "approved"


def test_exit_only_with_funds_settled():
    unsettled = data(unsettled_prepaid_yuan="12800")
    with pytest.raises(WrongState, match="12800 yuan still unsettled"):
        change_state("i", unsettled, State.EXITED, reason="有序退出", by=SPORTS, now=NOW)
    settled = data(unsettled_prepaid_yuan="0")
    assert change_state("i", settled, State.EXITED, reason="有序退出", by=SPORTS, now=NOW)


def test_outside_the_remit_no_lifecycle_change():
    with pytest.raises(NotAllowed):
        change_state("i", data(), State.CLOSED, reason="关停", by=MARKET, now=NOW)


def test_every_bad_row_is_reported_with_field_and_reason():
    rng = random.Random(5)
    good = compliant_row(rng)
    rows = [
        good,
        compliant_row(rng, credit_code=good["credit_code"][:-1] + "0"),
        compliant_row(rng, category="tutoring", latitude="north"),
        compliant_row(rng, courses="篮球 every saturday"),
        compliant_row(rng, list_status="black"),
        dict(good),
        compliant_row(rng, supervising_department="culture_tourism"),
    ]
    ok, errors = check_rows(read_rows("upload.csv", csv_file(rows)), SPORTS)
    assert [n for n, _ in ok] == [2]
    found = {(e.row, e.field): e.reason for e in errors}
    assert "check digit" in found[(3, "credit_code")]
    assert "'subject' or 'non_subject'" in found[(4, "category")]
    assert "valid number" in found[(4, "latitude")]
    assert "name@sat 09:00-11:00 term" in found[(5, "courses")]
    assert "list_reason and list_date" in found[(6, "row")]
    assert "same code as row 2" in found[(7, "credit_code")]
    assert (
        "sports department" not in found[(8, "remit")] and "culture_tourism" in found[(8, "remit")]
    )


def test_an_exported_row_imports_unchanged():
    original = data(
        subject_row, list_status="white", list_reason="证照齐全", list_date="2026-09-01"
    )
    content = write_xlsx([cells(original)])
    ((number, row),) = list(read_rows("export.xlsx", content))
    assert number == 2
    assert InstitutionData.model_validate(row) == original


def test_unknown_columns_are_refused_naming_the_accepted_ones():
    with pytest.raises(ValueError, match="accepted columns: credit_code, name"):
        list(read_rows("x.csv", b"credit_code,nickname\n1,2\n"))
