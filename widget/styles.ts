// Theme: partners set --metis-stake-* custom properties (they pierce the shadow DOM) or style ::part()s.
import { css, unsafeCSS } from 'lit';

// the dark palette: theme="dark", and theme="auto" under prefers-color-scheme: dark (declarations only, so a plain
// string: the bundles' CSS minifier takes only whole stylesheets)
const dark = unsafeCSS(
  [
    '--_accent:var(--metis-stake-accent,#7cc4ff)',
    '--_on-accent:var(--metis-stake-on-accent,#0b1016)',
    '--_bg:var(--metis-stake-bg,#151a21)',
    '--_fg:var(--metis-stake-fg,#eef1f4)',
    '--_muted:var(--metis-stake-muted,#b2bac3)',
    '--_border:var(--metis-stake-border,#3a434d)',
    '--_surface:var(--metis-stake-surface,#1f2630)',
    '--_error:var(--metis-stake-error,#ff9a9a)',
    '--_success:var(--metis-stake-success,#7ee2a0)',
    'color-scheme:dark',
  ].join(';'),
);

export const styles = css`
  :host {
    --_accent: var(--metis-stake-accent, #0057b8);
    --_on-accent: var(--metis-stake-on-accent, #fff);
    --_bg: var(--metis-stake-bg, #fff);
    --_fg: var(--metis-stake-fg, #1a1d21);
    --_muted: var(--metis-stake-muted, #50575f);
    --_border: var(--metis-stake-border, #c9ced4);
    --_surface: var(--metis-stake-surface, #f3f5f7);
    --_error: var(--metis-stake-error, #b00020);
    --_success: var(--metis-stake-success, #0b6b2e);
    --_radius: var(--metis-stake-radius, 12px);
    display: block;
    width: 100%;
    max-width: var(--metis-stake-max-width, 420px);
    /* CJK fonts after the Latin ones (a partner's --metis-stake-font too): Japanese never falls to a random face */
    font:
      14px/1.45 var(--metis-stake-font, system-ui),
      'Hiragino Sans',
      'Noto Sans CJK JP',
      'Yu Gothic',
      Meiryo,
      sans-serif;
    color: var(--_fg);
    color-scheme: light;
  }
  :host([theme='dark']) {
    ${dark}
  }
  /* theme="auto" (the default) follows the OS; "light" and "dark" pin it */
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  [part~='container'] {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 16px;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
    justify-content: space-between;
    margin-bottom: 12px;
  }
  h2 {
    font-size: 1.15em;
    margin: 0;
  }
  h3 {
    font-size: 1em;
    margin: 16px 0 4px;
  }
  [role='tablist'] {
    display: flex;
    gap: 2px;
    border-bottom: 1px solid var(--_border);
    margin-bottom: 12px;
    /* issue 14.11: narrow screens wrap the tabs to a second row (all stay visible), never scroll them sideways */
    flex-wrap: wrap;
  }
  [role='tab'] {
    background: none;
    color: var(--_muted);
    border: 0;
    border-bottom: 3px solid transparent;
    border-radius: 0;
    padding: 8px 10px;
  }
  /* selected: text colour and the accent bar, no bolder weight (it would widen the tab and shift the row) */
  [role='tab'][aria-selected='true'] {
    color: var(--_fg);
    border-bottom-color: var(--_accent);
  }
  /* inside the tab: the scrolling tab row clips anything outside it */
  [role='tab']:focus-visible {
    outline-offset: -3px;
  }
  /* every tab in the same height (the tallest, Rewards when connected): the widget does not jump between tabs */
  [part~='panel'] {
    min-height: 32em;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: calc(var(--_radius) / 2);
    padding: 8px 14px;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  .primary {
    background: var(--_accent);
    /* --_on: black or white from the computed accent (on-accent.ts); a partner's --metis-stake-on-accent wins */
    color: var(--metis-stake-on-accent, var(--_on, var(--_on-accent)));
    border: 0;
    width: 100%;
    margin-top: 12px;
    font-weight: 600;
  }
  .secondary {
    background: var(--_surface);
    color: var(--_fg);
    border: 1px solid var(--_border);
  }
  .row {
    display: flex;
    gap: 8px;
  }
  input[inputmode] {
    flex: 1;
    min-width: 0;
    font: inherit;
    font-size: 1.2em;
    padding: 8px;
    color: var(--_fg);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }
  label {
    display: block;
    margin-bottom: 4px;
  }
  .toggle {
    display: flex;
    gap: 6px;
    align-items: center;
    margin-top: 8px;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0 0 8px;
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
  }
  legend {
    padding: 0;
    color: var(--_muted);
  }
  .hint {
    color: var(--_muted);
    margin: 4px 0 0;
  }
  .error {
    color: var(--_error);
  }
  .success {
    color: var(--_success);
  }
  [part~='status'] {
    margin-top: 12px;
    padding: 8px;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    overflow-wrap: anywhere;
  }
  [part~='status'] p {
    margin: 0 0 4px;
  }
  [part~='steps'] {
    margin: 0 0 4px;
    padding-left: 20px;
    color: var(--_muted);
  }
  [aria-current='step'] {
    color: var(--_fg);
    font-weight: 600;
  }
  [part~='status']:empty {
    display: none;
  }
  .tickets {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .tickets li {
    padding: 6px 0;
    border-bottom: 1px solid var(--_border);
  }
  .figures div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 8px;
    justify-content: space-between;
    padding: 4px 0;
  }
  dd {
    margin: 0;
    font-weight: 600;
  }
  .wallets {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 6px;
  }
  .wallets img {
    width: 20px;
    height: 20px;
    vertical-align: middle;
    margin-right: 6px;
  }
  .banner {
    padding: 8px;
    margin-bottom: 8px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }
  /* issue 14.6 progress: the waiting spinner (a ring that stands still under reduced motion) */
  .spinner {
    display: inline-block;
    width: 0.9em;
    height: 0.9em;
    margin-inline-end: 6px;
    border: 2px solid;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  /* issue 14.11 no-wallet links: the text colour (it passes contrast in any theme), underlined */
  [part~='no-wallet'] p,
  [part~='no-wallet'] ul {
    margin: 0 0 4px;
  }
  [part~='no-wallet'] a {
    color: var(--_fg);
  }
  /* issue 14.11: the rewards chart (320 px wide SVG) scales down with the widget */
  [part~='chart'] svg {
    display: block;
    max-width: 100%;
    height: auto;
  }
`;
