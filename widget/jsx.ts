// JSX typings for <metis-stake-widget>: the attributes it takes, for frameworks whose JSX checks custom
// elements (React through the `react` entry's augmentation; Preact, Solid and others through the global JSX
// namespace). Types only.

/** The element's attributes as JSX props (strings, as in HTML). */
export interface MetisStakeWidgetAttributes {
  'manifest-url'?: string;
  lens?: string;
  'chain-id'?: number | string;
  referral?: string;
  theme?: 'auto' | 'light' | 'dark';
  /** `en` or `ja`; unset, the language follows the `lang` attribute (the element's own or an ancestor's). */
  locale?: 'en' | 'ja' | (string & {});
  lang?: string;
  'airdrop-proofs-url'?: string;
  'snap-id'?: string;
  /** The tabs shown, in order, comma-separated: `stake`, `restake`, `redeem`, `rewards`, `airdrop` (default all). */
  tabs?: string;
  /** The tab selected first (default the first of `tabs`). */
  tab?: 'stake' | 'restake' | 'redeem' | 'rewards' | 'airdrop' | (string & {});
  /** An amount preset in the first tab's amount field (validated like typed input). */
  amount?: string | number;
  id?: string;
  class?: string;
  className?: string;
  style?: unknown;
  children?: unknown;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'metis-stake-widget': MetisStakeWidgetAttributes;
    }
  }
}
