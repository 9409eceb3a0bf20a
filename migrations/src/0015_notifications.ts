import { sql, type Kysely } from 'kysely';

// Notifications: a personal in-app inbox, each person's choices of what they receive,
// and an outbox of emails that a sender drains (any replica; rows are claimed with
// FOR UPDATE SKIP LOCKED).
//
// None of these tables is audited, on purpose:
// - notifications is a personal inbox of high volume (one row per person per event),
//   and reading it is no organisational change;
// - notification_settings and notification_preferences are a person's own choices of
//   what reaches them, which only that person changes;
// - email_outbox holds message bodies, and a survey invitation's body carries the
//   person's personal answer link: the audit trail (kept for years) must never copy it.
//   The body is blanked once the email is sent (see docs/notifications.md).
//
// evaluation_due_notices remembers which (team, due date) has been notified, so that two
// runs or two replicas of the daily job never notify twice (the primary key decides).

const kinds = `('meetingInvitation', 'surveyInvitation', 'teamProposed', 'teamDecided', 'evaluationDue')`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw(`kind in ${kinds}`)))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'uuid', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', sql`timestamptz(3)`)
    .addPrimaryKeyConstraint('notifications_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('notifications_person_fkey', ['organisation_id', 'person_id'], 'people', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('notifications_person_idx').on('notifications')
    .columns(['organisation_id', 'person_id', 'created_at', 'id']).execute();
  await sql`create index notifications_unread_idx on notifications (organisation_id, person_id) where read_at is null`.execute(db);

  await db.schema
    .createTable('notification_settings')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('email_language', 'text', (c) => c.notNull().defaultTo('nb').check(sql`email_language in ('nb', 'nn', 'en')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('notification_settings_pkey', ['organisation_id', 'person_id'])
    .addForeignKeyConstraint('notification_settings_person_fkey', ['organisation_id', 'person_id'], 'people', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw(`kind in ${kinds}`)))
    .addColumn('in_app', 'boolean', (c) => c.notNull())
    .addColumn('email', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pkey', ['organisation_id', 'person_id', 'kind'])
    .addForeignKeyConstraint('notification_preferences_settings_fkey', ['organisation_id', 'person_id'], 'notification_settings', ['organisation_id', 'person_id'], (fk) => fk.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('email_outbox')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw(`kind in ${kinds}`)))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text')
    .addColumn('html_body', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_error', 'text')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', sql`timestamptz(3)`)
    .addPrimaryKeyConstraint('email_outbox_pkey', ['organisation_id', 'id'])
    .execute();
  // A person removed takes their pending mail with them; the row's organisation_id stays.
  await sql`alter table email_outbox add constraint email_outbox_person_fkey
    foreign key (organisation_id, person_id) references people (organisation_id, id)
    on delete cascade`.execute(db);
  await sql`create index email_outbox_pending_idx on email_outbox (next_attempt_at) where status = 'pending'`.execute(db);
  await sql`create index email_outbox_sent_idx on email_outbox (sent_at) where text_body is not null and status <> 'pending'`.execute(db);

  await db.schema
    .createTable('evaluation_due_notices')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('team_id', 'uuid', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('evaluation_due_notices_pkey', ['organisation_id', 'team_id', 'due_on'])
    .addForeignKeyConstraint('evaluation_due_notices_team_fkey', ['organisation_id', 'team_id'], 'teams', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('evaluation_due_notices').execute();
  await db.schema.dropTable('email_outbox').execute();
  await db.schema.dropTable('notification_preferences').execute();
  await db.schema.dropTable('notification_settings').execute();
  await db.schema.dropTable('notifications').execute();
}
