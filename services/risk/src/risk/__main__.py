"""`python -m risk` serves the risk service (127.0.0.1 unless GOV_HOST says otherwise)."""

import uvicorn

from risk.app import create_app
from risk.settings import RiskSettings

if __name__ == "__main__":
    settings = RiskSettings()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port)
