// The simulated Microsoft 365 tenant: Graph and Exchange over HTTPS, App Service's managed-identity
// endpoint and the control API over loopback http. Only the demo launcher and tests start it.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { simulatorCertificate } from './certificate';
import { controlListener, OPENID_CONFIGURATION_PATH } from './control-api';
import { ModelBook, type ModelPatch, type SimulatorModel } from './cost-model';
import { exchangeService } from './exchange/exchange-service';
import { FaultBook } from './faults';
import { FrontDoor, Service } from './front-door';
import { graphService } from './graph/graph-service';
import { IDENTITY_PATH, identityService } from './identity-endpoint';
import { RequestLog } from './request-log';
import { TenantState } from './tenant-state';
import type { TenantFixture } from './tenant/fixture';
import type { UsageReportOptions } from './graph/usage-report';

export type { FaultRule } from './faults';
export { ASSUMED_MODEL, FAST_MODEL, INSTANT_MODEL } from './cost-model';
export type { ModelPatch, SimulatorModel } from './cost-model';
export type { RequestCounts, ApiCounts } from './request-log';

export interface SimulatorOptions {
  tenant: TenantFixture;
  /** 0 or absent = a free port. Plain http on 127.0.0.1. */
  controlPort?: number;
  graphPort?: number;
  exchangePort?: number;
  identityPort?: number;
  /**
   * What answers cost and where the tenant refuses (cost-model.ts), merged over `modelBase`
   * (default INSTANT_MODEL: free and unlimited). Changeable later through PUT /_sim/model.
   */
  model?: ModelPatch;
  modelBase?: SimulatorModel;
  /** How the mailbox usage report conceals names, when the tenant conceals them. */
  usageReport?: UsageReportOptions;
  /** Lifetime of issued access tokens; default 3600 s. */
  tokenLifetimeSeconds?: number;
  /** Silences even error logging. */
  quiet?: boolean;
}

export interface SimulatorInfo {
  /** https://localhost:PORT — Graph root (append /v1.0/...). */
  graph: string;
  /** https://localhost:PORT — Exchange root (append /adminapi/beta/{tenantId}/InvokeCommand). */
  exchange: string;
  /**
   * A second Exchange host (same service, another port): the tenant-specific host that
   * PUT /_sim/model {"exchange":{"redirectTo":…}} can send callers to.
   */
  exchangeTenantHost: string;
  /** http://127.0.0.1:PORT/msi/token — for IDENTITY_ENDPOINT. */
  identityEndpoint: string;
  /** For IDENTITY_HEADER. */
  identityHeader: string;
  /** The only CA a client needs to trust for Graph and Exchange. */
  caCertPem: string;
  tenantId: string;
  /** The managed identity's client id (AZURE_CLIENT_ID). */
  clientId: string;
  principalId: string;
  initialDomain: string;
  controlUrl: string;
  /** The tenant's OpenID metadata (plain http, loopback): where a token reader finds the signing keys. */
  openIdConfiguration: string;
}

export interface RunningSimulator {
  info: SimulatorInfo;
  controlUrl: string;
  stop(): Promise<void>;
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const quiet = options.quiet ?? false;
  const state = new TenantState(options.tenant);
  const certificate = await simulatorCertificate();
  const faults = new FaultBook();
  const log = new RequestLog();
  const model = new ModelBook(options.model ?? {}, options.modelBase);
  const identityHeader = randomBytes(24).toString('hex');
  const ports = { graph: 0, exchange: 0, exchangeTenant: 0, identity: 0, control: 0 };

  const services: Record<'graph' | 'exchange' | 'identity', Service> = {
    graph: graphService(state, {
      model,
      baseUrl: () => `https://localhost:${ports.graph}`,
      downloadBaseUrl: () => `https://127.0.0.1:${ports.graph}`,
      usageReport: options.usageReport,
    }),
    exchange: exchangeService(state, {
      model,
      // Links in an answer name the host that gave it (the tenant host after a redirect).
      baseUrl: (req) =>
        req.headers.host === `localhost:${ports.exchangeTenant}`
          ? `https://localhost:${ports.exchangeTenant}`
          : `https://localhost:${ports.exchange}`,
    }),
    identity: identityService(state, {
      header: identityHeader,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    }),
  };
  const door = (api: keyof typeof services): FrontDoor => new FrontDoor(services[api], faults, log, quiet);
  const tls = { key: certificate.serverKeyPem, cert: certificate.serverCertPem };
  const graphServer = https.createServer(tls, door('graph').listener);
  const exchangeDoor = door('exchange');
  const exchangeServer = https.createServer(tls, exchangeDoor.listener);
  const exchangeTenantServer = https.createServer(tls, exchangeDoor.listener);
  const identityServer = http.createServer(door('identity').listener);
  // Filled in once every port is known; the control API reads it on each GET /_sim/info.
  const published: { info?: SimulatorInfo } = {};
  const controlServer = http.createServer(controlListener({ state, faults, log, model, info: () => published.info, quiet }));
  for (const server of [graphServer, exchangeServer, exchangeTenantServer, identityServer, controlServer]) {
    server.on('clientError', (_error, socket) => socket.destroy());
    // Keep-alive sockets must not hold stop() or a test runner open.
    server.keepAliveTimeout = 5000;
  }
  const started: http.Server[] = [];
  try {
    ports.graph = await listen(graphServer, options.graphPort ?? 0);
    started.push(graphServer);
    ports.exchange = await listen(exchangeServer, options.exchangePort ?? 0);
    started.push(exchangeServer);
    ports.exchangeTenant = await listen(exchangeTenantServer, 0);
    started.push(exchangeTenantServer);
    ports.identity = await listen(identityServer, options.identityPort ?? 0);
    started.push(identityServer);
    ports.control = await listen(controlServer, options.controlPort ?? 0);
    started.push(controlServer);
  } catch (error) {
    await Promise.all(started.map(close));
    throw error;
  }
  const controlUrl = `http://127.0.0.1:${ports.control}`;
  const info: SimulatorInfo = {
    graph: `https://localhost:${ports.graph}`,
    exchange: `https://localhost:${ports.exchange}`,
    exchangeTenantHost: `https://localhost:${ports.exchangeTenant}`,
    identityEndpoint: `http://127.0.0.1:${ports.identity}${IDENTITY_PATH}`,
    identityHeader,
    caCertPem: certificate.caCertPem,
    tenantId: state.tenantId,
    clientId: state.fixture.identity.clientId,
    principalId: state.fixture.identity.principalId,
    initialDomain: state.fixture.tenant.initialDomain,
    controlUrl,
    openIdConfiguration: `${controlUrl}${OPENID_CONFIGURATION_PATH}`,
  };
  published.info = info;
  let stopping: Promise<void> | undefined;
  return {
    info,
    controlUrl,
    stop: () => {
      stopping ??= Promise.all(started.map(close)).then(() => undefined);
      return stopping;
    },
  };
}
