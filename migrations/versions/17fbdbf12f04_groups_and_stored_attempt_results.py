"""groups, join codes and stored attempt results

Groups (classes) with co-instructors; an attempt's group and display name; each finished
attempt's scores stored once for the group dashboards.

Revision ID: 17fbdbf12f04
Revises: a5d5d3bea7df
Create Date: 2026-11-26 03:15:59.370019

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '17fbdbf12f04'
down_revision = 'a5d5d3bea7df'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('quiz_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('join_code', sa.String(length=16), nullable=False),
    sa.Column('join_token', sa.String(length=64), nullable=False),
    sa.Column('closes_on', sa.Date(), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['instructor.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('join_code'),
    sa.UniqueConstraint('join_token')
    )
    with op.batch_alter_table('quiz_group', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quiz_group_owner_id'), ['owner_id'], unique=False)

    op.create_table('group_instructor',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('instructor_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['quiz_group.id'], ),
    sa.ForeignKeyConstraint(['instructor_id'], ['instructor.id'], ),
    sa.PrimaryKeyConstraint('group_id', 'instructor_id')
    )
    op.create_table('attempt_item',
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.String(length=64), nullable=False),
    sa.Column('fraction', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], ),
    sa.PrimaryKeyConstraint('attempt_id', 'question_id')
    )
    op.create_table('attempt_result',
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('area_scores', sa.JSON(), nullable=False),
    sa.Column('area_errors', sa.JSON(), nullable=False),
    sa.Column('overall', sa.Float(), nullable=True),
    sa.Column('next_steps', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], ),
    sa.PrimaryKeyConstraint('attempt_id')
    )
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('group_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('display_name', sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f('ix_attempt_group_id'), ['group_id'], unique=False)
        batch_op.create_foreign_key('fk_attempt_group_id_quiz_group', 'quiz_group', ['group_id'], ['id'])



def downgrade():
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_constraint('fk_attempt_group_id_quiz_group', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_attempt_group_id'))
        batch_op.drop_column('display_name')
        batch_op.drop_column('group_id')

    op.drop_table('attempt_result')
    op.drop_table('attempt_item')
    op.drop_table('group_instructor')
    with op.batch_alter_table('quiz_group', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quiz_group_owner_id'))

    op.drop_table('quiz_group')
