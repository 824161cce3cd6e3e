import './global-setup';
import { dropRunTemplates } from './seeded-template';
import { TEST_URI_VARIABLE } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const stores = globalThis.sentinelEmbeddedStores ?? [];
  globalThis.sentinelEmbeddedStores = undefined;
  await Promise.all(stores.map((store) => store.stop()));
  // A real MongoDB outlives the run: remove the seeded templates the workers left there.
  const external = process.env[TEST_URI_VARIABLE];
  if (stores.length === 0 && external) await dropRunTemplates(external);
}
