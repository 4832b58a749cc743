// Which network addresses a URL read from a descriptor may reach: public ones only. A descriptor
// must not make the collector (running inside CI, beside cloud metadata and internal services)
// read loopback, link-local, private or otherwise special addresses. Node's BlockList does the
// matching, so no CIDR arithmetic is written here.
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
// IPv4: this network, private, carrier-grade NAT, loopback, link-local (cloud metadata), IETF
// protocol assignments, documentation, benchmarking, multicast, reserved and broadcast.
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
// IPv6 (IPv4-mapped addresses are judged as IPv4 below: BlockList would match every IPv4 against ::ffff:0:0/96): unspecified, loopback, NAT64, discard, documentation, unique local, link-local, multicast.
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001:db8::', 32],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** Why `address` may not be reached, or undefined when it is a public address. */
export function refusalOf(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  // An IPv4 address written inside IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? hexMapped(address);
  if (mapped) return refusalOf(mapped) ? `${address} is ${refusalOf(mapped)!.replace(/^\S+ is /, '')}` : undefined;
  if (blocked.check(address, family === 4 ? 'ipv4' : 'ipv6')) {
    return `${address} is a loopback, link-local, private or reserved address, which descriptors may not make Backlot read`;
  }
  return undefined;
}

/** `::ffff:7f00:1` → `127.0.0.1`. */
function hexMapped(address: string): string | undefined {
  const m = /^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!m) return undefined;
  const [hi, lo] = [parseInt(m[1], 16), parseInt(m[2], 16)];
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}
