"""`python -m tests.scale.enforcement_without_relay` serves enforcement with its outbox relay
off: it commits its changes and their events and publishes none, as a process that dies between
commit and publish leaves them."""

import uvicorn

from enforcement.app import create_app
from enforcement.settings import EnforcementSettings

if __name__ == "__main__":
    settings = EnforcementSettings()
    uvicorn.run(create_app(settings, run_relay=False), host=settings.host, port=settings.port)
