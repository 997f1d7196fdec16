import { type Namespace, Namespaces, removeLeftovers } from './netns.js';

/**
 * The NAT suite's network, all in 198.18.0.0/15 and all inside namespaces it makes:
 *
 *                         sink 198.18.9.2 (drops everything)
 *                           |
 *   198.18.0.1 server   [public]   198.18.0.2 coturn          (the "internet", routes)
 *                      /        \
 *   198.18.1.2 [nat-sharer]      [nat-guest] 198.18.2.2        (NAT routers, their WAN side)
 *   198.19.1.1      |                  |      198.19.2.1
 *   198.19.1.2 [sharer]             [guest] 198.19.2.2         (the browsers)
 *
 * 198.18.0.0/16 is the public side, 198.19.0.0/16 the private networks behind the NATs (coturn
 * is told to relay to the first only, as it would to the internet and not to 10/8).
 * Each router masquerades with `random,fully-random` (address-and-port-dependent mapping) and
 * lets in only replies to what went out (address-and-port-dependent filtering), and drops
 * unsolicited packets to itself silently; so no direct path exists between sharer and guest.
 * The public side has no route into the private networks; its default route goes to the
 * sink, which drops silently: without it, coturn's sends towards a private candidate fail at
 * once with "network unreachable" and coturn closes the whole allocation (DESIGN.md §7).
 */
export const ADDRESSES = {
  server: '198.18.0.1',
  turn: '198.18.0.2',
  sharerWan: '198.18.1.2',
  guestWan: '198.18.2.2',
  sharer: '198.19.1.2',
  guest: '198.19.2.2',
  /** What coturn may relay to: the public side only. */
  publicRange: '198.18.0.0/16',
  privateRange: '198.19.0.0/16',
} as const;

export type NatMode = 'nat' | 'direct';

export interface NatNetwork {
  public: Namespace;
  sharer: Namespace;
  guest: Namespace;
  routers: { sharer: Namespace; guest: Namespace };
  /**
   * `nat`: both ends behind their NAT (the default). `direct`: the routers forward without
   * translating or filtering and the public side routes to both networks, so both ends are on
   * the public side and reach each other directly.
   */
  setMode(mode: NatMode): void;
  /** Every UDP packet through both routers dropped (a network that lets only TCP out), or not. */
  blockUdp(blocked: boolean): void;
  /** Packets to these TCP/UDP ports of coturn's address dropped in the public namespace. */
  blockTurnPorts(ports: number[]): void;
  close(): void;
}

const ROUTER_NAT = `
table ip deskbridge_nat {
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "wan" masquerade random,fully-random
  }
}
table inet deskbridge_filter {
  chain forward {
    type filter hook forward priority filter; policy drop;
    ct state established,related accept
    iifname "lan" oifname "wan" accept
  }
  chain input {
    type filter hook input priority filter; policy accept;
    iifname "wan" ct state established,related accept
    iifname "wan" drop
  }
}
`;

const BLOCK_UDP = `
table inet deskbridge_block_udp {
  chain forward {
    type filter hook forward priority filter - 10; policy accept;
    meta l4proto udp drop
  }
}
`;

const SINK = `
table inet deskbridge_sink {
  chain input { type filter hook input priority filter; policy drop; }
  chain forward { type filter hook forward priority filter; policy drop; }
}
`;

const blockPorts = (ports: number[]) => `
table inet deskbridge_block_turn {
  chain input {
    type filter hook input priority filter - 10; policy accept;
    ip daddr ${ADDRESSES.turn} udp dport { ${ports.join(', ')} } drop
    ip daddr ${ADDRESSES.turn} tcp dport { ${ports.join(', ')} } drop
  }
}
`;

const dropTable = (ns: Namespace, family: string, table: string) => {
  try {
    ns.exec('nft', ['delete', 'table', family, table]);
  } catch {
    // Not there: nothing to drop.
  }
};

/** Builds the network; on any failure what was made is deleted again. */
export function buildNatNetwork(): NatNetwork {
  removeLeftovers();
  const made = new Namespaces();
  try {
    return build(made);
  } catch (error) {
    made.removeAll();
    throw error;
  }
}

function build(made: Namespaces): NatNetwork {
  const pub = made.create('public');
  const sink = made.create('sink');
  const routerA = made.create('nat-sharer');
  const routerB = made.create('nat-guest');
  const sharer = made.create('sharer');
  const guest = made.create('guest');

  pub.ip('addr', 'add', `${ADDRESSES.server}/32`, 'dev', 'lo');
  pub.ip('addr', 'add', `${ADDRESSES.turn}/32`, 'dev', 'lo');
  made.link(pub, 'sink', '198.18.9.1/24', sink, 'uplink', '198.18.9.2/24');
  made.link(pub, 'to-sharer', '198.18.1.1/24', routerA, 'wan', `${ADDRESSES.sharerWan}/24`);
  made.link(pub, 'to-guest', '198.18.2.1/24', routerB, 'wan', `${ADDRESSES.guestWan}/24`);
  made.link(routerA, 'lan', '198.19.1.1/24', sharer, 'eth0', `${ADDRESSES.sharer}/24`);
  made.link(routerB, 'lan', '198.19.2.1/24', guest, 'eth0', `${ADDRESSES.guest}/24`);

  pub.sysctl('net.ipv4.ip_forward', '1');
  pub.ip('route', 'add', 'default', 'via', '198.18.9.2');
  sink.nft(SINK);
  for (const [router, wan] of [
    [routerA, '198.18.1.1'],
    [routerB, '198.18.2.1'],
  ] as const) {
    router.sysctl('net.ipv4.ip_forward', '1');
    router.ip('route', 'add', 'default', 'via', wan);
    router.nft(ROUTER_NAT);
  }
  sharer.ip('route', 'add', 'default', 'via', '198.19.1.1');
  guest.ip('route', 'add', 'default', 'via', '198.19.2.1');

  const routers = [routerA, routerB];
  const privateRoutes = [
    ['198.19.1.0/24', ADDRESSES.sharerWan],
    ['198.19.2.0/24', ADDRESSES.guestWan],
  ] as const;
  let mode: NatMode = 'nat';
  return {
    public: pub,
    sharer,
    guest,
    routers: { sharer: routerA, guest: routerB },
    setMode(next) {
      if (next === mode) return;
      mode = next;
      for (const router of routers) {
        if (next === 'nat') router.nft(ROUTER_NAT);
        else {
          dropTable(router, 'ip', 'deskbridge_nat');
          dropTable(router, 'inet', 'deskbridge_filter');
        }
      }
      for (const [range, via] of privateRoutes) {
        pub.ip('route', next === 'direct' ? 'add' : 'del', range, 'via', via);
      }
    },
    blockUdp(blocked) {
      for (const router of routers) {
        if (blocked) router.nft(BLOCK_UDP);
        else dropTable(router, 'inet', 'deskbridge_block_udp');
      }
    },
    blockTurnPorts(ports) {
      dropTable(pub, 'inet', 'deskbridge_block_turn');
      if (ports.length > 0) pub.nft(blockPorts(ports));
    },
    close: () => made.removeAll(),
  };
}
