/**
 * A site adapter says where the share control belongs on a call page. The generic adapter has
 * no toolbar: the control floats. Site-specific adapters come with their fixtures.
 */
export interface SiteAdapter {
  name: string;
  matches(location: Location): boolean;
  /** The call's toolbar, or null when it is not (yet) on the page. */
  findToolbar(root: Document): HTMLElement | null;
}

export const demoAdapter: SiteAdapter = {
  name: 'demo',
  matches: (location) => /^\/(demo|fixtures)\//.test(location.pathname),
  findToolbar: (root) => root.querySelector<HTMLElement>('[data-call-toolbar]'),
};

export const genericAdapter: SiteAdapter = {
  name: 'generic',
  matches: () => true,
  findToolbar: () => null,
};

const adapters: SiteAdapter[] = [demoAdapter, genericAdapter];

export function adapterFor(location: Location): SiteAdapter {
  return adapters.find((adapter) => adapter.matches(location)) ?? genericAdapter;
}
