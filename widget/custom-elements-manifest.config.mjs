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
            // internal state (`state: true` in static properties, documented @internal) is not an attribute; the
            // `tab` attribute is `initialTab`'s (the analyzer also gives it to the `tab` state of the same name)
            const byAttribute = new Map(
              (d.members ?? []).filter((f) => f.attribute && !INTERNAL_STATE.includes(f.name)).map((f) => [f.attribute, f]),
            );
            for (const f of d.members ?? []) if (INTERNAL_STATE.includes(f.name)) delete f.attribute;
            if (d.attributes)
              d.attributes = d.attributes
                .map((a) => {
                  const f = byAttribute.get(a.name);
                  return f ? { ...a, fieldName: f.name, type: f.type ?? a.type, description: f.description ?? a.description } : a;
                })
                .filter((a) => !INTERNAL_STATE.includes(a.fieldName));
          }
      },
    },
  ],
};
