// @custom-elements-manifest/analyzer: `npm run build:widget` writes widget/custom-elements.json (attributes,
// properties, events, CSS parts and custom properties of <metis-stake-widget>) for editors and docs tools.
// The element's JSDoc (@fires, @cssprop, @csspart) and its field comments are the source: `tabs`, `tab`
// (property `initialTab`) and `amount` are attributes; `metis-stake:ready` is listed among the events.
const INTERNAL_STATE = ['tab', 'amounts', 'restake', 'restakeDir', 'picking'];

export default {
  globs: ['metis-stake-widget.ts'],
  exclude: ['dist/**', 'node_modules/**'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // the element's generic emit(name, detail) is not an event of its own: keep the metis-stake:* ones
      name: 'public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const m of customElementsManifest.modules)
          for (const d of m.declarations ?? []) {
            if (d.events) d.events = d.events.filter((e) => e.name.startsWith('metis-stake:'));
            // internal state (`state: true` in static properties, documented @internal) is not an attribute
            if (d.attributes) d.attributes = d.attributes.filter((a) => !INTERNAL_STATE.includes(a.fieldName));
          }
      },
    },
  ],
};
