import { sql, type Kysely } from 'kysely';

// Arenas for experience sharing (network meetings, the tripartite workshop, the
// administration committee, …), their composition, and their meetings: agenda, decisions,
// follow-up items, invitations with answers and attendance. And a personal calendar feed,
// of which only the token's hash is kept. Every table is audited (the audit function
// redacts `token_hash`).
//
// A meeting keeps its arena (an arena with meetings is deactivated, not deleted); its
// parts go with the meeting. A team named on an agenda item or a membership may go away
// without taking the row along: only that column is set to null.

const partyCheck = sql`party in ('politician', 'administration', 'union', 'safety', 'team', 'other')`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('arenas')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('networkMeeting', 'learningForum', 'processDay', 'tripartiteWorkshop', 'administrationCommittee', 'digitalForum')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('rhythm', 'text')
    .addColumn('interval_weeks', 'integer', (c) => c.check(sql`interval_weeks between 1 and 104`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('arenas_pkey', ['organisation_id', 'id'])
    .execute();
  await db.schema.createIndex('arenas_name_idx').on('arenas').columns(['organisation_id', 'name', 'id']).execute();

  await db.schema
    .createTable('arena_members')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('arena_id', 'uuid', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull().check(partyCheck))
    .addColumn('team_id', 'uuid')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('arena_members_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('arena_members_arena_fkey', ['organisation_id', 'arena_id'], 'arenas', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('arena_members_person_fkey', ['organisation_id', 'person_id'], 'people', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addUniqueConstraint('arena_members_person_key', ['organisation_id', 'arena_id', 'person_id'])
    .execute();
  await sql`alter table arena_members add constraint arena_members_team_fkey
    foreign key (organisation_id, team_id) references teams (organisation_id, id) on delete set null (team_id)`.execute(db);
  await db.schema.createIndex('arena_members_person_idx').on('arena_members').columns(['organisation_id', 'person_id']).execute();

  await db.schema
    .createTable('arena_meetings')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('arena_id', 'uuid', (c) => c.notNull())
    .addColumn('starts_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('ends_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('video_url', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned').check(sql`status in ('planned', 'held', 'cancelled')`))
    .addColumn('minutes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('arena_meetings_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('arena_meetings_arena_fkey', ['organisation_id', 'arena_id'], 'arenas', ['organisation_id', 'id'])
    .addCheckConstraint('arena_meetings_time_check', sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex('arena_meetings_starts_idx').on('arena_meetings').columns(['organisation_id', 'starts_at', 'id']).execute();
  await db.schema.createIndex('arena_meetings_arena_idx').on('arena_meetings').columns(['organisation_id', 'arena_id', 'starts_at']).execute();

  const meetingPart = (table: string) => db.schema
    .createTable(table)
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${table}_pkey`, ['organisation_id', 'id'])
    .addForeignKeyConstraint(`${table}_meeting_fkey`, ['organisation_id', 'meeting_id'], 'arena_meetings', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addUniqueConstraint(`${table}_position_key`, ['organisation_id', 'meeting_id', 'position']);

  await meetingPart('meeting_agenda_items')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('team_id', 'uuid')
    .addColumn('duration_minutes', 'integer', (c) => c.check(sql`duration_minutes between 1 and 1440`))
    .execute();
  await sql`alter table meeting_agenda_items add constraint meeting_agenda_items_team_fkey
    foreign key (organisation_id, team_id) references teams (organisation_id, id) on delete set null (team_id)`.execute(db);

  await meetingPart('meeting_decisions')
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();

  await meetingPart('meeting_follow_up_items')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_person_id', 'uuid', (c) => c.notNull())
    .addColumn('due_on', 'date')
    .addColumn('done', 'boolean', (c) => c.notNull().defaultTo(false))
    .addForeignKeyConstraint('meeting_follow_up_items_owner_fkey', ['organisation_id', 'owner_person_id'], 'people', ['organisation_id', 'id'])
    .execute();
  await db.schema.createIndex('meeting_follow_up_items_owner_idx').on('meeting_follow_up_items').columns(['organisation_id', 'owner_person_id']).execute();

  await db.schema
    .createTable('meeting_invitations')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.check(sql`answer in ('accepted', 'declined', 'tentative')`))
    .addColumn('answered_at', sql`timestamptz(3)`)
    .addColumn('attended', 'boolean')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('meeting_invitations_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('meeting_invitations_meeting_fkey', ['organisation_id', 'meeting_id'], 'arena_meetings', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('meeting_invitations_person_fkey', ['organisation_id', 'person_id'], 'people', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addUniqueConstraint('meeting_invitations_person_key', ['organisation_id', 'meeting_id', 'person_id'])
    .execute();
  await db.schema.createIndex('meeting_invitations_person_idx').on('meeting_invitations').columns(['organisation_id', 'person_id']).execute();

  // One feed per person: creating another replaces the token (the old link stops working).
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('calendar_feeds_pkey', ['organisation_id', 'id'])
    .addForeignKeyConstraint('calendar_feeds_person_fkey', ['organisation_id', 'person_id'], 'people', ['organisation_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addUniqueConstraint('calendar_feeds_person_key', ['organisation_id', 'person_id'])
    .addUniqueConstraint('calendar_feeds_token_key', ['organisation_id', 'token_hash'])
    .execute();

  for (const table of tables) {
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  }
}

const tables = ['arenas', 'arena_members', 'arena_meetings', 'meeting_agenda_items', 'meeting_decisions', 'meeting_follow_up_items', 'meeting_invitations', 'calendar_feeds'];

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of tables) {
    await sql`drop trigger if exists ${sql.raw(`${table}_audit`)} on ${sql.table(table)}`.execute(db);
  }
  for (const table of [...tables].reverse()) await db.schema.dropTable(table).execute();
}
