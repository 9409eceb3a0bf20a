import type { ChangeProcess } from '@lagverk/shared';
import { defineStore } from 'pinia';
import { shallowReactive } from 'vue';
import { ApiError } from '../api/client.ts';
import { getChangeProcess } from './api.ts';

// The change processes read so far, by id. Every page of a process shows its header
// (title, status, tabs), so moving between the tabs reuses the process instead of
// fetching it again; the overview and a save refresh it.
export const useChangeProcessStore = defineStore('changeProcesses', () => {
  const processes = shallowReactive(new Map<string, ChangeProcess>());
  const errors = shallowReactive(new Map<string, ApiError>());
  const pending = new Map<string, Promise<void>>();

  function remember(process: ChangeProcess) {
    processes.set(process.id, process);
    errors.delete(process.id);
  }

  /** Loads the process unless it is here already (`fresh`: load it again anyway). */
  function load(id: string, options: { fresh?: boolean } = {}): Promise<void> {
    if (!options.fresh && processes.has(id)) return Promise.resolve();
    const running = pending.get(id);
    if (running) return running;
    const next = getChangeProcess(id).then(remember, (caught: unknown) => {
      processes.delete(id);
      errors.set(id, caught instanceof ApiError ? caught : new ApiError(0, 'unknown', String(caught)));
    }).finally(() => pending.delete(id));
    pending.set(id, next);
    return next;
  }

  return { processes, errors, load, remember };
});
