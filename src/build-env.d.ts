/** Replaced at build time by esbuild's `define`: the browser a bundle is built for. */
declare const __BROWSER__: 'chrome' | 'firefox' | 'web';
