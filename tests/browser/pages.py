"""What a person does on the console's screens, in the words of the screens (Chinese)."""

from __future__ import annotations

import io

from PIL import Image
from playwright.async_api import Locator, Page, expect

OK_BUTTON = ".ant-modal-footer .ant-btn-primary"


def scene_photo() -> bytes:
    """A small JPEG such as a phone takes: the photo attached to the report."""
    picture = Image.new("RGB", (640, 480), (200, 60, 40))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=80)
    return out.getvalue()


async def choose(page: Page, field: str, option: str) -> None:
    """Pick `option` in the antd select whose form field is `field`."""
    await page.locator(f"#{field}").click()
    await page.locator(
        ".ant-select-dropdown:visible .ant-select-item-option", has_text=option
    ).first.click()


async def confirm(page: Page) -> None:
    """Press OK in the open dialog and wait for it to close."""
    await page.locator(OK_BUTTON).click()
    await page.locator(".ant-modal").wait_for(state="hidden")


def task_row(page: Page, case_id: str) -> Locator:
    return page.locator("tr.task-row", has_text=case_id)


async def act_on_task(page: Page, case_id: str, button: str) -> None:
    """Open a task's action in the row of its case."""
    await task_row(page, case_id).get_by_role("button", name=button).click()


async def fill_report(page: Page, *, description: str, institution: str) -> None:
    """A grid worker's report: type, what was seen, the registry's institution, here, a photo."""
    await choose(page, "incident_type", "无证办学")
    await page.locator("#description").fill(description)
    await page.get_by_role("button", name="定位").click()
    await expect(page.locator("#latitude")).not_to_have_value("")
    await page.locator("#institution_name").fill(institution[:4])
    await page.locator(".ant-select-item-option", has_text=institution).first.click()
    await page.get_by_test_id("picked-institution").wait_for()
    async with page.expect_file_chooser() as chooser:
        await page.locator(".ant-upload-select").click()
    await (await chooser.value).set_files(
        files=[{"name": "scene.jpg", "mimeType": "image/jpeg", "buffer": scene_photo()}]
    )
    await page.locator(".ant-upload-list-item").first.wait_for()
