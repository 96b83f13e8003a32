"""a listening question's stimulus (what its clips are generated from), kept with each version

Revision ID: c3a9f0e51d27
Revises: b7c41e9d2a05
Create Date: 2026-12-07 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3a9f0e51d27'
down_revision = 'b7c41e9d2a05'
branch_labels = None
depends_on = None


def upgrade():
    # Empty for every version saved before listening questions: none of them plays clips.
    with op.batch_alter_table('question_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stimulus', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('question_version', schema=None) as batch_op:
        batch_op.drop_column('stimulus')
