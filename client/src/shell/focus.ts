import { nextTick } from 'vue';
import type { Router } from 'vue-router';

/**
 * After moving to another page, screen-reader and keyboard users start at its heading
 * instead of at the top of the document. The first load keeps the browser's default,
 * so the skip link is the first stop. Changing only the query (filters) keeps focus.
 */
export function moveFocusOnNavigation(router: Router) {
  router.afterEach(async (to, from, failure) => {
    if (failure || from.matched.length === 0 || to.path === from.path) return;
    await nextTick();
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.focus();
  });
}
