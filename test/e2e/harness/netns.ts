import { execFileSync, spawnSync } from 'node:child_process';

/**
 * Linux network namespaces for the NAT suite (root only): each namespace this harness makes is
 * named `dbnat-<pid of the test process>-<role>`, so a later run can tell the leftovers of a
 * crashed run (their pid is gone) from a run still going, and touches no other namespace.
 */
export const NETNS_PREFIX = 'dbnat-';

/** Runs a command to completion; throws with its stderr when it fails. */
export function run(command: string, args: string[], input?: string): string {
  try {
    return execFileSync(command, args, {
      encoding: 'utf8',
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`${command} ${args.join(' ')} failed: ${stderr || String(error)}`);
  }
}

/** Whether this process may build namespaces: root, with `ip` and `nft` on the PATH. */
export function canBuildNetworks(): boolean {
  if (process.getuid?.() !== 0) return false;
  return ['ip', 'nft'].every((tool) => spawnSync('which', [tool]).status === 0);
}

export interface Namespace {
  readonly name: string;
  /** Prefix for a command to run inside: `[...ns.prefix, 'turnserver', …]`. */
  readonly prefix: string[];
  /** Runs a command inside, to completion. */
  exec(command: string, args: string[], input?: string): string;
  /** `ip …` inside (`ip -n NAME …`). */
  ip(...args: string[]): string;
  /** Replaces or adds nftables rules inside (`nft -f -`). */
  nft(ruleset: string): void;
  /** Writes a sysctl of this namespace's network stack (`net.ipv4.ip_forward` …). */
  sysctl(key: string, value: string): void;
}

function namespace(name: string): Namespace {
  const prefix = ['ip', 'netns', 'exec', name];
  const exec = (command: string, args: string[], input?: string) =>
    run('ip', ['netns', 'exec', name, command, ...args], input);
  return {
    name,
    prefix,
    exec,
    ip: (...args) => run('ip', ['-n', name, ...args]),
    nft: (ruleset) => void exec('nft', ['-f', '-'], ruleset),
    // /proc/sys/net shows the namespace of the process reading it: no procps needed.
    sysctl: (key, value) =>
      void exec('sh', ['-c', `echo ${value} > /proc/sys/${key.replaceAll('.', '/')}`]),
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Processes still running inside a namespace (a crashed run's coturn, say). */
function pidsIn(name: string): number[] {
  const out = spawnSync('ip', ['netns', 'pids', name], { encoding: 'utf8' }).stdout ?? '';
  return out.split(/\s+/).filter(Boolean).map(Number);
}

/** Ends what runs inside a namespace, then deletes it. */
function remove(name: string): void {
  for (const pid of pidsIn(name)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  spawnSync('ip', ['netns', 'delete', name]);
}

/** Deletes namespaces of this suite left by runs whose process is gone (a crash, a kill -9). */
export function removeLeftovers(): string[] {
  const listed = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
  const names = listed
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(NETNS_PREFIX));
  const stale = names.filter((name) => {
    const pid = Number(name.slice(NETNS_PREFIX.length).split('-')[0]);
    return !Number.isInteger(pid) || pid === process.pid || !alive(pid);
  });
  for (const name of stale) remove(name);
  return stale;
}

/** A set of namespaces made together and deleted together. */
export class Namespaces {
  private readonly made: Namespace[] = [];

  /** A new namespace with loopback up and IPv6 off (every address here is IPv4, 198.18/15). */
  create(role: string): Namespace {
    const name = `${NETNS_PREFIX}${process.pid}-${role}`;
    run('ip', ['netns', 'add', name]);
    const ns = namespace(name);
    this.made.push(ns);
    ns.sysctl('net.ipv6.conf.all.disable_ipv6', '1');
    ns.sysctl('net.ipv6.conf.default.disable_ipv6', '1');
    ns.ip('link', 'set', 'dev', 'lo', 'up');
    return ns;
  }

  /** A cable: a veth pair between two namespaces, each end with its address (CIDR) and up. */
  link(
    a: Namespace,
    aName: string,
    aAddress: string,
    b: Namespace,
    bName: string,
    bAddress: string,
  ) {
    a.ip('link', 'add', aName, 'type', 'veth', 'peer', 'name', bName, 'netns', b.name);
    a.ip('addr', 'add', aAddress, 'dev', aName);
    b.ip('addr', 'add', bAddress, 'dev', bName);
    a.ip('link', 'set', 'dev', aName, 'up');
    b.ip('link', 'set', 'dev', bName, 'up');
  }

  /** Deletes every namespace made here, ending what still runs inside. */
  removeAll(): void {
    for (const ns of this.made.splice(0).reverse()) remove(ns.name);
  }
}
