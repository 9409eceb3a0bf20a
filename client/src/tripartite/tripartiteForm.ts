import { tripartiteParties, type TripartiteParty } from '@lagverk/shared';
import { optionalText, requiredText } from '../forms/formValues.ts';
import { listValue } from '../teams/teamForm.ts';

/** A text's inputs as strings; parties are space-separated, as the checkbox group keeps them. */
export interface TextFormValues extends Record<string, string> {
  title: string;
  body: string;
  changeNote: string;
  agreedOn: string;
  agreedBy: string;
  arenaMeetingId: string;
}

export const emptyTextValues = (): TextFormValues => ({ title: '', body: '', changeNote: '', agreedOn: '', agreedBy: '', arenaMeetingId: '' });

const parties = (text: string) => listValue(text).filter((p): p is TripartiteParty => (tripartiteParties as readonly string[]).includes(p));

/** What every text sends: the agreement facts are left out when not given. */
export const textPayload = (values: TextFormValues) => ({
  title: requiredText(values.title),
  // Paragraphs and line breaks are the writers'; only the ends are trimmed.
  body: requiredText(values.body),
  agreedOn: optionalText(values.agreedOn),
  agreedBy: parties(values.agreedBy),
  arenaMeetingId: optionalText(values.arenaMeetingId),
});
