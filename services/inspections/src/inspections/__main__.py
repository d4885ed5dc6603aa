"""`python -m inspections` serves the inspections service (127.0.0.1 unless GOV_HOST says otherwise)."""

import uvicorn

from inspections.app import create_app
from inspections.settings import InspectionsSettings

if __name__ == "__main__":
    settings = InspectionsSettings()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port)
