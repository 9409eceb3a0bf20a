import type { Person, Team } from '@lagverk/shared';
import { computed, onMounted, shallowRef } from 'vue';
import { fetchAllPages } from '../api/client.ts';
import { useSessionStore } from '../auth/sessionStore.ts';
import { listAllPeople } from '../people/api.ts';

/** People and teams to choose from in the arena forms; a list the user cannot read stays empty. */
export function useArenaChoices() {
  const session = useSessionStore();
  const people = shallowRef<Person[]>([]);
  const teams = shallowRef<Team[]>([]);
  onMounted(async () => {
    try {
      if (session.can('people:read')) people.value = await listAllPeople({ sort: 'name' });
      if (session.can('teams:read')) teams.value = await fetchAllPages<Team>('/teams', { sort: 'name' });
    } catch {
      // The choice is missing; the rest of the form works.
    }
  });
  const personOptions = computed(() => people.value.filter((p) => p.active).map((p) => ({ value: p.id, label: p.title ? `${p.name} (${p.title})` : p.name })));
  const teamOptions = computed(() => teams.value.map((t) => ({ value: t.id, label: t.name })));
  return { people, teams, personOptions, teamOptions };
}
