"""`python -m oversight` serves the oversight service (127.0.0.1 unless GOV_HOST says otherwise)."""

import uvicorn

from oversight.app import create_app
from oversight.settings import OversightSettings

if __name__ == "__main__":
    settings = OversightSettings()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port)
