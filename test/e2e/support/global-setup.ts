import type { TestProject } from 'vitest/node';
import { E2E_ENVIRONMENT } from './environment';
import { startHarness } from './harness';

/**
 * Runs once for the e2e project: one build, one preview server and one logging proxy shared by
 * every test file (each file launches its own Chromium against them). Returns the teardown.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const harness = await startHarness();
  project.provide(E2E_ENVIRONMENT, harness.environment);
  console.log(`[e2e] app at ${harness.environment.appUrl}, proxy control at ${harness.environment.proxyControlUrl}, ready in ${Date.now() - started} ms`);
  return () => harness.close();
}
