"""`python -m institutions` serves the institutions service (127.0.0.1 unless GOV_HOST says otherwise)."""

import uvicorn

from institutions.app import create_app
from institutions.settings import InstitutionsSettings

if __name__ == "__main__":
    settings = InstitutionsSettings()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port)
