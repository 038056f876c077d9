import net from 'node:net';

/**
 * One call to a running PM2 daemon over its RPC socket, without loading pm2 (~55 ms) or its
 * axon modules (~11 ms). The wire format is axon's: an amp message is a meta byte
 * (version << 4 | argc) and argc (uint32 BE length, bytes) arguments, each `j:`+JSON or `s:`+text.
 * A request is [ {type:'call', method, args}, id ]; the reply is [ {args:[…]} | {error}, id ].
 * pm2's own client (pm2/lib/Client.js: executeRemote) sends exactly this; the adapter falls back
 * to the pm2 API whenever anything here is unexpected.
 */
export function encodeAmp(args: unknown[]): Buffer {
  const parts = args.map((a) => Buffer.from(typeof a === 'string' ? `s:${a}` : `j:${JSON.stringify(a ?? null)}`));
  const out = Buffer.alloc(1 + parts.reduce((n, p) => n + 4 + p.length, 0));
  let off = 0;
  out[off++] = (1 << 4) | parts.length;
  for (const p of parts) {
    out.writeUInt32BE(p.length, off);
    off += 4;
    p.copy(out, off);
    off += p.length;
  }
  return out;
}

/** Decode one amp message from the start of `buf`: its arguments and length, or undefined if incomplete. */
export function decodeAmp(buf: Buffer): { args: unknown[]; length: number } | undefined {
  if (buf.length < 1) return undefined;
  const argc = buf[0]! & 0xf;
  let off = 1;
  const args: unknown[] = [];
  for (let i = 0; i < argc; i++) {
    if (buf.length < off + 4) return undefined;
    const len = buf.readUInt32BE(off);
    off += 4;
    if (buf.length < off + len) return undefined;
    const arg = buf.subarray(off, off + len);
    off += len;
    const tag = arg.subarray(0, 2).toString('latin1');
    args.push(tag === 'j:' ? JSON.parse(arg.subarray(2).toString('utf8')) : tag === 's:' ? arg.subarray(2).toString('utf8') : arg);
  }
  return { args, length: off };
}

export function rpcCall(socketPath: string, method: string, args: unknown[], timeoutMs: number): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const id = `${process.pid}:devslot:0`;
    const sock = net.connect(socketPath);
    let buf = Buffer.alloc(0);
    const finish = (err: Error | undefined, value?: unknown[]) => {
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(value!);
    };
    const timer = setTimeout(() => finish(new Error(`PM2 RPC ${method} timed out`)), timeoutMs);
    sock.on('error', (e) => finish(e));
    sock.on('connect', () => sock.write(encodeAmp([{ type: 'call', method, args }, id])));
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      let msg: ReturnType<typeof decodeAmp>;
      try {
        msg = decodeAmp(buf);
      } catch (e) {
        return finish(e as Error);
      }
      if (!msg) return;
      const [reply, replyId] = msg.args as [{ args?: unknown[]; error?: string }, string];
      if (replyId !== id) return finish(new Error('PM2 RPC: reply for another call'));
      if (reply && typeof reply === 'object' && 'error' in reply) return finish(new Error(String(reply.error)));
      if (!reply || !Array.isArray(reply.args)) return finish(new Error('PM2 RPC: unexpected reply'));
      finish(undefined, reply.args);
    });
  });
}
