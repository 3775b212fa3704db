"""Alembic's environment: the revisions run on the connection (and in the transaction) that
`bot.db.migrate` hands over."""

from alembic import context

context.configure(connection=context.config.attributes["connection"])
with context.begin_transaction():
    context.run_migrations()
