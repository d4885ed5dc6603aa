"""`python -m patrol` serves the patrol service (127.0.0.1 unless GOV_HOST says otherwise)."""

import uvicorn

from patrol.app import create_app
from patrol.settings import PatrolSettings

if __name__ == "__main__":
    settings = PatrolSettings()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port)
