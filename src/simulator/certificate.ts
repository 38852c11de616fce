// One CA of the simulator's own making, and a server certificate it signs for localhost and
// 127.0.0.1. Clients trust only that CA, so TLS verification stays on everywhere.
import { generate } from 'selfsigned';

export interface SimulatorCertificate {
  caCertPem: string;
  serverKeyPem: string;
  serverCertPem: string;
}

let made: Promise<SimulatorCertificate> | undefined;

/** Made once per process: RSA key generation is the slowest part of starting a simulator. */
export function simulatorCertificate(): Promise<SimulatorCertificate> {
  made ??= makeCertificate();
  return made;
}

async function makeCertificate(): Promise<SimulatorCertificate> {
  const notBeforeDate = new Date(Date.now() - 60 * 60 * 1000);
  const notAfterDate = new Date(Date.now() + 365 * 24 * 60 * 60 * 1000);
  const ca = await generate([{ name: 'commonName', value: 'Simulated Microsoft 365 tenant CA' }], {
    algorithm: 'sha256',
    keySize: 2048,
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    algorithm: 'sha256',
    keySize: 2048,
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { caCertPem: ca.cert, serverKeyPem: server.private, serverCertPem: server.cert };
}
