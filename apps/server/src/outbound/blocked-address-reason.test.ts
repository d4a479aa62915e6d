import { describe, expect, it } from 'vitest'
import { blockedAddressReason } from './blocked-address-reason.ts'

describe('blockedAddressReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback address (IPv4-mapped)'],
    ['::ffff:7f00:1', 'loopback address (IPv4-mapped)'],
    ['[::ffff:a9fe:a9fe]', 'link-local address (cloud metadata lives here) (IPv4-mapped)'],
    ['::ffff:0:10.0.0.1', 'private network address (IPv4-translated)'],
    ['64:ff9b::10.0.0.1', 'private network address (NAT64)'],
    ['64:ff9b::7f00:1', 'loopback address (NAT64)'],
    ['2002:7f00:1::', 'loopback address (6to4)'],
    ['::7f00:1', 'reserved'],
    ['2001:db8::1', 'documentation'],
    ['not-an-ip', 'not an IP address'],
  ])('refuses %s as %s', (ip, reason) => {
    expect(blockedAddressReason(ip)).toContain(reason)
  })

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('lets the public address %s through', (ip) => {
    expect(blockedAddressReason(ip)).toBeUndefined()
  })
})
