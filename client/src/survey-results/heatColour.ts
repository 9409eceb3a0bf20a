// Heat map colours: orange for a low mean, near white in the middle, blue for
// a high one (a scale that people with red-green colour blindness can tell apart). The
// value is always written in the cell; the colour only helps the eye find patterns.

type Rgb = [number, number, number];

const low: Rgb = [239, 138, 98];
const middle: Rgb = [247, 247, 247];
const high: Rgb = [103, 169, 207];
const dark: Rgb = [27, 27, 27];
const light: Rgb = [255, 255, 255];

const mix = (a: Rgb, b: Rgb, share: number): Rgb => [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * share)) as Rgb;
const hex = (rgb: Rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/** The colour of a mean on the 1–5 scale. */
export function heatBackground(mean: number): Rgb {
  const clamped = Math.min(5, Math.max(1, mean));
  return clamped <= 3 ? mix(low, middle, (clamped - 1) / 2) : mix(middle, high, (clamped - 3) / 2);
}

function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio between two colours (1–21). */
export function contrast(a: Rgb, b: Rgb): number {
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** Background and the text colour with the better contrast on it (AA needs 4.5:1). */
export function heatStyle(mean: number): { backgroundColor: string; color: string } {
  const background = heatBackground(mean);
  const text = contrast(background, dark) >= contrast(background, light) ? dark : light;
  return { backgroundColor: hex(background), color: hex(text) };
}

/** The legend's steps. */
export const legendSteps = [1, 2, 3, 4, 5];
