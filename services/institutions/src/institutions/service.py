"""The registry's use cases: each takes its command and a unit of work, and is the domain's only caller.

Every change re-runs the compliance rules on what it changed, in the same transaction: the
rows, the lifecycle history, the open violations and the events commit (or not) together.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from contracts.events import ComplianceViolationFound, Message
from govkit.errors import NotFound
from govkit.http import PageParams
from govkit.principal import CITY, Principal
from govkit.uow import UnitOfWork
from institutions import tabular
from institutions.domain import access, importing, lifecycle, registration, violations
from institutions.domain.compliance import RuleBook
from institutions.domain.importing import ImportReport
from institutions.domain.model import InstitutionData, ListStatus, State
from institutions.domain.search import PublishedList, SearchFilters
from institutions.store.repository import RegistryRepository
from institutions.store.tables import Institution, LifecycleEntry, OpenOrder, OpenViolation

Uow = UnitOfWork[RegistryRepository]


@dataclass(frozen=True)
class RegisterInstitution:
    data: InstitutionData
    editor: Principal
    rules: RuleBook


@dataclass(frozen=True)
class EditInstitution:
    institution_id: str
    data: InstitutionData
    editor: Principal
    rules: RuleBook


@dataclass(frozen=True)
class ChangeLifecycle:
    institution_id: str
    to: State
    reason: str
    editor: Principal
    rules: RuleBook


@dataclass(frozen=True)
class ImportFile:
    filename: str
    content: bytes
    editor: Principal
    rules: RuleBook
    accept_partial: bool = False


@dataclass(frozen=True)
class InstitutionRecord:
    """An institution with what is known about it: open violations, open rectification orders
    and lifecycle history."""

    institution: Institution
    open_violations: list[OpenViolation]
    open_orders: list[OpenOrder]
    history: list[LifecycleEntry]


def register(command: RegisterInstitution, uow: Uow) -> Institution:
    """Register a new institution by hand; it starts awaiting approval (待审批)."""
    data = registration.application(command.data, command.editor)
    with uow:
        _require_free(uow, data.credit_code)
        (row,) = _register(uow, command.rules, command.editor, [data])
        uow.commit()
    return row


def import_file(command: ImportFile, uow: Uow) -> ImportReport:
    """Import institutions from CSV or .xlsx; every row is checked before anything is written."""
    rows = tabular.read_rows(command.filename, command.content)
    good, errors = importing.check_rows(rows, command.editor)
    with uow:
        registered = uow.repo.registered_codes([data.credit_code for _, data in good])
        admitted, report = importing.admit(
            good, errors, registered, accept_partial=command.accept_partial
        )
        _register(uow, command.rules, command.editor, admitted)
        uow.commit()
    return report


def edit(command: EditInstitution, uow: Uow) -> Institution:
    """Replace an institution's registry fields (its state moves only through its lifecycle)."""
    with uow:
        row = _visible(uow, command.institution_id, command.editor)
        before, after = row.data(), command.data
        event = registration.edited(
            row.institution_id, before, after, by=command.editor, now=uow.now
        )
        if after.credit_code != before.credit_code:
            _require_free(uow, after.credit_code)
        if event is not None:
            _apply(uow, command.rules, row, after, event)
            uow.commit()
    return row


def change_lifecycle(command: ChangeLifecycle, uow: Uow) -> InstitutionRecord:
    """Approve, order rectification, close, ban or let an institution exit, saying why."""
    with uow:
        row = _visible(uow, command.institution_id, command.editor)
        before = row.data()
        event = lifecycle.change_state(
            row.institution_id,
            before,
            command.to,
            reason=command.reason,
            by=command.editor,
            now=uow.now,
        )
        uow.repo.add(LifecycleEntry.from_event(event))
        after = lifecycle.after_change(
            before, command.to, reason=command.reason, today=command.rules.context(uow.now).today
        )
        _apply(uow, command.rules, row, after, event)
        uow.commit()
        return _record(uow, row)


def search(
    reader: Principal, filters: SearchFilters, page: PageParams, uow: Uow
) -> tuple[list[Institution], int]:
    """Institutions in the reader's area matching the filters, a page at a time."""
    with uow:
        return uow.repo.search(access.read_scope(reader), filters, page)


def institution(institution_id: str, reader: Principal, uow: Uow) -> InstitutionRecord:
    """One institution in the reader's area, with its open violations, orders and history."""
    with uow:
        return _record(uow, _visible(uow, institution_id, reader))


@dataclass(frozen=True)
class Export:
    reader: Principal
    filters: SearchFilters
    file_format: tabular.FileFormat
    headers: tabular.HeaderLanguage = "en"


def export(command: Export, uow: Uow) -> Iterator[bytes]:
    """Every institution in the reader's area matching the search, as a file that imports again."""
    with uow:
        rows, _ = uow.repo.search(access.read_scope(command.reader), command.filters, page=None)
    cells = (tabular.cells(row.data()) for row in rows)
    return tabular.stream(cells, command.file_format, command.headers)


def published_list(
    list_status: PublishedList, filters: SearchFilters, page: PageParams, uow: Uow
) -> tuple[list[Institution], int]:
    """The whitelist (白名单) or blacklist (黑名单) of the whole city, for anyone to read."""
    with uow:
        listed = filters.model_copy(update={"list_status": ListStatus(list_status)})
        return uow.repo.search(CITY, listed, page)


def _visible(uow: Uow, institution_id: str, principal: Principal) -> Institution:
    found = uow.repo.institution(institution_id)
    if found is None or not access.read_scope(principal).admits(found):
        raise NotFound(f"机构不存在或无权查看 (no institution {institution_id} in your scope)")
    return found


def _require_free(uow: Uow, credit_code: str) -> None:
    if uow.repo.registered_codes([credit_code]):
        raise registration.CodeTaken(credit_code)


def _record(uow: Uow, row: Institution) -> InstitutionRecord:
    return InstitutionRecord(
        row,
        uow.repo.open_violations(row.institution_id),
        uow.repo.open_orders(row.institution_id),
        uow.repo.history(row.institution_id),
    )


def _register(
    uow: Uow, rules: RuleBook, by: Principal, items: Iterable[InstitutionData]
) -> list[Institution]:
    """Add institutions whose credit codes are known to be free, and check each against the rules."""
    rows = []
    for data in items:
        row = Institution.create(uow.new_id(), data, now=uow.now)
        uow.repo.add(row)
        uow.emit(registration.registered(row.institution_id, data, by=by, now=uow.now))
        _recheck(uow, rules, row, data, already_open=[])
        rows.append(row)
    return rows


def _apply(
    uow: Uow, rules: RuleBook, row: Institution, data: InstitutionData, event: Message
) -> None:
    """Write an institution's new data with the event that says so, then re-run the rules."""
    row.assign(data, now=uow.now)
    uow.repo.add(row)
    uow.emit(event)
    _recheck(uow, rules, row, data, uow.repo.open_violations(row.institution_id))


def _recheck(
    uow: Uow,
    rules: RuleBook,
    row: Institution,
    data: InstitutionData,
    already_open: list[OpenViolation],
) -> None:
    """Open a violation for each newly broken rule and close each that passes again."""
    open_by_rule = {violation.rule: violation for violation in already_open}
    for event in violations.recheck(
        row.institution_id,
        data,
        {rule: violation.violation_id for rule, violation in open_by_rule.items()},
        rules.context(uow.now),
        new_id=uow.new_id,
        now=uow.now,
    ):
        if isinstance(event, ComplianceViolationFound):
            uow.repo.add(OpenViolation.from_event(event))
        else:
            uow.repo.remove(open_by_rule[event.rule])
        uow.emit(event)
