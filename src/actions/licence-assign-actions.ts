// The three buttons around assigning a licence, registered together.
import type { CardAction } from '../commands/types';
import { assignCancelAction } from './licence-assign-cancel';
import { assignConfirmAction } from './licence-assign-confirm';
import { assignLicenceAction } from './licence-assign';

export const licenceAssignActions: CardAction[] = [assignConfirmAction, assignLicenceAction, assignCancelAction];
