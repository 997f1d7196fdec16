/** Replaced at build time by esbuild's `define`: the browser a bundle is built for. */
declare const __BROWSER__: 'chrome' | 'firefox' | 'web';
/**
 * Replaced at build time: true in the dev build (`dist/*-dev`: tests, `npm start`), which also
 * serves the demo call page; false in the store build, so that branch is folded away.
 */
declare const __DEV__: boolean;
