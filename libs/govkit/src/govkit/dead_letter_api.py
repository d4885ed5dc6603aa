"""The administrator's view of a service's dead letters: list them, replay one after a fix.

Every service mounts it (`/admin/dead-letters`, reached through the gateway as
`/api/<service>/admin/dead-letters`); only `admin` may call it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from pydantic import BaseModel

from govkit.auth import require_roles
from govkit.consumers import Consumers
from govkit.dead_letter_log import DeadLetterOffice, Letter
from govkit.errors import Invalid
from govkit.http import Page, PageDep
from govkit.principal import Principal, Role

AdminDep = Annotated[Principal, Depends(require_roles(Role.ADMIN))]

router = APIRouter(prefix="/admin/dead-letters", tags=["dead letters"])


class LetterView(BaseModel):
    """A parked record: where it lay, why it was parked, and the record itself as text."""

    id: str
    consumer: str
    topic: str
    partition: int
    offset: int
    error: str
    attempts: int
    parked_at: str
    key: str | None
    headers: dict[str, str]
    value: str
    replayed_at: str | None
    replayed_by: str | None

    @classmethod
    def of(cls, letter: Letter) -> LetterView:
        def text(raw: bytes) -> str:
            return raw.decode("utf-8", "backslashreplace")

        return cls(
            id=letter.id,
            consumer=letter.consumer,
            topic=letter.topic,
            partition=letter.partition,
            offset=letter.offset,
            error=letter.error,
            attempts=letter.attempts,
            parked_at=letter.parked_at,
            key=None if letter.key is None else text(letter.key),
            headers={name: text(raw) for name, raw in letter.headers},
            value=text(letter.value),
            replayed_at=letter.replayed_at,
            replayed_by=letter.replayed_by,
        )


def _office(request: Request) -> DeadLetterOffice:
    office: DeadLetterOffice = request.app.state.dead_letters
    return office


OfficeDep = Annotated[DeadLetterOffice, Depends(_office)]


@router.get("", summary="Parked messages of this service's consumers, oldest first")
async def list_dead_letters(
    _admin: AdminDep,
    office: OfficeDep,
    page: PageDep,
    topic: Annotated[str | None, Query(description="only letters parked from this topic")] = None,
    replayed: Annotated[
        bool | None, Query(description="true: replayed only; false: waiting")
    ] = None,
) -> Page[LetterView]:
    wanted = None if topic is None else office.full_topic(topic)
    if wanted is not None and wanted not in office.topics():
        raise Invalid(
            f"topic 不是本服务消费的主题 (topic {topic!r} is not consumed here; "
            f"accepted: {', '.join(office.short_topics())})"
        )
    letters = [x for x in await office.letters() if wanted is None or x.topic == wanted]
    if replayed is not None:
        letters = [letter for letter in letters if (letter.replayed_at is not None) == replayed]
    shown = letters[page.offset : page.offset + page.limit]
    return Page(data=[LetterView.of(letter) for letter in shown], count=len(letters))


@router.post(
    "/{letter_id}/replay",
    summary="Put a parked message back on its topic, once, after the fault was fixed",
)
async def replay_dead_letter(letter_id: str, admin: AdminDep, office: OfficeDep) -> LetterView:
    return LetterView.of(await office.replay(letter_id, by=admin.username))


def mount_dead_letters(app: FastAPI, consumers: Consumers) -> DeadLetterOffice:
    """The admin routes over the letters of `consumers`, on `app`."""
    office = DeadLetterOffice(consumers)
    app.state.consumers, app.state.dead_letters = consumers, office
    app.include_router(router)
    return office
