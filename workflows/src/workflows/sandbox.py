"""The workflow sandbox: what it loads afresh for each workflow run, and what it shares.

The sandbox reloads every module it does not pass through for each workflow it runs. Our own
packages hold only pure code and constants (no state a run could leave for the next), so they
are passed through: a whistle no longer re-executes its modules, a fifth of the worker's CPU
per whistle (ADR 0019). The sandbox still refuses non-deterministic calls at run time.
"""

from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

SHARED_PACKAGES = ("contracts", "govkit", "workflows")

workflow_runner = SandboxedWorkflowRunner(
    restrictions=SandboxRestrictions.default.with_passthrough_modules(*SHARED_PACKAGES)
)
"""The runner of every worker and replayer of the project."""
