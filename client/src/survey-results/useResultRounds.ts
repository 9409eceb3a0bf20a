import type { SurveyRoundKind } from '@lagverk/shared';
import { onMounted, ref, shallowRef } from 'vue';
import { ApiError } from '../api/client.ts';
import { useSessionStore } from '../auth/sessionStore.ts';
import { listAllRounds, listTemplates } from './api.ts';

/** A round whose results may be read: closed, or past its closing time. */
export interface ResultRound {
  id: string;
  name: string;
  kind: SurveyRoundKind;
  closedOn: string;
  responses: number | null;
  templateId: string | null;
}

export interface TemplateWithRounds {
  id: string;
  name: string;
  rounds: number;
}

const day = (iso: string) => iso.slice(0, 10);

/** The rounds with results, read from the rounds (surveys:read: staff and politicians). */
export function useResultRounds() {
  const session = useSessionStore();
  const rounds = shallowRef<ResultRound[]>([]);
  const templates = shallowRef<TemplateWithRounds[]>([]);
  const loading = ref(true);
  const error = shallowRef<ApiError | null>(null);

  async function fromRounds() {
    const now = Date.now();
    const all = await listAllRounds();
    rounds.value = all
      .filter((r) => r.status === 'closed' || (r.status === 'open' && Date.parse(r.closesAt) <= now))
      .map((r) => ({
        id: r.id, name: r.name, kind: r.kind, closedOn: day(r.closedAt ?? r.closesAt), responses: r.responseCount, templateId: r.templateId,
      }))
      .sort((a, b) => b.closedOn.localeCompare(a.closedOn));
    const counts = new Map<string, number>();
    for (const r of rounds.value) if (r.templateId) counts.set(r.templateId, (counts.get(r.templateId) ?? 0) + 1);
    if (counts.size === 0) return;
    const page = await listTemplates();
    templates.value = page.items
      .filter((template) => counts.has(template.id))
      .map((template) => ({ id: template.id, name: template.name, rounds: counts.get(template.id) ?? 0 }));
  }

  onMounted(async () => {
    try {
      if (session.can('surveys:read')) await fromRounds();
    } catch (caught) {
      error.value = caught instanceof ApiError ? caught : new ApiError(0, 'unknown', String(caught));
    } finally {
      loading.value = false;
    }
  });

  return { rounds, templates, loading, error };
}
