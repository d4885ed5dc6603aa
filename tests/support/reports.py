"""Incident reports built from the seed reports' facts (长沙市雨花区)."""

from __future__ import annotations

from contracts.events import IncidentReported


def unlicensed_school_report(**changes) -> dict:
    report = {
        "incident_type": "unlicensed_school",
        "description": "居民楼内无证开展初中数学学科类培训，周末上课约30名学生",
        "location": {"latitude": 28.1135, "longitude": 113.0136},
        "institution_name": "启航学堂",
        "institution_address": "长沙市雨花区东塘街道韶山北路某小区3栋201",
    }
    report.update(changes)
    return report


def incident_reported(incident_id: str, **changes) -> IncidentReported:
    """The event patrol announces for that report by grid_dongtang (give `reported_at`)."""
    facts = unlicensed_school_report(
        incident_id=incident_id,
        reporter="grid_dongtang",
        district="yuhua",
        township="dongtang",
        grid="dongtang-01",
    )
    return IncidentReported.model_validate(facts | changes)
