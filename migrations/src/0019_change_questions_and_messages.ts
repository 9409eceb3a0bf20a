import { sql, type Kysely } from 'kysely';

// Questions and answers in a change process, and its communication plan.
//
// A question may be asked anonymously, and that is a property of the schema, as a survey
// response's anonymity is (0009): an anonymous question has no asker and no time.
// - asked_on is a date, never a timestamp, and a trigger sets created_at and updated_at of
//   an anonymous question to the start of that day, so the row cannot be dated to the
//   minute and set beside the asker's other requests.
// - The audit trail records the acting account on insert; an anonymous question's insert is
//   therefore not audited at all (its trigger fires only for a named question, or one a
//   writer records from a meeting, whose actor is the writer, not the asker). Updates and
//   deletes are audited as usual: their actor is the one who answers, hides or deletes.
// A question from a staff meeting points to that activity; if the activity is deleted the
// question stays, without it.
//
// The communication plan is what the process will tell whom, when and how, and what was
// told: one row a message, audited.
//
// A named asker is notified when their question is answered: a new notification kind.

const kindsBefore = ['meetingInvitation', 'surveyInvitation', 'teamProposed', 'teamDecided', 'evaluationDue'];
const kindsAfter = [...kindsBefore, 'changeQuestionAnswered'];
const kindTables = ['notifications', 'notification_preferences', 'email_outbox'];

async function allowKinds(db: Kysely<any>, kinds: string[]) {
  const list = sql.join(kinds.map((k) => sql.lit(k)));
  for (const table of kindTables) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.raw(`${table}_kind_check`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.raw(`${table}_kind_check`)} check (kind in (${list}))`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('change_questions')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('process_id', 'uuid', (c) => c.notNull())
    .addColumn('activity_id', 'uuid')
    .addColumn('asked_via', 'text', (c) => c.notNull().defaultTo('online').check(sql`asked_via in ('online', 'meeting')`))
    .addColumn('asker_person_id', 'uuid')
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('asked_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'answered', 'hidden')`))
    .addColumn('answer', 'text')
    .addColumn('answered_at', sql`timestamptz(3)`)
    .addColumn('answerer_person_id', 'uuid')
    .addColumn('hidden_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('change_questions_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('change_questions_process_fkey', ['organisation_id', 'process_id'], 'change_processes', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addCheckConstraint('change_questions_answered_check', sql`status <> 'answered' or (answer is not null and answered_at is not null)`)
    .addCheckConstraint('change_questions_hidden_check', sql`status <> 'hidden' or hidden_reason is not null`)
    .execute();
  // An activity, asker or answerer removed leaves the question, without that reference only.
  for (const [name, column, table] of [
    ['activity', 'activity_id', 'change_activities'], ['asker', 'asker_person_id', 'people'], ['answerer', 'answerer_person_id', 'people'],
  ] as const) {
    await sql`alter table change_questions add constraint ${sql.raw(`change_questions_${name}_fkey`)}
      foreign key (organisation_id, ${sql.ref(column)}) references ${sql.table(table)} (organisation_id, id)
      on delete set null (${sql.ref(column)})`.execute(db);
  }
  await db.schema.createIndex('change_questions_process_idx').on('change_questions')
    .columns(['organisation_id', 'process_id', 'asked_on', 'id']).execute();
  await db.schema.createIndex('change_questions_asker_idx').on('change_questions')
    .columns(['organisation_id', 'asker_person_id']).execute();

  await sql`create function change_questions_anonymous_time() returns trigger language plpgsql as $$
    begin
      if new.asker_person_id is null then
        new.created_at := (new.asked_on::timestamp at time zone 'Europe/Oslo');
        new.updated_at := new.created_at;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger change_questions_anonymous_time before insert on change_questions
    for each row execute function change_questions_anonymous_time()`.execute(db);
  await sql`create trigger change_questions_audit_insert after insert on change_questions
    for each row when (new.asker_person_id is not null or new.asked_via = 'meeting')
    execute function audit_row_change()`.execute(db);
  await sql`create trigger change_questions_audit after update or delete on change_questions
    for each row execute function audit_row_change()`.execute(db);

  await db.schema
    .createTable('change_messages')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('process_id', 'uuid', (c) => c.notNull())
    .addColumn('phase_id', 'uuid')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text')
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('allStaff', 'affectedStaff', 'managers', 'projectGroup',
      'unionRepresentatives', 'politicians', 'public', 'serviceUsers')`))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('informationMeeting', 'staffMeeting', 'email', 'intranet',
      'news', 'letter', 'press', 'other')`))
    .addColumn('planned_on', 'date', (c) => c.notNull())
    .addColumn('owner_person_id', 'uuid')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned').check(sql`status in ('planned', 'done', 'cancelled')`))
    .addColumn('done_on', 'date')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('change_messages_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('change_messages_process_fkey', ['organisation_id', 'process_id'], 'change_processes', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    // Done and only done has the day it was done.
    .addCheckConstraint('change_messages_done_check', sql`(status = 'done') = (done_on is not null)`)
    .execute();
  for (const [name, column, table] of [['phase', 'phase_id', 'change_process_phases'], ['owner', 'owner_person_id', 'people']] as const) {
    await sql`alter table change_messages add constraint ${sql.raw(`change_messages_${name}_fkey`)}
      foreign key (organisation_id, ${sql.ref(column)}) references ${sql.table(table)} (organisation_id, id)
      on delete set null (${sql.ref(column)})`.execute(db);
  }
  await db.schema.createIndex('change_messages_process_idx').on('change_messages')
    .columns(['organisation_id', 'process_id', 'planned_on', 'id']).execute();
  await sql`create trigger change_messages_audit after insert or update or delete on change_messages
    for each row execute function audit_row_change()`.execute(db);

  await allowKinds(db, kindsAfter);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of kindTables) {
    await sql`delete from ${sql.table(table)} where kind = 'changeQuestionAnswered'`.execute(db);
  }
  await allowKinds(db, kindsBefore);
  await sql`drop trigger if exists change_messages_audit on change_messages`.execute(db);
  await db.schema.dropTable('change_messages').execute();
  await sql`drop trigger if exists change_questions_audit on change_questions`.execute(db);
  await sql`drop trigger if exists change_questions_audit_insert on change_questions`.execute(db);
  await sql`drop trigger if exists change_questions_anonymous_time on change_questions`.execute(db);
  await db.schema.dropTable('change_questions').execute();
  await sql`drop function if exists change_questions_anonymous_time()`.execute(db);
}
