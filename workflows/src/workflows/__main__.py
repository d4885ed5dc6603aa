"""`python -m workflows` serves the workflows service (127.0.0.1 unless GOV_HOST says otherwise)."""

import uvicorn

from workflows.app import create_app
from workflows.settings import WorkflowSettings

if __name__ == "__main__":
    settings = WorkflowSettings()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port)
