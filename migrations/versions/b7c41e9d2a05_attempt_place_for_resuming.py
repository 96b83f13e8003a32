"""where a taker left off: the attempt's last section and the entries kept to be fixed

Revision ID: b7c41e9d2a05
Revises: 2433c4b2561c
Create Date: 2026-12-02 14:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7c41e9d2a05'
down_revision = '2433c4b2561c'
branch_labels = None
depends_on = None


def upgrade():
    # Both empty for attempts under way: they resume as before, at the first open section.
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_section', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('entries_to_fix', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_column('entries_to_fix')
        batch_op.drop_column('last_section')
