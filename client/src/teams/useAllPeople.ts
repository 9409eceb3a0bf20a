import type { Person } from '@lagverk/shared';
import { computed, onMounted, shallowRef } from 'vue';
import { listAllPeople } from '../people/api.ts';

/** Everyone, active or not (former members keep their names), for a team page's names and pickers. */
export function useAllPeople() {
  const people = shallowRef<Person[]>([]);
  onMounted(async () => {
    try {
      people.value = await listAllPeople({ sort: 'name' });
    } catch {
      // Names show as "…" and the picker stays empty; the rest of the page works.
    }
  });
  const byId = computed(() => new Map(people.value.map((p) => [p.id, p])));
  const nameOf = (id: string) => byId.value.get(id)?.name ?? '…';
  return { people, byId, nameOf };
}
