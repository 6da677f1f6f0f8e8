"""Flags stored as codes with parameters, rendered into words when shown (no stored English text).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("flags") as batch:
        batch.add_column(sa.Column("params", sa.Text, nullable=False, server_default="{}"))
        batch.drop_column("message")
        batch.drop_column("how_to_verify")


def downgrade() -> None:
    with op.batch_alter_table("flags") as batch:
        batch.add_column(sa.Column("message", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("how_to_verify", sa.Text, nullable=False, server_default=""))
        batch.drop_column("params")
