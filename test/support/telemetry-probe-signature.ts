// Shared by the telemetry probe and its test (the test must not load the probe, which starts at once).
export const PROBE_SIGNATURE = 'S1gnatureThatMustNotBeExported0123456789';
