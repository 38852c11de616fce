// Which Node.js the bot runs on. The deployed stack is the newest LTS that App Service on Linux
// offers with an "-lts" tag: `az webapp list-runtimes --os linux` lists NODE|22-lts, NODE|24-lts and
// NODE|26 (captured September 2026; App Service names its stacks at the major only, see
// learn.microsoft.com/azure/app-service/configure-language-nodejs). infra/main.bicep, docs/deploy.md
// and the README say the same; test/unit/deploy/infra.test.ts holds them to this declaration.
import type { DoctorCheck } from './checks';

export const DEPLOYED_NODE_STACK = 'NODE|24-lts';
/** package.json's engines floor: restify 12 needs 22, and Node 20 left upstream support in April 2026. */
export const MIN_NODE_MAJOR = 22;
/** The LTS lines CI runs the tests on, or that a user has today. */
export const TESTED_NODE_MAJORS = [22, 24, 26] as const;

export function nodeRuntimeCheck(version: string = process.version): DoctorCheck {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1] ?? 0);
  const tested = `tested on ${TESTED_NODE_MAJORS.join(', ')}; infra/ deploys ${DEPLOYED_NODE_STACK}`;
  if (major >= MIN_NODE_MAJOR) {
    return { id: 'node-runtime', title: 'Node.js runtime', status: 'pass', detail: `Node.js ${version} (${tested}).` };
  }
  return {
    id: 'node-runtime',
    title: 'Node.js runtime',
    status: 'fail',
    detail: `Node.js ${version} is older than ${MIN_NODE_MAJOR}, the oldest the bot runs on (${tested}).`,
    fix: `az webapp config set -g <resource group> -n <web app> --linux-fx-version "${DEPLOYED_NODE_STACK}" (or deploy infra/main.bicep again).`,
  };
}
