import type { Page } from 'playwright-core';

/** A control as a keyboard user meets it: its accessible-ish name and whether focus shows. */
export interface Stop {
  name: string;
  /** An outline or a box shadow while focused: the focus can be seen. */
  ringVisible: boolean;
}

/**
 * Presses Tab up to `max` times from the top of the page and records each control that takes
 * the focus inside `scope` (a CSS selector; a shadow host counts as its whole shadow tree),
 * until the focus comes back to one already met.
 */
export async function tabThrough(page: Page, scope: string, max = 120): Promise<Stop[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
  });
  const stops: Stop[] = [];
  const seen = new Set<string>();
  let quietTurns = 0;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate((selector) => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      if (!active || active === document.body) return null;
      const host = document.querySelector(selector);
      const root = active.getRootNode();
      const inside =
        host !== null &&
        (host.contains(active) || (root instanceof ShadowRoot && host.contains(root.host)));
      if (!inside) return { outside: true as const };
      const element = active as HTMLElement;
      const style = getComputedStyle(element);
      const ringVisible =
        (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== 'none';
      const label =
        element.getAttribute('aria-label') ||
        (element as HTMLInputElement).labels?.[0]?.textContent ||
        element.textContent ||
        element.tagName;
      // A stable identity for "seen": the same element always gives the same path.
      const path: string[] = [];
      for (let node: Element | null = element; node; node = node.parentElement) {
        path.push(`${node.tagName}:${[...(node.parentElement?.children ?? [])].indexOf(node)}`);
      }
      return { outside: false as const, name: label.trim(), ringVisible, id: path.join('/') };
    }, scope);
    if (stop === null || stop.outside) {
      // Past the end of our controls the focus wanders the page and the browser chrome.
      if (stops.length > 0 && ++quietTurns > 40) break;
      continue;
    }
    quietTurns = 0;
    if (seen.has(stop.id)) break;
    seen.add(stop.id);
    stops.push({ name: stop.name, ringVisible: stop.ringVisible });
  }
  return stops;
}

/** Every visible, enabled control inside `scope` (shadow tree included), by name. */
export async function controlsIn(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const host = document.querySelector(selector);
    if (!host) return [];
    const root: ParentNode = host.shadowRoot ?? host;
    const candidates = root.querySelectorAll<HTMLElement>(
      'button, input, select, textarea, a[href], summary, [tabindex="0"]',
    );
    return [...candidates]
      .filter((element) => {
        if ((element as HTMLButtonElement).disabled) return false;
        if (element.closest('[inert]')) return false;
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
      })
      .map((element) => {
        const label =
          element.getAttribute('aria-label') ||
          (element as HTMLInputElement).labels?.[0]?.textContent ||
          element.textContent ||
          element.tagName;
        return label.trim();
      });
  }, scope);
}
