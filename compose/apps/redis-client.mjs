// A tiny Redis client (RESP over a socket) so the example apps need no dependency.
import net from 'node:net';

export function connectRedis(url) {
  const u = new URL(url);
  const socket = net.connect(Number(u.port || 6379), u.hostname);
  let buffer = Buffer.alloc(0);
  const waiting = [];
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const parsed = parseReply(buffer, 0);
      if (!parsed) break;
      buffer = buffer.subarray(parsed.end);
      const w = waiting.shift();
      if (w) parsed.value instanceof Error ? w.reject(parsed.value) : w.resolve(parsed.value);
    }
  });
  const failAll = (err) => { while (waiting.length) waiting.shift().reject(err); };
  socket.on('error', failAll);
  socket.on('close', () => failAll(new Error('redis connection closed')));
  const command = (...args) =>
    new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join('')}`);
    });
  const ready = new Promise((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
  return { command, ready, close: () => socket.end() };
}

function parseReply(buf, at) {
  const eol = buf.indexOf('\r\n', at);
  if (eol === -1) return null;
  const type = String.fromCharCode(buf[at]);
  const line = buf.toString('utf8', at + 1, eol);
  if (type === '+') return { value: line, end: eol + 2 };
  if (type === '-') return { value: new Error(line), end: eol + 2 };
  if (type === ':') return { value: Number(line), end: eol + 2 };
  if (type === '$') {
    const len = Number(line);
    if (len === -1) return { value: null, end: eol + 2 };
    if (buf.length < eol + 2 + len + 2) return null;
    return { value: buf.toString('utf8', eol + 2, eol + 2 + len), end: eol + 2 + len + 2 };
  }
  if (type === '*') {
    const n = Number(line);
    const items = [];
    let end = eol + 2;
    for (let i = 0; i < n; i++) {
      const item = parseReply(buf, end);
      if (!item) return null;
      items.push(item.value);
      end = item.end;
    }
    return { value: items, end };
  }
  return { value: new Error(`bad reply ${type}`), end: eol + 2 };
}
