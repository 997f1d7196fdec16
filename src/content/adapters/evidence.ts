import type { SiteAdapter } from './types.js';

/**
 * Weighs an adapter's evidence against a page, with no DOM of its own: `Page` is the slice of
 * the document it reads, which `locate.ts` gives from the real page and tests give as a fake.
 * A site-specific signal (an id, a `data-*`, an icon name) is worth 2, a structural or
 * language-bound one 1, and a role is found at 2: so a label in one language counts only
 * with a second, independent sign (the hang-up's red, the bar it sits in).
 */
export interface Node {
  readonly parentElement: Node | null;
  readonly localName: string;
  getAttribute(name: string): string | null;
}

export interface Page {
  /** Elements matching one selector, in document order; a selector the browser refuses gives none. */
  all(selector: string): readonly Node[];
  /** The element's text (icon fonts name their glyph in it: `call_end`). */
  text(node: Node): string;
  /** The element, or one just inside it, is painted red: every site's hang-up colour. */
  red(node: Node): boolean;
  /** A bar low in the window (where call toolbars sit), a bar elsewhere, or no bar at all. */
  shape(node: Node): 'low-bar' | 'bar' | 'block';
}

export const FOUND = 2;

/**
 * The hang-up's label where a site still names it, in English, German, French, Spanish,
 * Portuguese and Japanese; each is one weak signal. Words that also name other controls
 * ("Beenden", "Desligar": stop video, turn off camera) are left out.
 */
export const LEAVE_WORDS = [
  'Leave',
  'Hang up',
  'End call',
  'verlassen',
  'Auflegen',
  'Quitter',
  'Raccrocher',
  'Salir',
  'Colgar',
  'Sair',
  '退出',
  '通話を終了',
];
const LABELS = LEAVE_WORDS.map(
  (word) => `:is(button,[role=button])[aria-label*="${word}" i],[data-tooltip*="${word}" i]`,
);
/** Icon fonts that name their glyph (Material Symbols, as Google Meet uses): `call_end`. */
const ICONS =
  '.google-symbols,.google-material-icons,.material-icons,.material-symbols-outlined,.material-symbols-rounded';
const HANG_UP_GLYPH = 'call_end';
const BAR_ROLES = new Set(['toolbar', 'region', 'menubar']);

export interface Found {
  readonly node: Node;
  score: number;
  readonly signals: string[];
}

export interface Reading {
  /** `lobby`: a pre-join or waiting screen; `none`: no call; `call`: a call is on. */
  readonly phase: 'lobby' | 'none' | 'call';
  readonly leave: Found | null;
  readonly toolbar: Found | null;
  /** The toolbar's own child that holds the hang-up: the control goes just before it. */
  readonly before: Node | null;
}

const any = (page: Page, selectors: readonly string[] = []) =>
  selectors.some((selector) => page.all(selector).length > 0);

/** The button an icon or label belongs to: sites wrap both in a few spans. */
function control(node: Node): Node {
  for (let at: Node | null = node, depth = 0; at && depth < 4; at = at.parentElement, depth++) {
    if (at.localName === 'button' || at.getAttribute('role') === 'button') return at;
  }
  return node;
}

function tally(into: Map<Node, Found>, nodes: readonly Node[], weight: number, signal: string) {
  for (const node of nodes) {
    const found = into.get(node) ?? { node, score: 0, signals: [] };
    if (!found.signals.includes(signal)) {
      found.score += weight;
      found.signals.push(signal);
    }
    into.set(node, found);
  }
}

/** The best-scored candidate, first in order on a tie; null when none reaches `FOUND`. */
function best(candidates: Iterable<Found>): Found | null {
  let top: Found | null = null;
  for (const found of candidates) if (!top || found.score > top.score) top = found;
  return top && top.score >= FOUND ? top : null;
}

const contains = (outer: Node, inner: Node) => {
  for (let at: Node | null = inner; at; at = at.parentElement) if (at === outer) return true;
  return false;
};

function ancestors(node: Node): Node[] {
  const chain: Node[] = [];
  for (let at: Node | null = node; at; at = at.parentElement) chain.push(at);
  return chain;
}

/** The deepest element holding all of `nodes`. */
function commonAncestor(nodes: readonly Node[]): Node | null {
  const [first, ...rest] = nodes;
  if (!first) return null;
  return ancestors(first).find((node) => rest.every((other) => contains(node, other))) ?? null;
}

/**
 * The hang-up control: the site's own marks first, then its icon, then labels with the
 * hang-up's red. Each later, costlier look (every icon's text, every button's label, computed
 * colours) is taken only when the earlier ones found nothing.
 */
export function findLeave(adapter: SiteAdapter, page: Page): Found | null {
  const candidates = new Map<Node, Found>();
  for (const selector of adapter.leave ?? []) tally(candidates, page.all(selector), 2, 'marked');
  if (best(candidates.values())) return best(candidates.values());
  const glyphs = page.all(ICONS).filter((icon) => page.text(icon).trim() === HANG_UP_GLYPH);
  tally(candidates, glyphs.map(control), 2, 'icon');
  if (best(candidates.values())) return best(candidates.values());
  for (const selector of LABELS) tally(candidates, page.all(selector).map(control), 1, 'label');
  for (const found of candidates.values()) {
    if (page.red(found.node)) tally(candidates, [found.node], 1, 'colour');
  }
  return best(candidates.values());
}

const hasBarRole = (node: Node) =>
  BAR_ROLES.has(node.getAttribute('role') ?? '') || node.localName === 'footer';

/**
 * The call's toolbar: where the site marks it, or the bar that holds the hang-up and the
 * call's other controls, best with a toolbar role and low in the window.
 */
export function findToolbar(adapter: SiteAdapter, page: Page, leave: Found | null): Found | null {
  const controls = (adapter.controls ?? []).flatMap((selector) => page.all(selector).map(control));
  const members = leave ? [leave.node, ...controls] : controls;
  const shared = members.length >= 2 ? commonAncestor(members) : null;
  const anchor = shared ?? leave?.node ?? null;
  const roleBar = anchor ? ancestors(anchor).find(hasBarRole) : undefined;

  const candidates = new Map<Node, Found>();
  for (const selector of adapter.toolbar ?? []) tally(candidates, page.all(selector), 2, 'marked');
  for (const node of [shared, roleBar]) if (node) tally(candidates, [node], 0, 'structure');
  for (const found of candidates.values()) {
    const { node } = found;
    // Layout is read only for what the site did not mark itself.
    const shape = found.signals.includes('marked') ? 'marked' : page.shape(node);
    if (shape === 'block') {
      found.score = Number.NEGATIVE_INFINITY; // a whole page section is no toolbar
      continue;
    }
    if (leave && contains(node, leave.node)) tally(candidates, [node], 1, 'holds-leave');
    if (controls.length > 0 && controls.every((c) => contains(node, c))) {
      tally(candidates, [node], 1, 'holds-controls');
    }
    if (hasBarRole(node)) tally(candidates, [node], 1, 'role');
    if (shape === 'low-bar') tally(candidates, [node], 1, 'bottom');
  }
  return best(candidates.values());
}

/** The toolbar's child that holds `node`: sites wrap each button in a few divs. */
function itemHolding(toolbar: Node, node: Node | undefined): Node | null {
  let item: Node | null = node ?? null;
  while (item && item.parentElement !== toolbar) item = item.parentElement;
  return item;
}

/**
 * Reads a page with an adapter. A lobby signal vetoes a call (the hang-up shows in some
 * waiting rooms too); otherwise a call signal or a found hang-up means a call is on. An
 * adapter with neither kind of signal (the demo page, any other site) is always in a call.
 */
export function read(adapter: SiteAdapter, page: Page): Reading {
  const none = (phase: 'lobby' | 'none'): Reading => ({
    phase,
    leave: null,
    toolbar: null,
    before: null,
  });
  if (any(page, adapter.lobby)) return none('lobby');
  const leave = adapter.leave ? findLeave(adapter, page) : null;
  const always = !adapter.call && !adapter.leave;
  if (!always && !leave && !any(page, adapter.call)) return none('none');
  const toolbar = findToolbar(adapter, page, leave);
  const before = toolbar && leave ? itemHolding(toolbar.node, leave.node) : null;
  return { phase: 'call', leave, toolbar, before };
}
