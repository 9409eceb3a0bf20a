import type { Router } from 'vue-router';
import { connectSession } from '../api/client.ts';
import { readRefused } from './noAccess.ts';
import { redirectTarget, signInLocation } from './redirect.ts';
import { useSessionStore } from './sessionStore.ts';

/**
 * Every route but the public ones needs a session. The session is loaded before the first
 * route resolves, so a signed-in user never sees the sign-in page flash by.
 */
export function installSessionGuard(router: Router) {
  router.beforeEach(async (to) => {
    // The answer page must not ask who the visitor is (see RouteMeta.anonymous).
    if (to.meta.anonymous) return true;
    const session = useSessionStore();
    await session.ensureLoaded();
    if (to.meta.public) {
      // Already signed in: the sign-in page has nothing to offer.
      return to.name === 'sign-in' && session.signedIn ? redirectTarget(to.query.redirect) : true;
    }
    return session.signedIn ? true : signInLocation(to.fullPath);
  });
  router.afterEach(() => {
    readRefused.value = null;
  });

  let leaving = false;
  connectSession({
    csrfToken: () => useSessionStore().session?.csrfToken ?? null,
    signedOut: () => {
      if (leaving) return;
      leaving = true;
      useSessionStore().clear();
      // A full page load, not a route change: it wipes every store, so nothing the
      // previous user loaded is left in memory for whoever signs in next on this device.
      const target = router.resolve(signInLocation(router.currentRoute.value.fullPath, 'session-ended'));
      window.location.assign(target.href);
    },
    readForbidden: (error) => {
      readRefused.value = error;
    },
  });
}

/** Signs out and reloads on the sign-in page, for the same reason as above. */
export async function signOutAndLeave(router: Router) {
  await useSessionStore().signOut();
  window.location.assign(router.resolve(signInLocation('/', 'signed-out')).href);
}
