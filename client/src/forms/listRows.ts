/**
 * Add, remove and move operations on an editable list of rows (criteria, questions);
 * each returns the index that should get focus next.
 */
export function listRows<T>(list: () => T[], empty: () => T) {
  return {
    add() {
      list().push(empty());
      return list().length - 1;
    },
    remove(index: number) {
      list().splice(index, 1);
      return Math.min(index, list().length - 1);
    },
    move(index: number, by: -1 | 1) {
      const rows = list();
      const target = index + by;
      if (target < 0 || target >= rows.length) return index;
      const [row] = rows.splice(index, 1);
      if (row !== undefined) rows.splice(target, 0, row);
      return target;
    },
  };
}
