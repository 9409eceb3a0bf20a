import { inject, provide, ref, type InjectionKey, type Ref } from 'vue';

// Which branches of the unit tree are open, shared by every level of the tree.
const key: InjectionKey<Ref<Set<string>>> = Symbol('unit-tree-expanded');

export function provideTreeExpansion(initial: Iterable<string>) {
  const expanded = ref(new Set(initial)) as Ref<Set<string>>;
  provide(key, expanded);
  return expanded;
}

export function useTreeExpansion() {
  const expanded = inject(key, ref(new Set<string>()) as Ref<Set<string>>);
  return {
    isOpen: (id: string) => expanded.value.has(id),
    toggle(id: string) {
      const next = new Set(expanded.value);
      if (!next.delete(id)) next.add(id);
      expanded.value = next;
    },
  };
}
