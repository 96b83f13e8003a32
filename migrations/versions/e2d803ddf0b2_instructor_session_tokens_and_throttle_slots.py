"""instructor session tokens and disabled flag; one throttle table for sign-in and resume

Revision ID: e2d803ddf0b2
Revises: 431f2471dbf6
Create Date: 2026-11-26 03:19:51.814785

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e2d803ddf0b2'
down_revision = '431f2471dbf6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('throttle_slot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bucket', sa.String(length=300), nullable=False),
    sa.Column('taken_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('throttle_slot', schema=None) as batch_op:
        batch_op.create_index('ix_throttle_slot_bucket_taken_at', ['bucket', 'taken_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_throttle_slot_taken_at'), ['taken_at'], unique=False)

    # Recent sign-in failures are not carried over: at worst an account gets its five
    # tries of this minute again.
    with op.batch_alter_table('login_failure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_failure_address'))
        batch_op.drop_index(batch_op.f('ix_login_failure_at'))
        batch_op.drop_index(batch_op.f('ix_login_failure_email'))
    op.drop_table('login_failure')

    # Every existing instructor gets a session token of their own before the column
    # becomes required (old session cookies, which named the id, stop working).
    with op.batch_alter_table('instructor', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_token', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('disabled', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    instructor = sa.table('instructor', sa.column('id', sa.Integer),
                          sa.column('session_token', sa.String))
    connection = op.get_bind()
    for (instructor_id,) in connection.execute(sa.select(instructor.c.id)).all():
        connection.execute(instructor.update().where(instructor.c.id == instructor_id)
                           .values(session_token=secrets.token_urlsafe(32)))
    with op.batch_alter_table('instructor', schema=None) as batch_op:
        batch_op.alter_column('session_token', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('disabled', existing_type=sa.Boolean(), server_default=None)
        batch_op.create_index(batch_op.f('ix_instructor_session_token'), ['session_token'], unique=True)


def downgrade():
    with op.batch_alter_table('instructor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_instructor_session_token'))
        batch_op.drop_column('disabled')
        batch_op.drop_column('session_token')

    op.create_table('login_failure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('login_failure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_failure_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_login_failure_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_login_failure_address'), ['address'], unique=False)

    with op.batch_alter_table('throttle_slot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_throttle_slot_taken_at'))
        batch_op.drop_index('ix_throttle_slot_bucket_taken_at')

    op.drop_table('throttle_slot')
