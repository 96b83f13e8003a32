"""question versions: rationale, self-rating scale and needs_experience

Revision ID: 2433c4b2561c
Revises: 17fbdbf12f04
Create Date: 2026-12-02 13:55:00

Existing versions get an empty rationale, no scale (NULL: the legacy "like me" scale, whose
anchors their stored options keep) and needs_experience false, so old attempts' reports read
exactly as before.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2433c4b2561c'
down_revision = '17fbdbf12f04'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('question_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rationale', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('scale', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('needs_experience', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('question_version', schema=None) as batch_op:
        batch_op.alter_column('rationale', existing_type=sa.Text(), server_default=None)
        batch_op.alter_column('needs_experience', existing_type=sa.Boolean(), server_default=None)


def downgrade():
    with op.batch_alter_table('question_version', schema=None) as batch_op:
        batch_op.drop_column('needs_experience')
        batch_op.drop_column('scale')
        batch_op.drop_column('rationale')
