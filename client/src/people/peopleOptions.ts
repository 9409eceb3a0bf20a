import { computed, onMounted, shallowRef } from 'vue';
import type { Person } from '@lagverk/shared';
import type { Option } from '../forms/options.ts';
import { listAllPeople } from './api.ts';

/** Active people as choices (for example a unit's manager), loaded when the form opens. */
export function usePeopleOptions() {
  const people = shallowRef<Person[]>([]);
  onMounted(async () => {
    try {
      people.value = await listAllPeople({ active: true, sort: 'name' });
    } catch {
      // The choice stays empty; saving still reports any real problem.
    }
  });
  const options = computed<Option[]>(() => people.value.map((person) => ({
    value: person.id,
    label: person.title ? `${person.name} (${person.title})` : person.name,
  })));
  const nameOf = (id: string) => people.value.find((person) => person.id === id)?.name ?? id;
  return { options, nameOf };
}
