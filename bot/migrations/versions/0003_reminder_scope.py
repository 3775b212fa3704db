"""Reminders by scope: a subscription's province and sectors, an admin's event's sector.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    """Add the columns; existing subscriptions follow the deployment's province and every
    sector, as before."""
    op.add_column("reminder_subscriptions", sa.Column("province", sa.Text))
    op.add_column(
        "reminder_subscriptions",
        sa.Column("sectors", sa.JSON, nullable=False, server_default=sa.text("'[]'")),
    )
    op.add_column("calendar_events", sa.Column("sector", sa.Text))
