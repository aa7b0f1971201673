// React wrapper (@metis-liquid-staking/widget/react): <MetisStakeWidget> made with Lit's @lit/react, so
// properties (`provider`, `strings`) are set as properties and the widget's events are `on...` props.
//   import { MetisStakeWidget } from '@metis-liquid-staking/widget/react';
//   <MetisStakeWidget manifestUrl="/deployments/1088.json" provider={provider} onConfirmed={(e) => log(e.detail)} />
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { MetisStakeWidget as MetisStakeWidgetElement } from './index.js';
import type { MetisStakeEventDetails } from './events.js';
import type { MetisStakeWidgetAttributes } from './jsx.js';

export { MetisStakeWidgetElement };

type Ev<K extends keyof MetisStakeEventDetails> = EventName<CustomEvent<MetisStakeEventDetails[K]>>;

export const MetisStakeWidget = createComponent({
  tagName: 'metis-stake-widget',
  elementClass: MetisStakeWidgetElement,
  react: React,
  events: {
    onConnected: 'metis-stake:connected' as Ev<'metis-stake:connected'>,
    onSubmitted: 'metis-stake:submitted' as Ev<'metis-stake:submitted'>,
    onConfirmed: 'metis-stake:confirmed' as Ev<'metis-stake:confirmed'>,
    onError: 'metis-stake:error' as Ev<'metis-stake:error'>,
    onReady: 'metis-stake:ready' as Ev<'metis-stake:ready'>,
  },
});

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'metis-stake-widget': React.DetailedHTMLProps<React.HTMLAttributes<MetisStakeWidgetElement>, MetisStakeWidgetElement> &
        Omit<MetisStakeWidgetAttributes, 'style' | 'children' | 'class' | 'className' | 'id' | 'lang'>;
    }
  }
}
