"""The order as its printed form (整改督办单, the template's layout), fields in template order."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from pydantic import BaseModel

TITLE = "“双减”教育督导问题整改督办单"
LOCAL = ZoneInfo("Asia/Shanghai")


class Problem(BaseModel):
    item_no: int
    item: str
    found: str


class OrderForm(BaseModel):
    """编号, 督办对象, 督办时间, 发现的问题、整改要求（含时限）, the unit's 签收, 联系人, 联系电话."""

    title: str = TITLE
    number: str
    target: str
    issued_on: date
    problems: list[Problem]
    requirements: str
    deadline: datetime
    inspector: str
    signed_by_unit: str
    signed_on: date | None
    contact_name: str
    contact_phone: str


def local_day(moment: datetime) -> date:
    return moment.astimezone(LOCAL).date()


def render_text(form: OrderForm) -> str:
    """The form as plain text, laid out like the paper template."""
    problems = "\n".join(
        f"  {n}. 第{p.item_no}项（{p.item}）：{p.found}" for n, p in enumerate(form.problems, 1)
    )
    signed = f"{form.signed_on:%Y年%m月%d日}" if form.signed_on else "    年  月  日"
    return "\n".join(
        [
            form.title,
            f"编号：{form.number}",
            f"督办对象：{form.target}",
            f"督办时间：{form.issued_on:%Y年%m月%d日}",
            "发现的问题、整改要求（含时限）：",
            problems,
            f"  整改要求：{form.requirements}",
            f"  整改时限：{form.deadline.astimezone(LOCAL):%Y年%m月%d日 %H:%M}前",
            f"责任督学：{form.inspector}",
            f"学校（单位）：{form.signed_by_unit}    {signed}",
            f"联系人：{form.contact_name}    联系电话：{form.contact_phone}",
            "",
        ]
    )
