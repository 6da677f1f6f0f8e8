"""The review queue (issue 19): consent, kept questions (redacted, no sender id), editors and their sessions.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback_consent",
        sa.Column("person_ref", sa.String(64), primary_key=True),
        sa.Column("given_at", sa.DateTime, nullable=False),
        sa.Column("waiting_item", sa.Integer),
        sa.Column("waiting_since", sa.DateTime),
    )
    op.create_index("ix_feedback_consent_given_at", "feedback_consent", ["given_at"])
    op.create_table(
        "feedback_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token", sa.String(43), nullable=False, unique=True),
        sa.Column("person_ref", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("group_key", sa.String(24), nullable=False),
        sa.Column("topic", sa.String(64)),
        sa.Column("confidence", sa.Float),
        sa.Column("offered", sa.String(400)),
        sa.Column("helpful", sa.String(3)),
        sa.Column("wanted", sa.Text),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("label", sa.String(20)),
        sa.Column("label_value", sa.String(64)),
        sa.Column("labelled_by", sa.String(64)),
        sa.Column("labelled_at", sa.DateTime),
    )
    # The grouped queue's aggregate reads only this index (bench/feedback_report.py --page-timing).
    op.create_index("ix_feedback_items_group_key", "feedback_items", ["group_key", "kind", "helpful", "created_at"])
    for column in ("created_at", "person_ref", "topic", "language", "helpful", "label"):
        op.create_index(f"ix_feedback_items_{column}", "feedback_items", [column])
    op.create_table(
        "editors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "editor_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("editor_id", sa.Integer, sa.ForeignKey("editors.id", ondelete="CASCADE"), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("seen_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_editor_sessions_editor_id", "editor_sessions", ["editor_id"])
    op.create_index("ix_editor_sessions_expires_at", "editor_sessions", ["expires_at"])


def downgrade() -> None:
    op.drop_table("editor_sessions")
    op.drop_table("editors")
    op.drop_table("feedback_items")
    op.drop_table("feedback_consent")
