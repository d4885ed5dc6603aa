"""The one Alembic environment every service shares; the service's tables come in the config.

`govkit.migrations` runs it with an open connection and the service's metadata in
`config.attributes`; each service keeps only its own `migrations/` revisions.
"""

from alembic import context
from sqlalchemy.types import TypeDecorator


def render_item(kind, item, _autogen_context):
    """A column type of our own is stored as its underlying type: render that."""
    if kind == "type" and isinstance(item, TypeDecorator):
        return f"sa.{item.impl!r}"
    return False


config = context.config
context.configure(
    connection=config.attributes["connection"],
    target_metadata=config.attributes["metadata"],
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
