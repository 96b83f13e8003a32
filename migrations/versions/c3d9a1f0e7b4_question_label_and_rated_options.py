"""a short label per question version; a key rating and its rationale per option (rate_options)

Revision ID: c3d9a1f0e7b4
Revises: c9e3f1a7b2d4
Create Date: 2026-12-07 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3d9a1f0e7b4'
down_revision = 'c9e3f1a7b2d4'
branch_labels = None
depends_on = None


def upgrade():
    # Versions saved before labels have none (NULL): the report falls back to the prompt.
    with op.batch_alter_table('question_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('label', sa.String(length=48), nullable=True))
    # Only a rate_options question's options have a key rating; every other option keeps NULL
    # and an empty rationale.
    with op.batch_alter_table('option', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key_rating', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('rationale', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('option', schema=None) as batch_op:
        batch_op.alter_column('rationale', existing_type=sa.Text(), server_default=None)


def downgrade():
    with op.batch_alter_table('option', schema=None) as batch_op:
        batch_op.drop_column('rationale')
        batch_op.drop_column('key_rating')
    with op.batch_alter_table('question_version', schema=None) as batch_op:
        batch_op.drop_column('label')
