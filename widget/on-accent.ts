// Text on the accent (issue 14.10): black or white, whichever contrasts more with the accent as computed (WCAG 2
// relative luminance), so any partner accent reaches 4.5:1 (the worse case, at the crossover, is 4.58:1). It is set
// as --_on on the container (CSSOM, so a strict CSP's style-src is no obstacle); a partner's --metis-stake-on-accent
// wins (styles.ts). The accent is read after each render (a computed custom property) and parsed by a 1x1 canvas,
// which takes any CSS colour syntax; the OS colour scheme changing re-renders (theme="auto" switches the accent).
import type { ReactiveController, ReactiveElement } from 'lit';

let ctx: CanvasRenderingContext2D | null | undefined;

/** `#000` or `#fff` for text on `color`; '' when it cannot be parsed (the theme's own default applies). */
export function onColor(color: string): string {
  ctx ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!ctx || !color) return '';
  ctx.clearRect(0, 0, 1, 1);
  ctx.fillStyle = 'transparent';
  ctx.fillStyle = color; // an invalid colour is ignored: nothing is drawn
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
  if (!a) return '';
  const lin = (v = 0) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  // black's contrast (l + 0.05) / 0.05 beats white's 1.05 / (l + 0.05) when (l + 0.05)² > 0.0525
  return (l + 0.05) ** 2 > 0.0525 ? '#000' : '#fff';
}

export class OnAccentController implements ReactiveController {
  private accent?: string;
  private readonly scheme = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;
  private readonly changed = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.scheme?.addEventListener('change', this.changed);
  }

  hostDisconnected(): void {
    this.scheme?.removeEventListener('change', this.changed);
  }

  hostUpdated(): void {
    const accent = getComputedStyle(this.host).getPropertyValue('--_accent').trim();
    if (accent === this.accent) return;
    this.accent = accent;
    this.host.renderRoot.querySelector<HTMLElement>('[part~=container]')?.style.setProperty('--_on', onColor(accent));
  }
}
