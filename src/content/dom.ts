import { fillMarked } from '../shared/i18n.js';

type Attrs = Record<string, string | boolean | undefined>;

/** A tiny element builder: the content script runs on every call page, so no UI framework. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children);
  return element;
}

/** A translated sentence with elements where its marks are (see `mark`), e.g. a name in <bdi>. */
export function rich(text: string, ...nodes: Node[]): (Node | string)[] {
  return fillMarked(text, nodes);
}
