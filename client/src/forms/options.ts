/** One choice in a select. */
export interface Option {
  value: string;
  label: string;
}
