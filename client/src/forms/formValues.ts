/** A text input's value for the API: trimmed, and an empty optional field is null, never "". */
export const optionalText = (value: string): string | null => value.trim() || null;

/** A required text stays a string (even empty) so validation can say it is missing. */
export const requiredText = (value: string): string => value.trim();

/** The API's null shown in an input. */
export const inputText = (value: string | null): string => value ?? '';
