import type { CurrentSession, Grant, Permission, SignIn } from '@lagverk/shared';
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import { ApiError } from '../api/client.ts';
import { getSession, signIn as postSession, signOut as deleteSession } from './api.ts';

/**
 * Who is signed in, in which organisation, and what they may do. The server decides every
 * request; `can` only lets the client leave out what would be refused anyway.
 */
export const useSessionStore = defineStore('session', () => {
  const session = shallowRef<CurrentSession | null>(null);
  /** Why the session could not be loaded, other than "not signed in" (server down, network). */
  const loadError = shallowRef<ApiError | null>(null);
  let firstLoad: Promise<void> | null = null;

  async function load() {
    try {
      session.value = await getSession();
      loadError.value = null;
    } catch (error) {
      session.value = null;
      const failure = error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error));
      loadError.value = failure.status === 401 ? null : failure;
    }
  }

  /** Loads the session once; the router waits for it before showing the first page. */
  function ensureLoaded(): Promise<void> {
    firstLoad ??= load();
    return firstLoad;
  }

  async function signIn(credentials: SignIn) {
    session.value = await postSession(credentials);
    loadError.value = null;
  }

  async function signOut() {
    try {
      await deleteSession();
    } catch (error) {
      // Already signed out (401) is what the user wanted; anything else must be said.
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
    }
    session.value = null;
  }

  function clear() {
    session.value = null;
  }

  /** The grant the user holds: 'all', 'scoped' (the server checks each resource) or null. */
  function can(permission: Permission): Grant | null {
    return session.value?.permissions[permission] ?? null;
  }

  return {
    session: computed(() => session.value),
    signedIn: computed(() => session.value !== null),
    loadError: computed(() => loadError.value),
    ensureLoaded, load, signIn, signOut, clear, can,
  };
});
