// Every alert kind, in the order findings are judged and `alerts` lists them. Adding a kind is
// adding its spec file in this folder and a line here.
import { fullSoonAlert } from './full-soon';
import { inactiveAlert } from './inactive';
import { licensePoolAlert } from './license-pool';
import { quotaAlert } from './quota';
import { renewalAlert } from './renewal';
import { archiveCapAlert } from './archive-cap';
import { archiveGrowthAlert } from './archive-growth';
import { recoverableItemsAlert } from './recoverable-items';
import { sharedLicenseAlert } from './shared-license';

export const ALERT_KIND_SPECS = [
  sharedLicenseAlert,
  quotaAlert,
  fullSoonAlert,
  licensePoolAlert,
  inactiveAlert,
  renewalAlert,
  archiveCapAlert,
  archiveGrowthAlert,
  recoverableItemsAlert,
] as const;

type Spec = (typeof ALERT_KIND_SPECS)[number];
export type AlertKind = Spec['kind'];
/** The stored settings' threshold fields (quotaPercent…), one per kind that has a threshold. */
export type ThresholdSetting = NonNullable<Spec['threshold']>['setting'];

export function alertKindSpec(kind: string): Spec | undefined {
  return ALERT_KIND_SPECS.find((s) => s.kind === kind);
}
