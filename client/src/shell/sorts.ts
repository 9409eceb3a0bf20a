import { sortOptions, type SortOption } from '@lagverk/shared';

export { sortOptions, type SortOption };

/** The message key for a sort option: "-name" becomes "sort.nameDesc". */
export const sortLabelKey = (option: SortOption) =>
  option.startsWith('-') ? `sort.${option.slice(1)}Desc` : `sort.${option}`;
