import { changeActivityKinds, intervieweeRoles, type ChangeActivityKind, type ChangeActivitySummary } from '@lagverk/shared';
import type { Executor, StoredDetails } from './repository.ts';

// The figures of a process's activities that anyone following it may see: how many of
// each kind, which affected units have had a site visit (the source document's "site
// visits to every affected unit"), staff-meeting attendance, interviews per role and the
// themes they raised. Never a note: only roles, counts and themes leave here.

export async function activitySummary(db: Executor, organisationId: string, process: { id: string; affected_unit_ids: string[] }): Promise<ChangeActivitySummary> {
  const rows = await db.selectFrom('change_activities').select(['kind', 'held_on', 'unit_ids', 'details'])
    .where('organisation_id', '=', organisationId).where('process_id', '=', process.id).execute();
  const units = process.affected_unit_ids.length === 0 ? [] : await db.selectFrom('units').select(['id', 'name'])
    .where('organisation_id', '=', organisationId).where('id', 'in', process.affected_unit_ids).orderBy('name').orderBy('id').execute();

  const counts = Object.fromEntries(changeActivityKinds.map((k) => [k, 0])) as Record<ChangeActivityKind, number>;
  const visits = new Map<string, { count: number; last: string | null }>();
  const staffMeetings = { meetings: 0, invited: 0, attended: 0 };
  const roles = new Map(intervieweeRoles.map((r) => [r, 0]));
  // Themes are compared without regard to case; the first spelling seen names the theme.
  const themes = new Map<string, { theme: string; count: number }>();

  for (const row of rows) {
    counts[row.kind] += 1;
    if (row.kind === 'siteVisit') {
      for (const unitId of row.unit_ids) {
        const seen = visits.get(unitId) ?? { count: 0, last: null };
        visits.set(unitId, { count: seen.count + 1, last: seen.last === null || row.held_on > seen.last ? row.held_on : seen.last });
      }
    } else if (row.kind === 'staffMeeting') {
      const d = row.details as StoredDetails['staffMeeting'];
      staffMeetings.meetings += 1;
      staffMeetings.invited += d.invitedCount;
      staffMeetings.attended += d.attendedCount;
    } else if (row.kind === 'interview') {
      const d = row.details as StoredDetails['interview'];
      roles.set(d.intervieweeRole, (roles.get(d.intervieweeRole) ?? 0) + 1);
      for (const key of new Set(d.themes.map((t) => t.trim().toLocaleLowerCase('nb')))) {
        const original = d.themes.find((t) => t.trim().toLocaleLowerCase('nb') === key)!.trim();
        const seen = themes.get(key) ?? { theme: original, count: 0 };
        themes.set(key, { theme: seen.theme, count: seen.count + 1 });
      }
    }
  }

  return {
    processId: process.id,
    counts,
    siteVisits: units.map((u) => {
      const seen = visits.get(u.id);
      return { unitId: u.id, unitName: u.name, visited: seen !== undefined, visitCount: seen?.count ?? 0, lastVisitedOn: seen?.last ?? null };
    }),
    staffMeetings,
    interviewsByRole: [...roles].map(([role, count]) => ({ role, count })),
    themes: [...themes.values()].sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme, 'nb')).slice(0, 1000),
  };
}
