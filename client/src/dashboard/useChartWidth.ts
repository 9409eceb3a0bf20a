import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/**
 * The width the chart has on the page, in CSS pixels, so its SVG is drawn at that size
 * (viewBox = width) and its labels keep the page's text size however wide the column is,
 * instead of shrinking with the drawing.
 */
export function useChartWidth(element: Ref<Element | null>, initial: number, min = 200) {
  const width = ref(initial);
  let observer: ResizeObserver | null = null;

  onMounted(() => {
    const target = element.value?.parentElement;
    if (!target || typeof ResizeObserver === 'undefined') return;
    observer = new ResizeObserver(([entry]) => {
      const next = Math.floor(entry?.contentRect.width ?? 0);
      if (next > 0) width.value = Math.max(min, next);
    });
    observer.observe(target);
  });
  onBeforeUnmount(() => observer?.disconnect());

  return width;
}
