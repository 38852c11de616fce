// The tenant's own licence prices (`price …`), one blob changed by read-modify-write, so two admins
// setting prices at once both keep theirs.
import type { PriceOverride, PriceOverrides } from '../reports/licensing/prices';
import { update, type StateStore } from './store';

const KEY = 'licenses/prices';

export class PriceStore {
  constructor(private readonly store: StateStore) {}

  async all(): Promise<PriceOverrides> {
    return (await this.store.read<PriceOverrides>(KEY))?.value ?? {};
  }

  async set(price: PriceOverride): Promise<void> {
    await update<PriceOverrides>(this.store, KEY, (all = {}) => ({ ...all, [price.partNumber.toUpperCase()]: price }));
  }

  /** The part numbers whose price was removed; `all` removes every one. */
  async reset(partNumber: string | 'all'): Promise<string[]> {
    let removed: string[] = [];
    await update<PriceOverrides>(this.store, KEY, (all = {}) => {
      if (partNumber === 'all') {
        removed = Object.values(all).map((p) => p.partNumber);
        return {};
      }
      const key = partNumber.toUpperCase();
      removed = all[key] ? [all[key].partNumber] : [];
      const next = { ...all };
      delete next[key];
      return next;
    });
    return removed;
  }
}
