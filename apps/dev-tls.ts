/**
 * @module
 * A self-signed certificate for the example hosts, so the example edge converges without
 * cert-manager. It is committed on purpose and is for development only: anyone can read this
 * key. In production, point `EdgeChartProps.tlsSecret` at a Secret that cert-manager (or your CI)
 * makes. Made once with:
 *   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 \
 *     -subj /CN=example.com -addext subjectAltName=DNS:example.com,DNS:api.example.com,DNS:web.example.com
 */
import { TlsSecret } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';

/** PEM certificate for example.com, api.example.com and web.example.com (valid until 2126). */
export const DEV_TLS_CERT = `
-----BEGIN CERTIFICATE-----
MIIBvzCCAWWgAwIBAgIUA/1+jSyZJyIUggBQtGprqswayrswCgYIKoZIzj0EAwIw
FjEUMBIGA1UEAwwLZXhhbXBsZS5jb20wIBcNMjYxMjA3MDEyNjA2WhgPMjEyNjEx
MTMwMTI2MDZaMBYxFDASBgNVBAMMC2V4YW1wbGUuY29tMFkwEwYHKoZIzj0CAQYI
KoZIzj0DAQcDQgAEWYVmDELSd38KFOA7RY1PbNzTdIUbiFWy5tOnPGoG0eQHEkii
BFHG9SZClMUd8s24urH4ukhX1d4kNrXZvO/C3KOBjjCBizAdBgNVHQ4EFgQUOElQ
fVtElC08xL0M7ZlNb//VTQowHwYDVR0jBBgwFoAUOElQfVtElC08xL0M7ZlNb//V
TQowDwYDVR0TAQH/BAUwAwEB/zA4BgNVHREEMTAvggtleGFtcGxlLmNvbYIPYXBp
LmV4YW1wbGUuY29tgg93ZWIuZXhhbXBsZS5jb20wCgYIKoZIzj0EAwIDSAAwRQIh
AIgirAeDEQiQlCl3pbPQfYSRQ7FNhLypZrCDrmaJIzCZAiBi3cdq1tzp91kgCHWg
ACeEWb+EG/cxln09aCObGuKGJg==
-----END CERTIFICATE-----
`.trimStart();

/** Its private key. Development only. */
export const DEV_TLS_KEY = `
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgZtkAX5rjejtvY46t
VHcyLq0AvyXcmlO8vB7yEG0ospihRANCAARZhWYMQtJ3fwoU4DtFjU9s3NN0hRuI
VbLm06c8agbR5AcSSKIEUcb1JkKUxR3yzbi6sfi6SFfV3iQ2tdm878Lc
-----END PRIVATE KEY-----
`.trimStart();

/** Adds a kubernetes.io/tls Secret named `name` holding the development certificate. */
export function addDevelopmentTlsSecret(scope: Construct, id: string, name: string): TlsSecret {
  return new TlsSecret(scope, id, {
    metadata: { name },
    tlsCert: DEV_TLS_CERT,
    tlsKey: DEV_TLS_KEY,
  });
}
