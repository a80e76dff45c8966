"""Alembic environment: bilat runs migrations itself (store.migrate), passing the connection in."""
from alembic import context

from bilat.store.schema import Base, include_name

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  include_name=include_name)
with context.begin_transaction():
    context.run_migrations()
