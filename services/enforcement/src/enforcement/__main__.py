"""`python -m enforcement` serves the enforcement service (127.0.0.1 unless GOV_HOST says otherwise)."""

import uvicorn

from enforcement.app import create_app
from enforcement.settings import EnforcementSettings

if __name__ == "__main__":
    settings = EnforcementSettings()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port)
