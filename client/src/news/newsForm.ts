import type { NewsItem } from '@lagverk/shared';
import { inputText, optionalText, requiredText } from '../forms/formValues.ts';
import { listValue } from '../teams/teamForm.ts';

/** The editor's inputs as strings; audience units are space-separated ids, pinned 'true' or ''. */
export interface NewsFormValues extends Record<string, string> {
  kind: string;
  title: string;
  body: string;
  pinned: string;
  expiresOn: string;
  audienceUnitIds: string;
}

export const emptyNewsValues = (): NewsFormValues => ({ kind: 'news', title: '', body: '', pinned: '', expiresOn: '', audienceUnitIds: '' });

export const newsToValues = (item: NewsItem): NewsFormValues => ({
  kind: item.kind,
  title: item.title,
  body: item.body,
  pinned: item.pinned ? 'true' : '',
  expiresOn: inputText(item.expiresOn),
  audienceUnitIds: item.audienceUnitIds.join(' '),
});

export const newsPayload = (values: NewsFormValues) => ({
  kind: values.kind,
  title: requiredText(values.title),
  // Paragraphs and line breaks are the author's; only the ends are trimmed.
  body: requiredText(values.body),
  pinned: values.pinned === 'true',
  expiresOn: optionalText(values.expiresOn),
  audienceUnitIds: listValue(values.audienceUnitIds),
});
