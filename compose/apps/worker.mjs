// Example worker: counts ticks in this slot's Redis and logs each one.
import { connectRedis } from './redis-client.mjs';

const redis = connectRedis(process.env.REDIS_URL);
await redis.ready;
console.log(`worker: started for slot ${process.env.DEVSLOT_SLOT}`);
setInterval(async () => {
  try {
    const n = await redis.command('INCR', 'worker:ticks');
    console.log(`worker: tick ${n}`);
  } catch (err) {
    console.error(`worker: ${err.message}`);
  }
}, 2000);
