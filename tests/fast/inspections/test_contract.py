"""The whistle can read an inspection's incident as it reads a grid report (ADR 0008)."""

from __future__ import annotations

from contracts.events import IncidentReported, InspectionIncidentRaised


def test_every_field_of_a_report_is_on_the_inspections_incident_with_the_same_type():
    report, raised = IncidentReported.model_fields, InspectionIncidentRaised.model_fields
    for name, field in report.items():
        assert name in raised, name
        if name == "location":  # an inspection may not know where the inspector stood
            assert raised[name].annotation == field.annotation | None
        else:
            assert raised[name].annotation == field.annotation, name
