"""Incident reports built from the seed reports' facts (长沙市雨花区)."""

from __future__ import annotations


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
