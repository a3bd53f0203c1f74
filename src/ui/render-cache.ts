/**
 * What a frame can reuse from the last one while the data has not changed: the visible plans,
 * the column widths over all of them, the counts in the title. Keyed by the plans array, which the
 * store replaces on every change, so nothing stale is ever reused. Owned by one dashboard (no
 * module-level state); pure callers pass NO_CACHE.
 */
export interface RenderCache {
  memo<T>(owner: object, key: string, compute: () => T): T;
}

export function createRenderCache(): RenderCache {
  const entries = new WeakMap<object, Map<string, unknown>>();
  return {
    memo<T>(owner: object, key: string, compute: () => T): T {
      let byKey = entries.get(owner);
      if (byKey === undefined) {
        byKey = new Map();
        entries.set(owner, byKey);
      }
      if (byKey.has(key)) return byKey.get(key) as T;
      const value = compute();
      byKey.set(key, value);
      return value;
    },
  };
}

export const NO_CACHE: RenderCache = { memo: (_owner, _key, compute) => compute() };
