"""statistics snapshot: the instructor statistics stored once per batch of first attempts

Revision ID: a5d5d3bea7df
Revises: e2d803ddf0b2
Create Date: 2026-11-26 03:20:31.483092

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a5d5d3bea7df'
down_revision = 'e2d803ddf0b2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('statistics_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('computed_at', sa.DateTime(), nullable=False),
    sa.Column('first_attempts', sa.Integer(), nullable=False),
    sa.Column('retakes', sa.Integer(), nullable=False),
    sa.Column('bank_key', sa.String(length=64), nullable=False),
    sa.Column('areas', sa.JSON(), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade():
    op.drop_table('statistics_snapshot')
