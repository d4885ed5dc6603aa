"""`python -m gateway` serves the gateway service (127.0.0.1 unless GOV_HOST says otherwise)."""

import uvicorn

from gateway.app import create_app
from gateway.settings import GatewaySettings

if __name__ == "__main__":
    settings = GatewaySettings()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port)
