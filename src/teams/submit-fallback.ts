// Every card leaves through here (messages, updates, invoke responses): the fallbacks are added by
// cards/sendable.ts, where the fit already counted them.
export { withSubmitFallbacks, TEAMS_MESSAGE_LIMIT } from '../cards/sendable';
