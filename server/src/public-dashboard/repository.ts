import { sql, type Kysely, type Selectable } from 'kysely';
import type { PublicDashboard, PublicDashboardFigure, PublicDashboardSettings, PublicDashboardSettingsPut } from '@lagverk/shared';
import type { DB, PublicDashboardsTable } from '../db/types.ts';
import { staleVersion } from '../http/preconditions.ts';
import { resultCounts } from '../dashboard/repository.ts';
import { effectGoalTrends } from '../dashboard/trends.ts';
import { today } from '../dashboard/period.ts';

// The public dashboard: its settings (one row per organisation, made on the first save;
// before that the defaults, off, are version 1) and the page itself, which holds only
// the figures the organisation chose, each an aggregate above the anonymity minimum.

type SettingsRow = Selectable<PublicDashboardsTable>;

/** How many example results the page shows. */
export const exampleResultCount = 6;

export function toSettings(row: SettingsRow | undefined, orgNumber: string): PublicDashboardSettings {
  return {
    enabled: row?.enabled ?? false,
    figures: row?.figures ?? [],
    intro: row?.intro ?? null,
    publicPath: `/offentlig/${orgNumber}`,
    version: row?.version ?? 1,
    updatedAt: row ? row.updated_at.toISOString() : null,
  };
}

export async function findSettings(db: Kysely<DB>, organisationId: string) {
  const org = await db.selectFrom('organisations').select('org_number').where('id', '=', organisationId).executeTakeFirst();
  if (!org) return null;
  const row = await db.selectFrom('public_dashboards').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
  return toSettings(row, org.org_number);
}

/** Replaces the settings if they are still at `expected` (null: whatever they are). */
export function saveSettings(db: Kysely<DB>, organisationId: string, expected: number | null, input: PublicDashboardSettingsPut) {
  const values = { enabled: input.enabled, figures: input.figures, intro: input.intro };
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('public_dashboards').select('version')
      .where('organisation_id', '=', organisationId).forUpdate().executeTakeFirst();
    if (!current) {
      // The defaults are version 1, so the first save makes version 2.
      if (expected !== null && expected !== 1) throw staleVersion(1);
      const row = await trx.insertInto('public_dashboards')
        .values({ organisation_id: organisationId, ...values, version: 2 })
        .onConflict((oc) => oc.column('organisation_id').doNothing())
        .returningAll().executeTakeFirst();
      if (row) return row;
      // Someone else saved first, at the same moment.
      const now = await trx.selectFrom('public_dashboards').select('version').where('organisation_id', '=', organisationId).executeTakeFirstOrThrow();
      throw staleVersion(now.version);
    }
    if (expected !== null && expected !== current.version) throw staleVersion(current.version);
    return trx.updateTable('public_dashboards')
      .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
      .where('organisation_id', '=', organisationId)
      .returningAll().executeTakeFirstOrThrow();
  });
}

/** The public page of the organisation with this number; null when there is none or it is off. */
export async function publicDashboard(db: Kysely<DB>, orgNumber: string): Promise<PublicDashboard | null> {
  const row = await db.selectFrom('organisations as o')
    .innerJoin('public_dashboards as d', 'd.organisation_id', 'o.id')
    .select(['o.id', 'o.name', 'o.written_standard', 'd.figures', 'd.intro'])
    .where('o.org_number', '=', orgNumber).where('d.enabled', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  const organisationId = row.id;
  const page: PublicDashboard = {
    organisation: { name: row.name, writtenStandard: row.written_standard },
    intro: row.intro,
    figures: row.figures,
  };
  const figure = async (name: PublicDashboardFigure) => {
    switch (name) {
      case 'activeTeams': {
        const active = await db.selectFrom('teams').select(sql<number>`count(*)::int`.as('n'))
          .where('organisation_id', '=', organisationId).where('status', '=', 'active').executeTakeFirstOrThrow();
        page.activeTeams = active.n;
        break;
      }
      case 'resultsByCategory':
        page.resultsByCategory = await resultCounts(db, { organisationId, unitId: null }, null);
        break;
      case 'effectGoalTrends':
        page.effectGoalTrends = await effectGoalTrends(db, organisationId, null, today());
        break;
      case 'exampleResults': {
        // Titles only, from teams the public may hear about: those at work or done.
        const results = await db.selectFrom('team_results as r')
          .innerJoin('teams as t', (join) => join.onRef('t.organisation_id', '=', 'r.organisation_id').onRef('t.id', '=', 'r.team_id'))
          .select(['r.title', 't.name as team_name', 'r.category', 'r.achieved_on'])
          .where('r.organisation_id', '=', organisationId).where('t.status', 'in', ['active', 'concluded'])
          .orderBy('r.achieved_on', 'desc').orderBy('r.id').limit(exampleResultCount).execute();
        page.exampleResults = results.map((r) => ({ title: r.title, teamName: r.team_name, category: r.category, achievedOn: r.achieved_on }));
        break;
      }
    }
  };
  await Promise.all(row.figures.map(figure));
  return page;
}
