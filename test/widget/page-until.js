// `until` for the *.test.html pages (they load built bundles, so they cannot import helpers.ts, which imports the
// widget's sources): polls `f` every 25 ms until it returns something truthy, for up to 10 s.
export async function until(f, what) {
  for (let i = 0; i < 400; i++) {
    const v = f();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
