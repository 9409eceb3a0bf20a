import type { Team } from '@lagverk/shared';
import { storeToRefs } from 'pinia';
import { computed, onMounted, shallowRef } from 'vue';
import { fetchAllPages } from '../api/client.ts';
import { useSessionStore } from '../auth/sessionStore.ts';
import { useUnitDirectoryStore } from '../units/unitDirectoryStore.ts';
import { buildTree, flattenTree } from '../units/unitTree.ts';

/** Teams and units to filter by and link to; a list the user cannot read stays empty. */
export function useLibraryChoices() {
  const session = useSessionStore();
  const directory = useUnitDirectoryStore();
  const { units } = storeToRefs(directory);
  const teams = shallowRef<Team[]>([]);

  onMounted(async () => {
    if (session.can('units:read')) void directory.ensureLoaded();
    if (!session.can('teams:read')) return;
    try {
      teams.value = await fetchAllPages<Team>('/teams', { sort: 'name' });
    } catch {
      // The team filter and choice are left empty; the rest of the page works.
    }
  });

  const unitOptions = computed(() =>
    flattenTree(buildTree(units.value)).map(({ unit, depth }) => ({ value: unit.id, label: `${'\u00a0\u00a0'.repeat(depth * 2)}${unit.name}` })),
  );
  const teamOptions = computed(() => teams.value.map((team) => ({ value: team.id, label: team.name })));
  return { teams, unitOptions, teamOptions };
}
