type Rgb = number[];

// WCAG 2 relative luminance and contrast ratio.
const luminance = (c: Rgb) =>
  c.reduce((sum, v, i) => {
    const s = v / 255;
    return sum + [0.2126, 0.7152, 0.0722][i] * (s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4);
  }, 0);

/** The WCAG contrast ratio of two sRGB colours (1 to 21). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];
const css = (c: Rgb) => `rgb(${c.map(Math.round).join(',')})`;

/**
 * Text colours that keep 4.5:1 (WCAG AA) with any accent: `on`, text on the accent (white
 * where it reaches 4.5:1, else black, which then always does), and `text`, the accent used
 * as text on the background (the accent itself, else mixed toward black on a light
 * background or toward white on a dark one, in tenths, until it reads).
 */
export function readableColors(accent: Rgb, background: Rgb): { on: string; text: string } {
  const on = contrastRatio(accent, WHITE) >= 4.5 ? WHITE : BLACK;
  const toward = contrastRatio(background, BLACK) > contrastRatio(background, WHITE) ? BLACK : WHITE;
  let text = accent;
  for (let i = 1; i <= 10 && contrastRatio(text, background) < 4.5; i++) text = accent.map((c, k) => c + ((toward[k] - c) * i) / 10);
  return { on: css(on), text: css(text) };
}

// Computed colours read `rgb(r, g, b)` or `rgba(r, g, b, a)`. A translucent colour's contrast
// depends on what is behind it, and other syntaxes are rare: those are left as they are.
const rgb = (color: string) => {
  const n = color.match(/[\d.]+/g);
  return color.startsWith('rgb') && n && (n.length === 3 || n[3] === '1') ? n.slice(0, 3).map(Number) : undefined;
};

/**
 * Sets `--on` (text on the accent) and `--at` (the accent as text) on a widget host for its
 * accent and background as they resolve now (theme, page properties, colour scheme). A page
 * that sets `--habitual-on-accent` keeps its own choice for `--on`.
 */
export function fitContrast(host: HTMLElement): void {
  const view = host.ownerDocument.defaultView;
  if (!view || !host.shadowRoot) return;
  // Resolve the colours as the widgets see them, in any CSS syntax, through a probe's computed style.
  const probe = host.ownerDocument.createElement('i');
  probe.style.color = 'var(--a)';
  probe.style.backgroundColor = 'var(--bg)';
  host.shadowRoot.append(probe);
  const style = view.getComputedStyle(probe);
  const accent = rgb(style.color);
  const background = rgb(style.backgroundColor);
  probe.remove();
  if (!accent || !background) return;
  const { on, text } = readableColors(accent, background);
  if (!view.getComputedStyle(host).getPropertyValue('--habitual-on-accent').trim()) host.style.setProperty('--on', on);
  host.style.setProperty('--at', text);
}
