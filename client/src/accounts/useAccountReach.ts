import type { Team } from '@lagverk/shared';
import { storeToRefs } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import { listMembers, listTeams } from '../teams/api.ts';
import { useUnitDirectoryStore } from '../units/unitDirectoryStore.ts';

/**
 * The units a person leads and the teams they coordinate now: where the unitManager and
 * coordinator roles come from (the server derives them the same way). A person is on a
 * handful of teams, so asking each for its members is cheap.
 */
export function useAccountReach(personId: () => string | undefined) {
  const directory = useUnitDirectoryStore();
  const { units } = storeToRefs(directory);
  void directory.ensureLoaded();
  const leads = computed(() => units.value.filter((unit) => unit.active && unit.managerId === personId()));

  const coordinates = shallowRef<Team[]>([]);
  const loaded = shallowRef(false);
  watch(personId, async (id) => {
    coordinates.value = [];
    loaded.value = false;
    if (!id) return;
    try {
      const teams = (await listTeams({ personId: id, limit: 200 })).items;
      const memberships = await Promise.all(teams.map((team) => listMembers(team.id)));
      coordinates.value = teams.filter((_team, i) =>
        memberships[i]!.items.some((m) => m.personId === id && m.role === 'coordinator' && m.leftOn === null));
    } catch {
      // Only a note on the page; the account itself is shown either way.
    } finally {
      loaded.value = true;
    }
  }, { immediate: true });

  return { leads, coordinates, loaded };
}
