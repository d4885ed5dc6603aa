"""Every registry use case over the fake unit of work: what it stores and what it announces."""

from __future__ import annotations

import io
import random

import pytest
from openpyxl import load_workbook

from contracts.events import (
    ComplianceViolationResolved,
    InstitutionChanged,
    InstitutionLifecycleChanged,
    InstitutionRegistered,
)
from govkit.errors import Invalid, NotAllowed, NotFound, WrongState
from govkit.http import PageParams
from institutions import service
from institutions.domain.importing import FileRejected
from institutions.domain.model import InstitutionData, ListStatus, State
from institutions.domain.search import SearchFilters
from institutions.tabular import read_rows
from tests.fast.support import PEOPLE, T0
from tests.support.registry import compliant_row, csv_file, subject_row

PAGE = PageParams(offset=0, limit=50)
ANYTHING = SearchFilters()
LATE = "少儿篮球@fri 19:00-21:00 term"  # ends after 20:30: breaks `training_hours`


def data(seed: int = 1, row=compliant_row, **changes: str) -> InstitutionData:
    raw = row(random.Random(seed), **changes)
    return InstitutionData.model_validate({k: v for k, v in raw.items() if v != ""})


def registered(uow, rules, item: InstitutionData | None = None, username: str = "district_yuhua"):
    command = service.RegisterInstitution(item or data(), PEOPLE[username], rules)
    return service.register(command, uow)


def imported(uow, rules, rows, username="district_yuhua", accept_partial=False):
    command = service.ImportFile(
        "rows.csv", csv_file(rows), PEOPLE[username], rules, accept_partial
    )
    return service.import_file(command, uow)


def kinds(events) -> list[str]:
    return [type(event).__name__ for event in events]


def test_register_stores_a_pending_institution_and_announces_it(uow, rules):
    row = registered(uow, rules, data(legal_representative="赵某"))
    assert uow.repo.institution(row.institution_id) is row
    assert (row.state, row.registered_at) == ("pending", T0)
    [event] = uow.committed
    assert isinstance(event, InstitutionRegistered)
    assert (event.institution_id, event.registered_by, event.state) == (
        row.institution_id,
        "district_yuhua",
        "pending",
    )
    assert (row.legal_representative, event.legal_representative) == ("赵某", "赵某")


def test_a_rule_breaker_is_registered_with_one_open_violation(uow, rules):
    row = registered(uow, rules, data(courses=LATE))
    assert kinds(uow.committed) == ["InstitutionRegistered", "ComplianceViolationFound"]
    found = uow.committed[1]
    assert (found.rule, found.grid, found.institution_name) == (
        "training_hours",
        "dongtang-01",
        row.name,
    )
    [violation] = uow.repo.open_violations(row.institution_id)
    assert (violation.violation_id, violation.severity) == (found.violation_id, "normal")


def test_a_refused_registration_stores_and_announces_nothing(uow, rules):
    with pytest.raises(NotAllowed, match="education"):
        registered(uow, rules, data(row=subject_row), username="market_officer")
    first = registered(uow, rules)
    with pytest.raises(WrongState, match=f"{first.credit_code} is already registered"):
        registered(uow, rules, data(name="另一家"))
    assert list(uow.repo.institutions_by_id) == [first.institution_id]
    assert kinds(uow.committed) == ["InstitutionRegistered"]


def test_an_import_registers_every_row_keeping_its_state(uow, rules):
    rng = random.Random(4)
    report = imported(uow, rules, [compliant_row(rng, state="approved") for _ in range(3)])
    assert report.model_dump() == {
        "imported": 3,
        "rejected_rows": 0,
        "error_count": 0,
        "errors": [],
    }
    assert {row.state for row in uow.repo.institutions_by_id.values()} == {"approved"}
    assert kinds(uow.committed) == ["InstitutionRegistered"] * 3


def test_a_file_with_a_bad_row_is_rejected_whole_unless_partial_is_accepted(uow, rules):
    rng = random.Random(5)
    rows = [compliant_row(rng), compliant_row(rng, latitude="north"), compliant_row(rng)]
    with pytest.raises(FileRejected) as rejected:
        imported(uow, rules, rows)
    assert (rejected.value.report.imported, rejected.value.report.rejected_rows) == (0, 1)
    assert [(e.row, e.field) for e in rejected.value.report.errors] == [(3, "latitude")]
    assert uow.repo.institutions_by_id == {} and uow.committed == []

    partial = imported(uow, rules, rows, accept_partial=True)
    assert (partial.imported, partial.rejected_rows) == (2, 1)
    assert len(uow.repo.institutions_by_id) == 2


def test_rows_already_in_the_registry_and_unreadable_files_are_refused(uow, rules):
    rng = random.Random(6)
    rows = [compliant_row(rng), compliant_row(rng)]
    imported(uow, rules, rows[:1])
    with pytest.raises(FileRejected) as rejected:
        imported(uow, rules, rows)
    [error] = rejected.value.report.errors
    assert (error.row, error.field) == (2, "credit_code") and "already" in error.reason
    bad = service.ImportFile("x.csv", b"nickname\nx\n", PEOPLE["admin_user"], rules)
    with pytest.raises(Invalid, match="accepted columns"):
        service.import_file(bad, uow)
    assert len(uow.committed) == 1


def test_an_edit_announces_the_fields_it_changed_and_resolves_what_it_fixed(uow, rules):
    row = registered(uow, rules, data(courses=LATE))
    fixed = data(
        state="pending",
        name="星辰篮球",
        courses="少儿篮球@fri 18:30-20:30 term",
        legal_representative="钱某",
    )
    edited = service.edit(
        service.EditInstitution(row.institution_id, fixed, PEOPLE["admin_user"], rules), uow
    )
    assert (edited.name, edited.updated_at) == ("星辰篮球", T0)
    changed, resolved = uow.committed[2:]
    assert isinstance(changed, InstitutionChanged)
    assert changed.fields == ["courses", "legal_representative", "name"]
    assert changed.legal_representative == "钱某"
    assert isinstance(resolved, ComplianceViolationResolved)
    assert resolved.violation_id == uow.committed[1].violation_id
    assert uow.repo.open_violations(row.institution_id) == []


def test_an_edit_that_changes_nothing_commits_nothing(uow, rules):
    row = registered(uow, rules, data(courses=LATE))
    commits = uow.commits
    same = data(state="pending", courses=LATE)
    service.edit(
        service.EditInstitution(row.institution_id, same, PEOPLE["district_yuhua"], rules), uow
    )
    assert uow.commits == commits


@pytest.mark.parametrize(
    ("username", "changes", "refusal", "says"),
    [
        ("edu_officer_furong", {}, NotFound, "in your scope"),
        ("market_officer", {}, NotAllowed, "sports"),
        ("district_yuhua", {"district": "furong"}, NotAllowed, "furong"),
        ("district_yuhua", {"state": "approved"}, WrongState, "lifecycle"),
        ("district_yuhua", {"credit_code": data(seed=2).credit_code}, WrongState, "already"),
    ],
)
def test_refused_edits_change_nothing(uow, rules, username, changes, refusal, says):
    row = registered(uow, rules)
    registered(uow, rules, data(seed=2))
    edit = data(**{"state": "pending", "name": "改名"} | changes)
    before = row.model_dump()
    with pytest.raises(refusal, match=says):
        service.edit(
            service.EditInstitution(row.institution_id, edit, PEOPLE[username], rules), uow
        )
    assert row.model_dump() == before
    assert kinds(uow.committed) == ["InstitutionRegistered"] * 2


def test_a_lifecycle_change_records_who_when_why_and_rechecks_the_rules(uow, rules):
    row = registered(uow, rules, data(courses=LATE))
    approve = service.ChangeLifecycle(
        row.institution_id, State.APPROVED, "材料齐全", PEOPLE["district_yuhua"], rules
    )
    record = service.change_lifecycle(approve, uow)
    [entry] = record.history
    assert (entry.from_state, entry.to_state, entry.changed_by, entry.changed_at) == (
        "pending",
        "approved",
        "district_yuhua",
        T0,
    )
    assert record.institution.state == "approved" and len(record.open_violations) == 1
    assert isinstance(uow.committed[-1], InstitutionLifecycleChanged)

    close = service.ChangeLifecycle(
        row.institution_id, State.CLOSED, "停业整顿", PEOPLE["district_yuhua"], rules
    )
    closed = service.change_lifecycle(close, uow)
    # A closed institution no longer trains: its violation is resolved.
    assert kinds(uow.committed[-2:]) == [
        "InstitutionLifecycleChanged",
        "ComplianceViolationResolved",
    ]
    assert closed.open_violations == [] and len(closed.history) == 2


def test_a_refused_lifecycle_change_records_nothing(uow, rules):
    row = registered(uow, rules, data(row=subject_row))
    approve = service.ChangeLifecycle(
        row.institution_id, State.APPROVED, "申请审批", PEOPLE["edu_officer"], rules
    )
    with pytest.raises(WrongState, match="K-9"):
        service.change_lifecycle(approve, uow)
    assert row.state == "pending" and uow.repo.lifecycle == []
    assert kinds(uow.committed) == ["InstitutionRegistered"]


def test_search_is_within_the_readers_area_filtered_and_paged(uow, rules):
    for seed, grid in enumerate(["dongtang-01", "dongtang-02"] * 3):
        registered(uow, rules, data(seed=seed, name=f"雨花培训{seed:02d}", grid=grid))
    registered(uow, rules, data(seed=9, name="圭塘机构", township="guitang", grid="guitang-01"))
    rows, count = service.search(PEOPLE["grid_dongtang"], ANYTHING, PAGE, uow)
    assert (count, [r.name for r in rows]) == (3, ["雨花培训00", "雨花培训02", "雨花培训04"])
    second_page = PageParams(offset=2, limit=2)
    rows, count = service.search(PEOPLE["leader_city"], SearchFilters(q="雨花"), second_page, uow)
    assert (count, [r.name for r in rows]) == (6, ["雨花培训02", "雨花培训03"])
    guitang = SearchFilters(township="guitang")
    assert service.search(PEOPLE["township_dongtang"], guitang, PAGE, uow)[1] == 0
    assert service.search(PEOPLE["edu_officer_furong"], ANYTHING, PAGE, uow)[1] == 0


def test_one_institution_is_read_with_its_violations_or_not_found(uow, rules):
    row = registered(uow, rules, data(courses=LATE))
    record = service.institution(row.institution_id, PEOPLE["grid_dongtang"], uow)
    assert record.institution is row and [v.rule for v in record.open_violations] == [
        "training_hours"
    ]
    for outsider in ("grid_guitang", "edu_officer_furong"):
        with pytest.raises(NotFound):
            service.institution(row.institution_id, PEOPLE[outsider], uow)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("headers", ["en", "zh"])
def test_an_export_is_a_file_that_imports_again(uow, rules, file_format, headers):
    rows = [
        compliant_row(random.Random(seed), name=f"导出{seed}", legal_representative=f"赵{seed}")
        for seed in range(3)
    ]
    imported(uow, rules, rows)
    search = SearchFilters(q="导出")
    command = service.Export(PEOPLE["grid_dongtang"], search, file_format, headers)
    content, filename = b"".join(service.export(command, uow)), f"again.{file_format}"
    read = [row for _, row in read_rows(filename, content)]
    assert sorted(row["legal_representative"] for row in read) == ["赵0", "赵1", "赵2"]
    again = service.ImportFile(filename, content, PEOPLE["admin_user"], rules)
    with pytest.raises(FileRejected) as rejected:
        service.import_file(again, uow)
    # Every row is understood; each is refused only because it is already registered.
    assert {(e.field, "already" in e.reason) for e in rejected.value.report.errors} == {
        ("credit_code", True)
    }
    assert rejected.value.report.rejected_rows == 3


def test_the_public_lists_cover_the_city_and_only_their_list(uow, rules):
    listed = {"list_reason": "证照齐全", "list_date": "2026-09-01"}
    registered(uow, rules, data(seed=1, list_status="white", **listed))
    registered(uow, rules, data(seed=2, list_status="black", **listed))
    registered(uow, rules, data(seed=3))
    rows, count = service.published_list("white", ANYTHING, PAGE, uow)
    assert count == 1 and rows[0].list_status == ListStatus.WHITE
    assert service.published_list("black", SearchFilters(district="furong"), PAGE, uow)[1] == 0


def test_a_ban_enters_the_black_list_with_its_reason_and_a_closure_leaves_the_white_list(
    uow, rules
):
    white = {"list_status": "white", "list_reason": "证照齐全", "list_date": "2026-09-01"}
    banned = registered(uow, rules, data(seed=1, **white))
    closed = registered(uow, rules, data(seed=2, **white))
    for row, to, why in (
        (banned, State.BANNED, "无证办学，依法取缔"),
        (closed, State.APPROVED, "材料齐全"),
        (closed, State.CLOSED, "停业整顿"),
    ):
        change = service.ChangeLifecycle(
            row.institution_id, to, why, PEOPLE["district_yuhua"], rules
        )
        service.change_lifecycle(change, uow)
    assert service.published_list("white", ANYTHING, PAGE, uow)[1] == 0
    [black], count = service.published_list("black", ANYTHING, PAGE, uow)
    assert count == 1 and black.institution_id == banned.institution_id
    assert (black.list_reason, str(black.list_date)) == ("无证办学，依法取缔", "2026-11-23")
    assert (closed.list_status, closed.list_reason, closed.list_date) == ("none", None, None)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_export_writes_formula_like_cells_as_text_that_imports_unchanged(
    uow, rules, file_format
):
    formula = '=HYPERLINK("http://evil.example","点我")'
    registered(uow, rules, data(name=formula, address="@雨花路1号"))
    command = service.Export(PEOPLE["admin_user"], ANYTHING, file_format)
    content = b"".join(service.export(command, uow))
    if file_format == "csv":
        assert "'=HYPERLINK" in content.decode("utf-8-sig")
        assert "'@雨花路1号" in content.decode("utf-8-sig")
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == formula]
        assert [(c.data_type, c.quotePrefix) for c in cells] == [("s", True)]
    [(_, row)] = read_rows(f"exported.{file_format}", content)
    assert (row["name"], row["address"]) == (formula, "@雨花路1号")
