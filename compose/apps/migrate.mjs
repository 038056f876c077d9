// The example's created hook: this slot's table and a first row, in the slot's own database.
import pg from 'pg';

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
await client.query('CREATE TABLE IF NOT EXISTS notes (id serial PRIMARY KEY, body text NOT NULL, at timestamptz NOT NULL DEFAULT now())');
await client.query('INSERT INTO notes (body) VALUES ($1)', [`welcome to slot ${process.env.DEVSLOT_SLOT}`]);
console.log(`migrate: notes ready in ${client.database}`);
await client.end();
