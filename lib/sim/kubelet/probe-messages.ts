/**
 * @module
 * What a failed probe prints in the kubelet's `Unhealthy` Events, as pkg/probe/http, pkg/probe/tcp
 * and pkg/probe/grpc word it for a process that does not listen yet ("connection refused").
 */
import type { Container, Probe } from '../api';

function resolvePort(port: number | string | undefined, container: Container): string {
  if (typeof port === 'number') return String(port);
  const named = container.ports?.find((p) => p.name === port);
  return String(named?.containerPort ?? port ?? '');
}

/**
 * The probe's output when nothing answers at `ip`:
 * `Get "http://10.244.1.2:8080/healthz": dial tcp 10.244.1.2:8080: connect: connection refused`.
 */
export function probeFailureOutput(probe: Probe, ip: string, container: Container): string {
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, container);
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const path = probe.httpGet.path ?? '/';
    return `Get "${scheme}://${ip}:${port}${path}": dial tcp ${ip}:${port}: connect: connection refused`;
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, container);
    return `dial tcp ${ip}:${port}: connect: connection refused`;
  }
  if (probe.grpc) {
    return `timeout: failed to connect service "${ip}:${probe.grpc.port}" within 1s: context deadline exceeded`;
  }
  // exec probes print the command's own output, which an image model does not have
  return '';
}
