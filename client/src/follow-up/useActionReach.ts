import type { Team } from '@lagverk/shared';
import { storeToRefs } from 'pinia';
import { computed, onMounted, ref, shallowRef } from 'vue';
import { fetchAllPages } from '../api/client.ts';
import { useSessionStore } from '../auth/sessionStore.ts';
import { useUnitDirectoryStore } from '../units/unitDirectoryStore.ts';
import { subtreeIds } from '../units/unitTree.ts';

export interface ActionTarget {
  unitId: string | null;
  teamId: string | null;
}

/**
 * Which actions the user may write, so pages offer only those. It mirrors the server's
 * rule (server/src/follow-up/scope.ts), which decides: an organisation-wide grant writes
 * any action; a unit manager those for the units they lead and those below them, and for
 * teams involving such a unit; a coordinator those for the teams they coordinate. Until
 * the units and teams have loaded a scoped user is offered nothing; if they cannot be
 * loaded, everything (the server still refuses what is not theirs).
 */
export function useActionReach() {
  const session = useSessionStore();
  const directory = useUnitDirectoryStore();
  const { units, loaded: unitsLoaded, error: unitsError } = storeToRefs(directory);
  const teams = shallowRef<Team[]>([]);
  const teamsState = ref<'loading' | 'ready' | 'failed'>('loading');
  const grant = computed(() => session.can('actions:write'));
  const personId = computed(() => session.session?.account.personId ?? null);
  const roles = computed(() => session.session?.roles ?? []);

  onMounted(async () => {
    if (grant.value !== 'scoped') return;
    void directory.ensureLoaded();
    try {
      teams.value = await fetchAllPages<Team>('/teams');
      teamsState.value = 'ready';
    } catch {
      teamsState.value = 'failed';
    }
  });

  const led = computed(() => {
    const ids = new Set<string>();
    if (!roles.value.includes('unitManager')) return ids;
    for (const unit of units.value) {
      if (unit.active && unit.managerId === personId.value) for (const id of subtreeIds(units.value, unit.id)) ids.add(id);
    }
    return ids;
  });
  const teamsById = computed(() => new Map(teams.value.map((team) => [team.id, team])));

  function teamInReach(teamId: string): boolean {
    const team = teamsById.value.get(teamId);
    if (!team) return false;
    const coordinates = roles.value.includes('coordinator') && team.coordinators.some((c) => c.personId === personId.value);
    return coordinates || team.unitIds.some((id) => led.value.has(id));
  }

  /** Whether an action for this unit and team may be created or changed by the user. */
  function mayWrite(target: ActionTarget): boolean {
    if (grant.value === 'all') return true;
    if (grant.value === null) return false;
    if (unitsError.value || teamsState.value === 'failed') return true;
    if (!unitsLoaded.value || teamsState.value === 'loading') return false;
    if (!target.unitId && !target.teamId) return false;
    return (!target.unitId || led.value.has(target.unitId)) && (!target.teamId || teamInReach(target.teamId));
  }

  /** Whether the choice lists should be narrowed to what the user reaches. */
  const narrowed = computed(() => grant.value === 'scoped' && unitsLoaded.value && teamsState.value === 'ready' && !unitsError.value);

  return { grant, mayWrite, narrowed, unitInReach: (id: string) => led.value.has(id), teamInReach };
}
