// Real ClickHouse servers for the HTTP and cluster tests, on loopback only: Debian's
// clickhouse-server (18.16 is what Debian ships; `.ci/run` installs it) with a config of its
// own in a temporary folder (own ports, data, logs; a password for the default user), and
// for a cluster a ZooKeeper (Debian's zookeeper jar, standalone) plus two servers that are
// the two shards of cluster `shiplog2`. Everything started here is stopped by stop().
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

export const SERVER_BIN = '/usr/sbin/clickhouse-server';
export const ZOOKEEPER_JAR = '/usr/share/java/zookeeper.jar';
export const PASSWORD = 'shiplog-test-password';

/** Why no server can be started here, or null. */
export function serverMissing(): string | null {
  if (!existsSync(SERVER_BIN)) return `${SERVER_BIN} is not installed (apt-get install clickhouse-server; .ci/run does it as root)`;
  return null;
}

/** Why no cluster can be started here, or null. */
export function clusterMissing(): string | null {
  const server = serverMissing();
  if (server) return server;
  if (!existsSync(ZOOKEEPER_JAR)) return `${ZOOKEEPER_JAR} is not installed (apt-get install zookeeperd)`;
  if (spawnSync('java', ['-version']).status !== 0) return 'java is not installed (ZooKeeper needs it)';
  return null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(what: string, probe: () => Promise<boolean>, child: ChildProcess, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not answer within ${ms} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(); // exited, or died of a signal
  return new Promise((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface Running {
  url: string;
  tcpPort: number;
  alive(): boolean;
  stop(): Promise<void>;
}

async function sql(url: string, query: string): Promise<string> {
  const res = await fetch(`${url}/?user=default&password=${PASSWORD}`, { method: 'POST', body: query });
  if (!res.ok) throw new Error(await res.text());
  return res.text();
}

interface ClusterPart {
  name: string;
  shards: number[]; // tcp ports, one replica each
  zookeeperPort: number;
  shard: number;
}

function configXml(dir: string, http: number, tcp: number, interserver: number, cluster?: ClusterPart): string {
  const clusterXml = cluster ? `
  <remote_servers><${cluster.name}>${cluster.shards.map((p) => `<shard><internal_replication>true</internal_replication><replica><host>127.0.0.1</host><port>${p}</port><user>default</user><password>${PASSWORD}</password></replica></shard>`).join('')}</${cluster.name}></remote_servers>
  <zookeeper><node><host>127.0.0.1</host><port>${cluster.zookeeperPort}</port></node><session_timeout_ms>30000</session_timeout_ms></zookeeper>
  <macros><shard>${String(cluster.shard).padStart(2, '0')}</shard><replica>r${cluster.shard}</replica></macros>
  <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>
  <interserver_http_host>127.0.0.1</interserver_http_host>` : '';
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/server.err.log</errorlog><console>0</console></logger>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <interserver_http_port>${interserver}</interserver_http_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>5368709</mark_cache_size>
  <uncompressed_cache_size>0</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>${clusterXml}
</yandex>
`;
}

const USERS_XML = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users><default><password>${PASSWORD}</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

/** One clickhouse-server on loopback with a config of its own under `dir`. */
export async function startServer(dir: string, cluster?: Omit<ClusterPart, 'shards'> & { shards: number[]; tcpPort: number }): Promise<Running> {
  mkdirSync(dir, { recursive: true });
  const [http, interserver] = [await freePort(), await freePort()];
  const tcp = cluster?.tcpPort ?? (await freePort());
  writeFileSync(join(dir, 'config.xml'), configXml(dir, http, tcp, interserver, cluster));
  writeFileSync(join(dir, 'users.xml'), USERS_XML);
  const child = spawn(SERVER_BIN, [`--config-file=${join(dir, 'config.xml')}`], { cwd: dir, stdio: 'ignore' });
  const url = `http://127.0.0.1:${http}`;
  await waitFor(`clickhouse-server in ${dir}`, async () => (await fetch(`${url}/ping`)).ok, child);
  return { url, tcpPort: tcp, alive: () => child.exitCode === null && child.signalCode === null, stop: () => stopChild(child) };
}

/** A cluster node that reached ZooKeeper (an 18.16 server that loses ZooKeeper while it starts can crash). */
async function startNode(dir: string, cluster: Omit<ClusterPart, 'shards'> & { shards: number[]; tcpPort: number }): Promise<Running> {
  for (let attempt = 1; ; attempt++) {
    const node = await startServer(dir, cluster);
    const until = Date.now() + 30_000;
    while (Date.now() < until && node.alive()) {
      if (await sql(node.url, "SELECT count() FROM system.zookeeper WHERE path = '/'").then(() => true, () => false)) return node;
      await new Promise((r) => setTimeout(r, 300));
    }
    await node.stop();
    if (attempt === 3) throw new Error(`clickhouse-server in ${dir} did not reach ZooKeeper (see ${dir}/server.err.log)`);
  }
}

/** ZooKeeper standalone on loopback (the jar Debian's zookeeperd installs). */
export async function startZooKeeper(dir: string): Promise<{ port: number; stop(): Promise<void> }> {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const port = await freePort();
  const child = spawn('java', ['-Xmx256m', '-cp', `/etc/zookeeper/conf:${ZOOKEEPER_JAR}`, '-Dzookeeper.admin.enableServer=false',
    '-Dzookeeper.4lw.commands.whitelist=ruok,srvr', `-Dzookeeper.log.dir=${dir}`, 'org.apache.zookeeper.server.ZooKeeperServerMain',
    String(port), join(dir, 'data')], { cwd: dir, stdio: 'ignore' });
  // `srvr`, not `ruok`: ZooKeeper answers imok while it is not yet serving, and refuses the
  // sessions of a clickhouse-server started then (an 18.16 server can die of that)
  await waitFor('ZooKeeper', () => new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let text = '';
    s.once('connect', () => { s.write('srvr'); });
    s.on('data', (b: Buffer) => { text += b.toString(); });
    s.once('close', () => resolve(/Mode: standalone/.test(text)));
    s.once('error', () => resolve(false));
    // A ZooKeeper still starting can take the connection and never answer: without a timeout
    // this probe waited forever (seen once in the full suite, the hook timing out at 120 s).
    s.setTimeout(2000, () => s.destroy());
  }), child);
  return { port, stop: () => stopChild(child) };
}

/** ZooKeeper and two servers, the two shards (one replica each) of cluster `shiplog2`. */
export async function startCluster(dir: string): Promise<{ urls: string[]; cluster: string; revive(): Promise<number>; stop(): Promise<void> }> {
  const zk = await startZooKeeper(join(dir, 'zk'));
  const tcps = [await freePort(), await freePort()];
  const servers: Running[] = [];
  const part = (i: number) => ({ name: 'shiplog2', shards: tcps, zookeeperPort: zk.port, shard: i + 1, tcpPort: tcps[i] });
  try {
    for (const i of tcps.keys()) servers.push(await startNode(join(dir, `s${i + 1}`), part(i)));
  } catch (err) {
    for (const s of servers) await s.stop();
    await zk.stop();
    throw err;
  }
  const urls = servers.map((s) => s.url);
  return {
    urls, cluster: 'shiplog2',
    // An 18.16 node whose ZooKeeper session drops (seen on a loaded 2-core machine) dies with a
    // segfault in zkutil::ZooKeeper::createImpl: start the dead ones again on their data.
    // Its crash handler can hold the socket for seconds before the process exits, so a node
    // that does not answer /ping counts as dead too, and is stopped first.
    revive: async () => {
      let revived = 0;
      for (const i of servers.keys()) {
        const answers = servers[i].alive() && (await fetch(`${servers[i].url}/ping`, { signal: AbortSignal.timeout(5000) }).then((r) => r.ok, () => false));
        if (answers) continue;
        await servers[i].stop();
        servers[i] = await startNode(join(dir, `s${i + 1}`), part(i));
        urls[i] = servers[i].url;
        revived++;
      }
      return revived;
    },
    stop: async () => {
      for (const s of servers) await s.stop();
      await zk.stop();
    },
  };
}
