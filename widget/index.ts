// @metis-liquid-staking/widget: the entry of both bundles (ES module and IIFE). Loading the script twice is
// harmless: the element and the global are only registered when absent, so a second copy never replaces (or
// shadows) the first one.
import { MetisStakeWidget } from './metis-stake-widget.js';

export { MetisStakeWidget };
export { DEFAULT_SNAP_ID } from './metis-stake-widget.js';
export type { Tab } from './metis-stake-widget.js';
export type { ErrorSource, MetisStakeEventDetails, MetisStakeEventName, StakeAction } from './events.js';
export type { MetisStakeWidgetAttributes } from './jsx.js';
export type { Eip1193Provider } from '@metis-liquid-staking/contracts';
export type { Strings } from './strings.js';

const TAG = 'metis-stake-widget';
if (!customElements.get(TAG)) customElements.define(TAG, MetisStakeWidget);
const g = globalThis as { MetisStakeWidget?: CustomElementConstructor };
g.MetisStakeWidget ??= customElements.get(TAG);
