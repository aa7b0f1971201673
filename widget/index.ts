// Entry point of both bundles. Loading the script twice is harmless: the element and the global are
// only registered when absent, so a second copy never replaces (or shadows) the first one.
import { MetisStakeWidget } from './metis-stake-widget.js';

export { MetisStakeWidget };
export type { StakeEventDetails, Tab } from './metis-stake-widget.js';

const TAG = 'metis-stake-widget';
if (!customElements.get(TAG)) customElements.define(TAG, MetisStakeWidget);
const g = globalThis as { MetisStakeWidget?: CustomElementConstructor };
g.MetisStakeWidget ??= customElements.get(TAG);
