"""The departments' side: each task is acknowledged (报到) through the gateway by its
department's officer a fixed delay after its dispatch was seen, except a share left for ever
unacknowledged so that the whistle escalates them."""

from __future__ import annotations

import asyncio
import random
import time

import httpx

from benchmarks.load.ledger import Task
from benchmarks.load.tokens import Tokens
from contracts.vocabulary import Department

# One officer of each department in Yuhua, the district of grid_dongtang's reports (the realm).
OFFICERS = {
    Department.EDUCATION: "edu_officer",
    Department.MARKET_SUPERVISION: "market_officer",
    Department.FIRE_SAFETY: "fire_officer",
    Department.PUBLIC_SECURITY: "police_officer",
    Department.SPORTS: "sports_officer",
    Department.CULTURE_TOURISM: "culture_officer",
    Department.SCIENCE_TECHNOLOGY: "science_officer",
    Department.CIVIL_AFFAIRS: "civil_officer",
    Department.LAW_ENFORCEMENT: "law_officer",
    Department.FINANCIAL_SUPERVISION: "finance_officer",
    Department.HUMAN_RESOURCES: "hr_officer",
}


class Agency:
    def __init__(
        self,
        http: httpx.AsyncClient,
        gateway: str,
        tokens: Tokens,
        never_share: float,
        delay: float,
        seed: int,
    ) -> None:
        self._http, self._gateway, self._tokens = http, gateway, tokens
        self._never_share, self._delay = never_share, delay
        self._draw = random.Random(seed)
        self._acknowledging: set[asyncio.Task[None]] = set()

    def on_task(self, task: Task) -> None:
        if self._draw.random() < self._never_share:
            task.never = True
            return
        acknowledging = asyncio.create_task(self._acknowledge(task))
        self._acknowledging.add(acknowledging)
        acknowledging.add_done_callback(self._acknowledging.discard)

    async def _acknowledge(self, task: Task) -> None:
        await asyncio.sleep(self._delay)
        headers = await self._tokens.bearer(OFFICERS[Department(task.department)])
        task.ack_sent_at = time.time()
        try:
            answer = await self._http.post(
                f"{self._gateway}/api/enforcement/tasks/{task.task_id}/acknowledge",
                headers=headers,
            )
        except httpx.HTTPError:
            task.ack_refused = True
        else:
            task.ack_refused = answer.status_code != 200
