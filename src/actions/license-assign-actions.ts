// The three buttons around assigning a licence, registered together.
import type { CardAction } from '../dispatch/types';
import { assignCancelAction } from './license-assign-cancel';
import { assignConfirmAction } from './license-assign-confirm';
import { assignLicenseAction } from './license-assign';

export const licenseAssignActions: CardAction[] = [assignConfirmAction, assignLicenseAction, assignCancelAction];
