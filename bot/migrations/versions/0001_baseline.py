"""The schema of the first release: chats, answers and feedback; the calendar's events and
changes; the reminders' subscriptions and deliveries.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    """Create the first release's tables."""
    op.create_table(
        "chats",
        sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("bloc_key", sa.String(32)),
        sa.Column("last_answer_id", sa.Integer),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("chat_id", sa.BigInteger, nullable=False),
        sa.Column("user_id", sa.BigInteger),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("sources", sa.Text, nullable=False),
        sa.Column("understood", sa.Text),
        sa.Column("generated_by", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_answers_chat_id", "answers", ["chat_id"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "answer_id",
            sa.Integer,
            sa.ForeignKey("answers.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("user_id", sa.BigInteger, nullable=False),
        sa.Column("rating", sa.SmallInteger, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("answer_id", "user_id"),
    )
    op.create_table(
        "calendar_events",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("bloc", sa.Text),
        sa.Column("province", sa.Text),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("time", sa.Time),
        sa.Column("place", sa.Text),
        sa.Column("host", sa.Text),
        sa.Column("recurring", sa.Boolean, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created_by", sa.BigInteger),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "calendar_changes",
        sa.Column("event_id", sa.String(80), primary_key=True),
        sa.Column("original", sa.Date, primary_key=True),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("time", sa.Time),
        sa.Column("cancelled", sa.Boolean, nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("changed_by", sa.BigInteger),
        sa.Column("changed_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "reminder_subscriptions",
        sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("blocs", sa.JSON, nullable=False),
        sa.Column("leads", sa.JSON, nullable=False),
        sa.Column("enabled", sa.Boolean, nullable=False),
        sa.Column("since", sa.DateTime, nullable=False),
    )
    op.create_table(
        "reminder_deliveries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.String(80), nullable=False),
        sa.Column("original", sa.Date, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("chat_id", sa.BigInteger, nullable=False),
        sa.Column("notice", sa.String(16), nullable=False),
        sa.Column("lead_days", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("late", sa.Boolean, nullable=False),
        sa.Column("claimed_at", sa.DateTime, nullable=False),
        sa.Column("sent_at", sa.DateTime),
        sa.Column("error", sa.Text),
        sa.UniqueConstraint(
            "event_id", "date", "chat_id", "notice", "lead_days", name="uq_delivery"
        ),
    )
    op.create_index("ix_delivery_occurrence", "reminder_deliveries", ["event_id", "original"])
