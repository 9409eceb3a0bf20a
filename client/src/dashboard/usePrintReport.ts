import { onBeforeUnmount, onMounted } from 'vue';

/**
 * Printing (the button, or the browser's own Print) opens every "show the figures" table
 * in the report, since a closed one prints as a bare summary line, and closes again the
 * ones the user had not opened once the print dialog is done.
 */
export function usePrintReport() {
  let opened: HTMLDetailsElement[] = [];

  function open() {
    opened = [...document.querySelectorAll<HTMLDetailsElement>('.print-report details:not([open])')];
    for (const details of opened) details.open = true;
  }
  function restore() {
    for (const details of opened) details.open = false;
    opened = [];
  }

  onMounted(() => {
    window.addEventListener('beforeprint', open);
    window.addEventListener('afterprint', restore);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('beforeprint', open);
    window.removeEventListener('afterprint', restore);
  });

  return { print: () => window.print() };
}
