// Integration and browser tests start real servers: give hooks and tests room on a shared machine.
jest.setTimeout(120_000);
