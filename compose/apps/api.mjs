// Example API: GET /health, GET /kv/:key, PUT /kv/:key (body = value) through this slot's Redis;
// GET /notes, POST /notes (body = text) through this slot's own database on the shared Postgres.
import http from 'node:http';
import pg from 'pg';
import { connectRedis } from './redis-client.mjs';

const port = Number(process.env.PORT);
const redisUrl = process.env.REDIS_URL;
if (!port || !redisUrl) {
  console.error('api: PORT and REDIS_URL must be set (devslot sets them from compose/apps/api.env)');
  process.exit(1);
}
const redis = connectRedis(redisUrl);
await redis.ready;
const db = process.env.DATABASE_URL ? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 }) : undefined;

const server = http.createServer(async (req, res) => {
  const send = (code, body) => {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  try {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/health') return send(200, { ok: (await redis.command('PING')) === 'PONG', slot: process.env.DEVSLOT_SLOT });
    if (url.pathname === '/notes' && db) {
      if (req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += chunk;
        const r = await db.query('INSERT INTO notes (body) VALUES ($1) RETURNING id', [body]);
        return send(200, { id: r.rows[0].id, body });
      }
      return send(200, (await db.query('SELECT id, body FROM notes ORDER BY id')).rows);
    }
    const m = /^\/kv\/([\w.-]+)$/.exec(url.pathname);
    if (m && req.method === 'GET') return send(200, { key: m[1], value: await redis.command('GET', m[1]) });
    if (m && req.method === 'PUT') {
      let body = '';
      for await (const chunk of req) body += chunk;
      await redis.command('SET', m[1], body);
      console.log(`api: set ${m[1]}`);
      return send(200, { key: m[1], value: body });
    }
    send(404, { error: 'not found' });
  } catch (err) {
    console.error(`api: ${err.message}`);
    send(500, { error: err.message });
  }
});
server.listen(port, '127.0.0.1', () => console.log(`api: listening on http://127.0.0.1:${port} (slot ${process.env.DEVSLOT_SLOT}, redis ${redisUrl})`));
