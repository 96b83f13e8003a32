"""the browser an attempt is remembered in: a random id from that browser's session cookie

Revision ID: c9e3f1a7b2d4
Revises: c3a9f0e51d27
Create Date: 2026-12-07 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c9e3f1a7b2d4'
down_revision = 'c3a9f0e51d27'
branch_labels = None
depends_on = None


def upgrade():
    # Empty for attempts under way: their browsers' cookies still hold the token, which the
    # start page no longer reads; the taker continues by the link or the code.
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('browser_id', sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f('ix_attempt_browser_id'), ['browser_id'], unique=False)


def downgrade():
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attempt_browser_id'))
        batch_op.drop_column('browser_id')
