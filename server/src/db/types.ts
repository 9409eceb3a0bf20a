import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// The database as Kysely sees it, written by hand in this one place. Migrations do not
// import it (they are frozen in time); tests check it against the migrated schema.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  org_number: string;
  written_standard: Generated<'nb' | 'nn'>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UnitsTable {
  organisation_id: string;
  id: Generated<string>;
  parent_id: string | null;
  manager_id: string | null;
  name: string;
  kind: 'serviceArea' | 'unit' | 'section';
  description: string | null;
  external_id: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PeopleTable {
  organisation_id: string;
  id: Generated<string>;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  profession: string | null;
  unit_id: string | null;
  external_id: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IdempotencyKeysTable {
  organisation_id: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  response_status: number | null;
  response_body: string | null;
  response_headers: ColumnType<Record<string, string> | null, string | null, string | null>;
  created_at: Timestamp;
}

export interface DB {
  organisations: OrganisationsTable;
  units: UnitsTable;
  people: PeopleTable;
  idempotency_keys: IdempotencyKeysTable;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type UnitRow = Selectable<UnitsTable>;
export type NewUnit = Insertable<UnitsTable>;
export type UnitUpdate = Updateable<UnitsTable>;
export type PersonRow = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
