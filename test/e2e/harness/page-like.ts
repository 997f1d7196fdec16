import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';

/**
 * A page of either driver: Playwright's (Chromium) or Puppeteer's (Firefox). The helpers that
 * read a page only evaluate one function with one argument, which both spell the same way.
 */
export type AnyPage = PlaywrightPage | PuppeteerPage;

export function evaluate<R, A>(page: AnyPage, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  return (
    page as unknown as { evaluate: (f: (arg: A) => R | Promise<R>, a: A) => Promise<R> }
  ).evaluate(fn, arg);
}
