"""Enforcement HTTP API: departments report for duty and feed back; townships decide."""

from fastapi import APIRouter

from enforcement.api import cases, records, tasks

router = APIRouter()
for part in (tasks.router, cases.router, records.router):
    router.include_router(part)
