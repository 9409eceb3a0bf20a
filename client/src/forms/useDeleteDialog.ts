import { shallowRef } from 'vue';

/**
 * What a "really delete?" dialog is asking about, and where focus goes back to when it
 * closes without deleting: the button that opened it.
 */
export function useDeleteDialog<T>() {
  const deleting = shallowRef<T | null>(null);
  let opener: HTMLElement | null = null;

  function ask(item: T, from: HTMLElement) {
    opener = from;
    deleting.value = item;
  }

  function close() {
    deleting.value = null;
    opener?.focus();
  }

  return { deleting, ask, close };
}
