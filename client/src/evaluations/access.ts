import type { EvaluationPart, Grant, Team, Unit } from '@lagverk/shared';

/** Whether `personId` leads one of the team's units or a unit above one (the server's unit-manager scope). */
export function leadsTeamUnit(team: Team, personId: string, unitsById: ReadonlyMap<string, Unit>): boolean {
  return team.unitIds.some((unitId) => {
    const seen = new Set<string>();
    for (let unit = unitsById.get(unitId); unit && !seen.has(unit.id); unit = unit.parentId ? unitsById.get(unit.parentId) : undefined) {
      seen.add(unit.id);
      if (unit.active && unit.managerId === personId) return true;
    }
    return false;
  });
}

/**
 * The parts of the team's evaluations the user may write, so the page leaves out what the
 * server would refuse: the self part is the coordinator's, the manager part a manager's of
 * one of the team's units; an organisation-wide grant writes both. The server decides.
 */
export function writableParts(grant: Grant | null, personId: string | null, team: Team, unitsById: ReadonlyMap<string, Unit>): Set<EvaluationPart> {
  const parts = new Set<EvaluationPart>();
  if (grant === 'all') return new Set(['self', 'manager']);
  if (grant !== 'scoped' || !personId) return parts;
  if (team.coordinators.some((c) => c.personId === personId)) parts.add('self');
  if (leadsTeamUnit(team, personId, unitsById)) parts.add('manager');
  return parts;
}

/** Teams are evaluated once they have started (the server answers 409 `team-not-started` before). */
export const evaluable = (team: Team) => ['approved', 'active', 'paused', 'concluded'].includes(team.status);
